/**
 * Facts of credit that other features react to. A unit became a non-random trigger (CRD-02, SUP-06): put on
 * the serious-dishonesty list (严重失信主体名单) or at a level the `credit.sanctions` policy names as a trigger;
 * supervision opens an inspection task for it, once per unit and period. The payload carries everything the
 * task needs, so no subscriber reads credit's tables.
 */
export const INSPECTION_TRIGGERED = 'credit.inspection_triggered';

export interface InspectionTriggered {
  usci: string;
  agencyId: string;
  /** The period the trigger counts in: the calendar year (China) of the change, e.g. "2026". */
  period: string;
  level: 'A' | 'B' | 'C' | 'D';
  blacklisted: boolean;
  /** Why, in Chinese, as the inspectors read it in their task queue. */
  reason: string;
}
