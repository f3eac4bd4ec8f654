import type { CaseServiceBody, CaseView } from '@fep/contracts';
import { isCivilDate } from '@fep/domain';
import { AppError } from '../../../platform/errors.ts';

type Outcome = 'fine' | 'warning' | 'no_penalty';
const SEVERITY: Record<Outcome, number> = { no_penalty: 0, warning: 1, fine: 2 };

/**
 * A penalty named in a notice or a decision: a fine has an amount inside the statutory range (the law's,
 * never the band's: a decision outside the band is a deviation, outside the law it is unlawful); a warning
 * or no penalty has none.
 */
export function checkFine(input: { outcome: Outcome; fine?: number | undefined }, proposal: CaseView['proposal']): void {
  if (input.outcome !== 'fine') {
    if (input.fine !== undefined) throw new AppError('ENFORCEMENT.FINE_INVALID', '警告或者不予处罚不写罚款数额', { field: 'fine' });
    return;
  }
  if (input.fine === undefined) throw new AppError('ENFORCEMENT.FINE_INVALID', '请填写罚款数额', { field: 'fine' });
  const s = proposal.statutory;
  if (s && (input.fine < s.min || input.fine > s.max))
    throw new AppError('ENFORCEMENT.FINE_OUTSIDE_LAW', `罚款数额超出法定幅度（${s.min}–${s.max} 元）`, { field: 'fine', statutory: s });
}

/**
 * 行政处罚法 art. 45: the penalty is never raised because the party stated or defended itself — a decision may
 * not be heavier than its notice (a heavier one needs a new notice after new facts).
 */
export function notHeavierThanNotice(notice: { outcome: Outcome | null; fine: number | null }, decided: { outcome: Outcome; fine?: number | undefined }): void {
  if (!notice.outcome) return;
  const heavier =
    SEVERITY[decided.outcome] > SEVERITY[notice.outcome] ||
    (decided.outcome === 'fine' && notice.outcome === 'fine' && (decided.fine ?? 0) > (notice.fine ?? 0));
  if (heavier)
    throw new AppError('ENFORCEMENT.HEAVIER_THAN_NOTICE', '处罚决定不得重于告知的处罚（行政处罚法第四十五条：不得因当事人陈述、申辩而给予更重的处罚）', {
      field: decided.outcome === 'fine' ? 'fine' : 'outcome',
    });
}

/** A 'YYYY-MM-DD' the schema let through must also be a day of the calendar (no 2026-13-45): else 400 naming the field. */
export function civilDate(value: string, field: string): string {
  if (!isCivilDate(value)) throw new AppError('REQUEST.BAD_DATE', '日期无效，请按“年-月-日”填写实际存在的日期', { field });
  return value;
}

/**
 * The postal tracking number of a service by post (邮寄送达): the proof of the service and of its date, so it is
 * required for 'post' (422 naming the field) and not kept for the other methods.
 */
export function trackingOf(input: CaseServiceBody): string | null {
  if (input.method !== 'post') return null;
  const n = input.trackingNumber?.trim();
  if (!n) throw new AppError('ENFORCEMENT.TRACKING_REQUIRED', '邮寄送达须填写邮件单号（挂号信或特快专递单号）', { field: 'trackingNumber' });
  return n;
}
