import type { WorkCalendar } from '../calendar.ts';
import { computeClock } from '../clock.ts';
import type { ComplaintDeadlinesPolicy } from '../policy/kinds.ts';

/**
 * The statutory verification limit of a report (CMP-02). 《消防监督检查规定》（公安部令第120号）: reports of
 * 占用、堵塞、封闭疏散通道、安全出口 or 擅自停用消防设施 are verified within 24 hours of receipt (calendar hours,
 * running from the instant of receipt); every other report within 3 working days of the day of receipt
 * (the day of receipt is not counted; the limit ends at the end of the third working day, Beijing time).
 * The split and the numbers come from the jurisdiction's `complaints.deadlines` policy (Huzhou used 4
 * working days), so a category missing from it falls back to the policy's `other` row.
 */
export interface VerificationLimit {
  category: string;
  unit: 'hours' | 'working_days';
  amount: number;
}

export function verificationLimit(policy: ComplaintDeadlinesPolicy, category: string): VerificationLimit {
  const row = policy.deadlines.find((d) => d.category === category) ?? policy.deadlines.find((d) => d.category === 'other');
  if (!row) throw new RangeError(`no verification limit for ${category} and no 'other' row`);
  return { category: row.category, unit: row.unit, amount: row.amount };
}

export interface VerificationDue {
  unit: 'hours' | 'working_days';
  amount: number;
  /** The instant after which the verification is late. */
  dueAt: string;
  /** The last working day (Beijing) for working-day limits; null for hour limits. */
  dueDate: string | null;
  /** True when a day counted lies in a year whose holiday schedule is not yet published. */
  provisional: boolean;
}

export function verificationDue(policy: ComplaintDeadlinesPolicy, category: string, receivedAt: string, cal: WorkCalendar): VerificationDue {
  const limit = verificationLimit(policy, category);
  const state = computeClock({ unit: limit.unit, amount: limit.amount, startedAt: receivedAt, warnBefore: 0 }, [], cal);
  if (!state.dueAt) throw new Error('a fresh clock has a due time');
  return { unit: limit.unit, amount: limit.amount, dueAt: state.dueAt, dueDate: state.dueDate, provisional: state.provisional };
}
