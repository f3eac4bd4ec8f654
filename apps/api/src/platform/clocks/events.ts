/**
 * A clock became due soon or overdue (OVS-01): raised once per clock and kind by the sweep. The payload
 * carries what a notification needs (whose clock, which matter, the deadline and its legal basis).
 */
export const CLOCK_ALERT_RAISED = 'clocks.alert_raised';

export interface ClockAlertRaised {
  clockId: string;
  kind: 'due_soon' | 'overdue';
  title: string;
  targetType: string;
  targetId: string;
  agencyId: string;
  agencyPath: string;
  assigneeUserId: string | null;
  /** The deadline as a person reads it: a date, or a Beijing date and time for hour clocks. */
  due: string;
  provisional: boolean;
  legalBasis: string;
}
