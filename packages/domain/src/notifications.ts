/**
 * Notification kinds (NTF): what the notification centre tells whom, and on which channels. In-app
 * messages are always kept; SMS is a choice per kind that each user makes (the defaults below apply until
 * they do). Defaults: SMS on for the steps that start or end an applicant's or unit's time (行政许可法
 * art. 32, 44: the applicant is told of acceptance, defects and the decision), off for workload messages.
 */
export const NOTIFICATION_KINDS = [
  'application_submitted',
  'application_accepted',
  'notice_issued',
  'permit_granted',
  'application_refused',
  'order_issued',
  'extension_requested',
  'extension_decided',
  'clock_due_soon',
  'clock_overdue',
  'complaint_received',
  'fire_alarm',
  'unit_fire_alarm',
  'appointment_reminder',
  'appointment_answered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  application_submitted: '新的许可申请',
  application_accepted: '申请已受理',
  notice_issued: '补正告知',
  permit_granted: '准予许可',
  application_refused: '不予许可',
  order_issued: '责令限期改正',
  extension_requested: '整改延期申请',
  extension_decided: '整改延期审批结果',
  clock_due_soon: '办理时限即将到期',
  clock_overdue: '办理时限已超期',
  complaint_received: '新的火灾隐患举报',
  fire_alarm: '远程监控火警',
  unit_fire_alarm: '本单位火警',
  appointment_reminder: '预约提醒',
  appointment_answered: '预约答复',
};

/** Who receives a kind: businesses (办事大厅) or agency staff (工作台); each settings page lists its own. */
export const NOTIFICATION_AUDIENCE: Record<NotificationKind, 'applicant' | 'staff'> = {
  application_submitted: 'staff',
  application_accepted: 'applicant',
  notice_issued: 'applicant',
  permit_granted: 'applicant',
  application_refused: 'applicant',
  order_issued: 'applicant',
  extension_requested: 'staff',
  extension_decided: 'applicant',
  clock_due_soon: 'staff',
  clock_overdue: 'staff',
  complaint_received: 'staff',
  fire_alarm: 'staff',
  unit_fire_alarm: 'applicant',
  appointment_reminder: 'applicant',
  appointment_answered: 'applicant',
};

export const SMS_DEFAULT: Record<NotificationKind, boolean> = {
  application_submitted: false,
  application_accepted: true,
  notice_issued: true,
  permit_granted: true,
  application_refused: true,
  order_issued: true,
  extension_requested: false,
  extension_decided: true,
  clock_due_soon: false,
  clock_overdue: true,
  // A 24-hour verification clock starts at receipt: the intake desk should know at once.
  complaint_received: true,
  // MON-01: a fire alarm is told at once, on every channel the person has.
  fire_alarm: true,
  unit_fire_alarm: true,
  // SVC-03: the reminder is the point of the message; an answer fixes the unit's time.
  appointment_reminder: true,
  appointment_answered: true,
};

export const NOTIFICATION_CHANNELS = ['in_app', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = { in_app: '站内消息', sms: '短信' };

/** A delivery on an outside channel: pending → sent, or failed (retried with backoff) → … → dead. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败，将重试',
  dead: '多次失败，已停止',
};

export function isNotificationKind(s: string): s is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(s);
}
