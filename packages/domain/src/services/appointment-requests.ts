import { isWorkingDay, type WorkCalendar } from '../calendar.ts';
import { chinaDateOf, chinaDateTimeOf } from '../dates.ts';

/**
 * SVC-03: training and drills at a time that suits the unit (辽阳 003 #16: 消防救援机构在社会单位组织实施消防演练或开展
 * 消防知识培训时，与社会单位提前预约，确保不影响社会单位正常生产经营秩序) — the unit proposes times, the agency confirms
 * one or proposes another within its reply clock, the unit accepts a counter-proposal; and requests for service
 * outside office hours (错时、预约服务), accepted or declined with a reason.
 */
export const APPOINTMENT_REQUEST_KIND_LABELS = { drill: '消防演练', training: '消防知识培训', off_hours: '非工作时间预约服务' } as const;
export type AppointmentRequestKind = keyof typeof APPOINTMENT_REQUEST_KIND_LABELS;

export const APPOINTMENT_REQUEST_STATUS_LABELS = {
  proposed: '待消防救援机构确认',
  counter_proposed: '机构另提时间，待单位确认',
  confirmed: '已确认',
  declined: '未予安排',
  cancelled: '已取消',
} as const;
export type AppointmentRequestStatus = keyof typeof APPOINTMENT_REQUEST_STATUS_LABELS;

export type AppointmentRequestAction = 'confirm' | 'counter' | 'accept' | 'decline' | 'cancel';

/** The state a request moves to by an action, or null when the action does not apply in its state. */
export function nextRequestStatus(
  kind: AppointmentRequestKind,
  status: AppointmentRequestStatus,
  action: AppointmentRequestAction,
): AppointmentRequestStatus | null {
  switch (action) {
    case 'confirm':
      return status === 'proposed' ? 'confirmed' : null;
    // A request outside office hours is accepted at its time or declined with a reason: no other time is proposed.
    case 'counter':
      return status === 'proposed' && kind !== 'off_hours' ? 'counter_proposed' : null;
    case 'accept':
      return status === 'counter_proposed' ? 'confirmed' : null;
    case 'decline':
      return status === 'proposed' ? 'declined' : null;
    case 'cancel':
      return status === 'proposed' || status === 'counter_proposed' || status === 'confirmed' ? 'cancelled' : null;
  }
}

/** Policy `services.appointments`: the reminder's lead time, the agency's reply time and its office hours. */
export interface AppointmentsPolicy {
  reminderLeadHours: number;
  replyWorkingDays: number;
  officeStart: string;
  officeEnd: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether an instant falls outside office hours: a non-working day on the region's calendar, or before or after the office day. */
export function outsideOfficeHours(instant: string, cal: WorkCalendar, p: Pick<AppointmentsPolicy, 'officeStart' | 'officeEnd'>): boolean {
  if (!isWorkingDay(cal, chinaDateOf(instant)).working) return true;
  const m = minutesOf(chinaDateTimeOf(instant).slice(11, 16));
  return m < minutesOf(p.officeStart) || m >= minutesOf(p.officeEnd);
}

/** Whether a reminder is due: the appointment starts within the lead time from now and has not begun. */
export function reminderDue(startsAt: string, nowIso: string, leadHours: number): boolean {
  const start = Date.parse(startsAt);
  const now = Date.parse(nowIso);
  return start > now && start - now <= leadHours * 3_600_000;
}
