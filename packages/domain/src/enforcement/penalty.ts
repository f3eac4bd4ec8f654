import { addDays } from '../dates.ts';
import { maskIdNumber, maskPersonName } from '../masking.ts';

/**
 * Payment of a fine (ENF-06) and the public record of a decision (ENF-07): pure rules over dates and amounts.
 * Amounts are in yuan; late fees are computed to the fen (分).
 */

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A period during which no late fee accrues (复议、诉讼期间, deferral approved): `to` open while it lasts. */
export interface SuspensionPeriod {
  from: string;
  to?: string | null;
}

/**
 * 加处罚款 (行政处罚法 art. 72 ¶1 (1)): a party who does not pay by the due date owes, for each day late, the
 * policy's percentage of the fine (national default 3 %), never more than the fine itself. Days are calendar
 * days after the due date up to the day of payment or `asOf`; days inside a suspension (a pending review or
 * lawsuit, art. 73, or an approved deferral, art. 66) do not count.
 */
export function lateFee(input: { fine: number; dueDate: string; asOf: string; percentPerDay: number; suspensions?: SuspensionPeriod[] }): {
  days: number;
  amount: number;
} {
  const { fine, dueDate, asOf, percentPerDay } = input;
  if (fine <= 0 || asOf <= dueDate) return { days: 0, amount: 0 };
  let days = 0;
  // Late days are those after the due date, up to and including `asOf`.
  for (let d = addDays(dueDate, 1); d <= asOf; d = addDays(d, 1)) {
    const suspended = (input.suspensions ?? []).some((s) => d >= s.from && (!s.to || d <= s.to));
    if (!suspended) days++;
  }
  const raw = Math.round(fine * percentPerDay * days); // fen: yuan × percent
  return { days, amount: Math.min(fine, raw / 100) };
}

/** The due date of a fine: the policy's number of calendar days after service (行政处罚法 art. 67 ¶3: 十五日内). */
export function paymentDueDate(servedOn: string, paymentCalendarDays: number): string {
  return addDays(servedOn, paymentCalendarDays);
}

/** Whether what was paid settles the fine and the late fee due on the day of payment. */
export function paymentSettles(paid: number, fine: number, fee: number): boolean {
  return Math.round(paid * 100) >= Math.round((fine + fee) * 100);
}

/**
 * The party as the public record shows it (ENF-07; 行政处罚法 art. 48, 个人信息保护法 art. 28): a unit by its
 * name and USCI; a person by a masked name and a masked ID number, never in full.
 */
export function publicPartyOf(party: { kind: 'unit' | 'person'; name: string; usci?: string | null; idNumber?: string | null }): {
  name: string;
  usci: string | null;
  idNumber: string | null;
} {
  if (party.kind === 'unit') return { name: party.name, usci: party.usci ?? null, idNumber: null };
  return { name: maskPersonName(party.name), usci: null, idNumber: party.idNumber ? maskIdNumber(party.idNumber) : null };
}

/** 罚款金额（万元）as the national 行政处罚 record format has it: yuan / 10,000 to six decimals, trailing zeros dropped. */
export function fineInWan(yuan: number): number {
  return Math.round(yuan * 100) / 1_000_000;
}

/**
 * 暂缓或者分期缴纳 (行政处罚法 art. 66 ¶2): a party in real financial difficulty may, on request and with the
 * agency's approval, pay later (one new due date) or in instalments (each with its date and amount). The
 * longest deferral and the number of instalments are policy (待确认: the law sets no number).
 */
export const PAYMENT_PLAN_KINDS = ['deferral', 'instalments'] as const;
export type PaymentPlanKind = (typeof PAYMENT_PLAN_KINDS)[number];
export const PAYMENT_PLAN_KIND_LABELS: Record<PaymentPlanKind, string> = { deferral: '暂缓缴纳', instalments: '分期缴纳' };
export const PAYMENT_PLAN_STATUS_LABELS: Record<'requested' | 'approved' | 'refused', string> = {
  requested: '待审批',
  approved: '已批准',
  refused: '不予批准',
};

export interface Instalment {
  dueDate: string;
  amount: number;
}

/** A schedule that cannot be approved: the field it concerns and why, in words. */
export class PaymentPlanError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Whether a schedule fits the fine and the policy: dates after the original due date and in order, within the
 * policy's longest period from it; one date for a deferral (the whole fine), two or more instalments up to the
 * policy's number for instalments, adding up to the fine to the fen. Throws PaymentPlanError.
 */
export function checkPaymentPlan(
  limits: { maxDays: number; maxInstalments: number },
  input: { fine: number; dueDate: string; kind: PaymentPlanKind; schedule: Instalment[] },
): void {
  const { fine, dueDate, kind, schedule } = input;
  if (kind === 'deferral' && schedule.length !== 1) throw new PaymentPlanError('schedule', '暂缓缴纳只能申请一个新的缴纳期限');
  if (kind === 'instalments' && (schedule.length < 2 || schedule.length > limits.maxInstalments))
    throw new PaymentPlanError('schedule', `分期缴纳应分 2 至 ${limits.maxInstalments} 期`);
  const last = addDays(dueDate, limits.maxDays);
  let previous = dueDate;
  for (const i of schedule) {
    if (i.dueDate <= previous) throw new PaymentPlanError('schedule', '各期缴纳日期应晚于原缴纳期限并依次递增');
    if (i.dueDate > last) throw new PaymentPlanError('schedule', `缴纳期限最长可至原期限后 ${limits.maxDays} 日（${last}）`);
    if (!(i.amount > 0)) throw new PaymentPlanError('schedule', '每期金额应大于零');
    previous = i.dueDate;
  }
  const total = schedule.reduce((s, i) => s + Math.round(i.amount * 100), 0);
  if (total !== Math.round(fine * 100)) throw new PaymentPlanError('schedule', `各期金额合计应等于罚款 ${fine} 元`);
}

