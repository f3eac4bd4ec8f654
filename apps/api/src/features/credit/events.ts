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

/**
 * Units' credit level or risk level moved (CRD-01, CRD-04, MON-02): a standing was first computed, or a record, a
 * withdrawal, a repair or the nightly recomputation changed its level or risk level. Written in the transaction of
 * the change (the compare-and-set on the standing's version makes `levelFrom`/`riskFrom` exactly what was replaced;
 * null: the unit had no standing, so its directory levels stood). One unit per event on the per-unit path; the
 * nightly sweep lists the units of each chunk it wrote (at most 500) in one event, so that a policy version moving a
 * province's levels adds a few thousand deliveries, not millions, to the one dispatch queue. The leaders' dashboard
 * keeps its distribution of units by level with it. Persons (engineers) are no units: never listed.
 */
export const CREDIT_LEVEL_CHANGED = 'credit.level_changed';

export interface CreditLevelChange {
  usci: string;
  agencyPath: string;
  levelFrom: 'A' | 'B' | 'C' | 'D' | null;
  levelTo: 'A' | 'B' | 'C' | 'D';
  riskFrom: 'low' | 'medium' | 'high' | null;
  riskTo: 'low' | 'medium' | 'high';
}
export interface CreditLevelChanged {
  units: CreditLevelChange[];
}