/**
 * The late fee of a fine under an approved schedule (art. 66, 72): each instalment accrues on its own amount
 * from its own due date (never more than that amount), the periods of review or litigation left out (art. 73
 * ¶3). Without a schedule it is `lateFee` on the whole fine. `days` is the longest run of any instalment.
 */
export function scheduledLateFee(input: {
  fine: number;
  dueDate: string;
  asOf: string;
  percentPerDay: number;
  suspensions?: SuspensionPeriod[];
  schedule?: Instalment[] | null;
}): { days: number; amount: number; dueDate: string } {
  const schedule = input.schedule?.length ? input.schedule : null;
  if (!schedule) return { ...lateFee(input), dueDate: input.dueDate };
  let days = 0;
  let fen = 0;
  for (const i of schedule) {
    const fee = lateFee({ fine: i.amount, dueDate: i.dueDate, asOf: input.asOf, percentPerDay: input.percentPerDay, suspensions: input.suspensions });
    days = Math.max(days, fee.days);
    fen += Math.round(fee.amount * 100);
  }
  // The due date shown is the next instalment not yet due, or the last one.
  const next = schedule.find((i) => i.dueDate >= input.asOf) ?? schedule.at(-1)!;
  return { days, amount: Math.min(input.fine, fen / 100), dueDate: next.dueDate };
}

/** An instalment settled: its number in the schedule (1-based), the day paid and the late fee paid with it. */
export interface InstalmentPaid {
  seq: number;
  paidOn: string;
  lateFee: number;
}

export interface InstalmentState {
  seq: number;
  dueDate: string;
  amount: number;
  paid: boolean;
  paidOn: string | null;
  /** Paid: the fee paid with it; open: the fee accrued on it alone as of the day asked. */
  lateFee: number;
  lateFeeDays: number;
}

/**
 * One instalment of an approved schedule settled on its own (行政处罚法 art. 66 ¶2, 72): its amount plus the late
 * fee accrued on that amount alone from its own due date — 3 % a day by default, never more than the instalment
 * (art. 72 ¶1 (1) read per instalment: the fee may not exceed the amount it accrues on), the days of a pending
 * review or lawsuit left out (art. 73 ¶3).
 */
export function instalmentLateFee(input: { instalment: Instalment; asOf: string; percentPerDay: number; suspensions?: SuspensionPeriod[] }): {
  days: number;
  amount: number;
} {
  const { instalment, asOf, percentPerDay, suspensions } = input;
  return lateFee({ fine: instalment.amount, dueDate: instalment.dueDate, asOf, percentPerDay, suspensions });
}

/**
 * The ledger of an instalment schedule on a day: each instalment paid or open with its fee, what is due now (the
 * earliest open instalment with its fee as of `asOf`, null when all are paid) and whether the fine is settled.
 */
export function instalmentLedger(input: {
  schedule: Instalment[];
  paid: InstalmentPaid[];
  asOf: string;
  percentPerDay: number;
  suspensions?: SuspensionPeriod[];
}): { instalments: InstalmentState[]; dueNow: (InstalmentState & { total: number }) | null; settled: boolean } {
  const instalments = input.schedule.map((i, k): InstalmentState => {
    const seq = k + 1;
    const p = input.paid.find((x) => x.seq === seq);
    if (p) {
      const days = instalmentLateFee({ instalment: i, asOf: p.paidOn, percentPerDay: input.percentPerDay, suspensions: input.suspensions }).days;
      return { seq, dueDate: i.dueDate, amount: i.amount, paid: true, paidOn: p.paidOn, lateFee: p.lateFee, lateFeeDays: days };
    }
    const fee = instalmentLateFee({ instalment: i, asOf: input.asOf, percentPerDay: input.percentPerDay, suspensions: input.suspensions });
    return { seq, dueDate: i.dueDate, amount: i.amount, paid: false, paidOn: null, lateFee: fee.amount, lateFeeDays: fee.days };
  });
  const open = instalments.find((i) => !i.paid);
  const dueNow = open ? { ...open, total: Math.round((open.amount + open.lateFee) * 100) / 100 } : null;
  return { instalments, dueNow, settled: !open };
}

/** 行政复议、行政诉讼 (行政处罚法 art. 73 ¶3): while either is pending no late fee accrues. */
export const REMEDY_KINDS = ['review', 'litigation'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export const REMEDY_KIND_LABELS: Record<RemedyKind, string> = { review: '行政复议', litigation: '行政诉讼' };

/**
 * The two-character pieces (bigrams) of a text, distinct, lower-cased, as the public penalty search indexes a
 * published decision's unit name, decision number and USCI (ENF-07): any text of two or more characters that
 * occurs in a field contains every bigram of itself, so the decisions holding the query's rarest bigram are a
 * superset of the matches (then checked by the same contains-test). Chinese has no word breaks, so bigrams
 * rather than words; a query of one character has none (the caller searches without the index).
 */
export function searchBigrams(...texts: Array<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const chars = [...text.toLowerCase()];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}
