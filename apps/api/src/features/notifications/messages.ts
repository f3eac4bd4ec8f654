import { chinaDateTimeOf, type NotificationKind, type Permission } from '@fep/domain';
import { CLOCK_ALERT_RAISED, type ClockAlertRaised } from '../../platform/clocks/events.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { APPOINTMENT_ANSWERED, APPOINTMENT_REMINDER_DUE, type AppointmentAnswered, type AppointmentReminderDue } from '../appointments/index.ts';
import { COMPLAINT_RECEIVED, type ComplaintReceived } from '../complaints/index.ts';
import {
  APPLICATION_ACCEPTED,
  APPLICATION_REFUSED,
  APPLICATION_SUBMITTED,
  type ApplicationAccepted,
  type ApplicationFact,
  type ApplicationRefused,
  type ApplicationSubmitted,
  NOTICE_ISSUED,
  type NoticeIssued,
  PERMIT_GRANTED,
  type PermitGranted,
} from '../licensing/index.ts';
import { FIRE_ALARM_RECEIVED, type FireAlarmReceived } from '../monitoring/index.ts';
import { EXTENSION_DECIDED, EXTENSION_REQUESTED, type ExtensionDecided, type ExtensionRequested, ORDER_ISSUED, type OrderFact } from '../supervision/index.ts';

/** Who is told: named users, the accounts of a business, or the staff of an agency holding a permission. */
export type Audience = { users: string[] } | { usci: string } | { agencyId: string; permission: Permission };

/** One message before it has recipients: what it says (Chinese), and the file page it opens. */
export interface Draft {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  targetType: string;
  targetId: string;
  to: Audience;
}

/** The event types the notification centre turns into messages. */
export const NOTIFIED_EVENTS = [
  APPLICATION_SUBMITTED,
  APPLICATION_ACCEPTED,
  NOTICE_ISSUED,
  PERMIT_GRANTED,
  APPLICATION_REFUSED,
  ORDER_ISSUED,
  EXTENSION_REQUESTED,
  EXTENSION_DECIDED,
  CLOCK_ALERT_RAISED,
  COMPLAINT_RECEIVED,
  FIRE_ALARM_RECEIVED,
  APPOINTMENT_REMINDER_DUE,
  APPOINTMENT_ANSWERED,
];

const orderName = (p: OrderFact) => (p.orderNumber ? `（${p.orderNumber}）` : '');

/** A message to the applicant about their application, opening it in the portal. */
function toApplicant(a: ApplicationFact, kind: NotificationKind, title: string, body: string): Draft[] {
  const link = `/portal/applications/${a.applicationId}`;
  return [{ kind, title: `${title}：${a.venueName}`, body, link, targetType: 'application', targetId: a.applicationId, to: { users: [a.applicantUserId] } }];
}

/** A message about a rectification order: to the unit's accounts (portal) or to the agency's staff holding the permission (back office). */
function aboutOrder(o: OrderFact, kind: NotificationKind, title: string, body: string, to: Audience, link: string): Draft[] {
  return [{ kind, title: `${title}：${o.subjectName}`, body, link, targetType: 'rectification_order', targetId: o.orderId, to }];
}

/** The messages of one event: whose file it is decides who is told (the applicant, the unit, the agency's staff). */
export function draftsOf(event: DomainEvent): Draft[] {
  const p = event.payload;
  switch (event.type) {
    case APPLICATION_SUBMITTED: {
      const a = p as unknown as ApplicationSubmitted;
      return [
        {
          kind: 'application_submitted',
          title: `${a.resubmitted ? '申请人已补正' : '新的许可申请'}：${a.venueName}`,
          body: a.resubmitted
            ? `申请 ${a.referenceNo}（${a.venueName}）已按一次性告知补正并重新提交，办理时限恢复计算，请及时审查。`
            : `申请 ${a.referenceNo}（${a.venueName}）已提交营业前消防安全检查申请，请在受理时限内办理。`,
          link: `/admin/applications/${a.applicationId}`,
          targetType: 'application',
          targetId: a.applicationId,
          to: { agencyId: a.agencyId, permission: 'licensing:application:intake' },
        },
      ];
    }
    case APPLICATION_ACCEPTED: {
      const a = p as unknown as ApplicationAccepted;
      const owed = a.pendingCount ? `，其中 ${a.pendingCount} 项材料为容缺受理，请在规定期限内补齐` : '';
      const next = a.granted ? '按告知承诺制当场作出准予许可决定。' : '消防救援机构将在法定时限内安排现场检查。';
      return toApplicant(a, 'application_accepted', '申请已受理', `您的申请 ${a.referenceNo}（${a.venueName}）已受理${owed}。${next}`);
    }
    case NOTICE_ISSUED: {
      const a = p as unknown as NoticeIssued;
      return toApplicant(
        a,
        'notice_issued',
        '请补正申请材料',
        `您的申请 ${a.referenceNo}（${a.venueName}）需补正 ${a.itemCount} 项内容（一次性告知）。补正期间办理时限暂停，补正后恢复计算。请打开办件查看告知内容。`,
      );
    }
    case PERMIT_GRANTED: {
      const a = p as unknown as PermitGranted;
      return toApplicant(a, 'permit_granted', '准予许可', `您的申请 ${a.referenceNo}（${a.venueName}）已准予许可，电子许可证已签发，可在办件中查看和下载。`);
    }
    case APPLICATION_REFUSED: {
      const a = p as unknown as ApplicationRefused;
      // 行政许可法 art. 38: a refusal states its reasons and the remedies.
      return toApplicant(
        a,
        'application_refused',
        '不予许可',
        `您的申请 ${a.referenceNo}（${a.venueName}）经审查不予许可。理由：${a.reasons.join('；')}。如不服，可依法申请行政复议或者提起行政诉讼。`,
      );
    }
    case ORDER_ISSUED: {
      const o = p as unknown as OrderFact;
      const body = `消防救援机构向您单位下达了责令限期改正通知书${orderName(o)}，请于 ${o.deadline} 前改正，整改完毕后在线报告。确有困难的，可在期限届满前申请延期。`;
      return aboutOrder(o, 'order_issued', '责令限期改正', body, { usci: o.usci }, '/portal/orders');
    }
    case EXTENSION_REQUESTED: {
      const o = p as unknown as ExtensionRequested;
      const body = `${o.subjectName}申请将整改通知${orderName(o)}的期限延长 ${o.days} 个工作日（现期限 ${o.deadline}），请审批。`;
      return aboutOrder(o, 'extension_requested', '整改延期申请', body, { agencyId: o.agencyId, permission: 'supervision:order:manage' }, '/admin/orders');
    }
    case EXTENSION_DECIDED: {
      const o = p as unknown as ExtensionDecided;
      const body = o.approved
        ? `整改通知${orderName(o)}的期限已延长 ${o.days} 个工作日，新的整改期限为 ${o.deadline}。`
        : `整改通知${orderName(o)}的延期申请未获批准，理由：${o.reason}。请于 ${o.deadline} 前完成整改。`;
      return aboutOrder(o, 'extension_decided', o.approved ? '延期申请已批准' : '延期申请未获批准', body, { usci: o.usci }, '/portal/orders');
    }
    case CLOCK_ALERT_RAISED: {
      const c = p as unknown as ClockAlertRaised;
      const overdue = c.kind === 'overdue';
      return [
        {
          kind: overdue ? 'clock_overdue' : 'clock_due_soon',
          title: `${overdue ? '【已超期】' : '【即将到期】'}${c.title}`,
          body: `${c.title}，办理期限 ${c.due}${c.provisional ? '（暂定：所涉年度节假日安排尚未公布）' : ''}，依据 ${c.legalBasis}。`,
          link: clockLink(c),
          targetType: 'clock',
          targetId: c.clockId,
          // The person the clock is assigned to; an unassigned clock goes to those who act on its matter.
          to: c.assigneeUserId ? { users: [c.assigneeUserId] } : { agencyId: c.agencyId, permission: clockPermission(c.targetType) },
        },
      ];
    }
    case COMPLAINT_RECEIVED: {
      // CMP-01/CMP-04: the intake desk of the handling agency is told of a new report — never who reported it.
      const c = p as unknown as ComplaintReceived;
      return [
        {
          kind: 'complaint_received',
          title: `新的火灾隐患举报：${c.categoryName}`,
          body: `收到${c.channelLabel}举报（${c.categoryName}），请在核查期限 ${chinaDateTimeOf(c.dueAt)} 前安排核查。`,
          link: `/admin/complaints/${c.complaintId}`,
          targetType: 'complaint',
          targetId: c.complaintId,
          to: { agencyId: c.agencyId, permission: 'complaints:complaint:intake' },
        },
      ];
    }
    case FIRE_ALARM_RECEIVED: {
      // MON-01: a fire alarm of remote monitoring goes at once to the unit's accounts and the agency's duty staff.
      const a = p as unknown as FireAlarmReceived;
      const at = chinaDateTimeOf(a.occurredAt);
      const where = `${a.unitName}（${a.location}）`;
      const detail = a.detail ? `；${a.detail.slice(0, 200)}` : '';
      return [
        {
          kind: 'fire_alarm',
          title: `【火警】${a.unitName}`,
          body: `${a.centreName}报告：${where}的设备 ${a.deviceCode} 于 ${at} 发出火警${detail}。请立即核实并按预案处置。`,
          link: `/admin/monitoring/alarms?usci=${a.usci}`,
          targetType: 'monitoring_device',
          targetId: a.deviceId,
          to: { agencyId: a.agencyId, permission: 'monitoring:alarm:receive' },
        },
        {
          kind: 'unit_fire_alarm',
          title: `【火警】${a.unitName}`,
          body: `远程监控系统收到本单位${a.location}的火警信号（${at}）${detail}。请立即组织人员到场核实；确认火灾的，立即拨打 119。`,
          link: '/portal/notifications',
          targetType: 'monitoring_device',
          targetId: a.deviceId,
          to: { usci: a.usci },
        },
      ];
    }
    case APPOINTMENT_REMINDER_DUE: {
      // SVC-03: the reminder before the appointment, to the account that booked or the unit's accounts.
      const a = p as unknown as AppointmentReminderDue;
      const to: Audience = a.usci ? { usci: a.usci } : { users: a.userId ? [a.userId] : [] };
      return [
        {
          kind: 'appointment_reminder',
          title: `预约提醒：${a.what}`,
          body: `您预约的${a.what}将于 ${chinaDateTimeOf(a.startsAt)} 在${a.place}进行，请准时到场；不能参加的，请及时取消预约。`,
          link: a.link,
          targetType: a.targetType,
          targetId: a.targetId,
          to,
        },
      ];
    }
    case APPOINTMENT_ANSWERED: {
      const a = p as unknown as AppointmentAnswered;
      const when = a.startsAt ? `，时间 ${chinaDateTimeOf(a.startsAt)}` : '';
      const why = a.answer ? `。说明：${a.answer}` : '';
      return [
        {
          kind: 'appointment_answered',
          title: `预约答复：${a.what}`,
          body: `消防救援机构已答复您的预约（${a.statusLabel}${when}）${why}。`,
          link: '/portal/appointment-requests',
          targetType: 'appointment_request',
          targetId: a.requestId,
          to: a.usci ? { usci: a.usci } : { users: a.userId ? [a.userId] : [] },
        },
      ];
    }
    default:
      return [];
  }
}

function clockLink(c: ClockAlertRaised): string {
  if (c.targetType === 'application') return `/admin/applications/${c.targetId}`;
  if (c.targetType === 'rectification_order') return '/admin/orders';
  if (c.targetType === 'inspection_task') return '/admin/tasks';
  if (c.targetType === 'enforcement_seal') return `/admin/seals/${c.targetId}`;
  if (c.targetType === 'seal_request') return '/admin/seals';
  if (c.targetType === 'complaint') return `/admin/complaints/${c.targetId}`;
  if (c.targetType === 'evaluation_follow_up') return '/admin/evaluations/follow-ups';
  if (c.targetType === 'disclosure_request') return '/admin/disclosure';
  if (c.targetType === 'appointment_request') return '/admin/appointment-requests';
  if (c.targetType === 'engineer_registration') return '/admin/engineer-registrations';
  if (c.targetType === 'incident_accountability') return '/admin/incident-accountability';
  return '/admin/clocks';
}

function clockPermission(targetType: string): Permission {
  if (targetType === 'application') return 'licensing:application:intake';
  if (targetType === 'rectification_order') return 'supervision:order:manage';
  if (targetType === 'inspection_task') return 'licensing:inspection:assign';
  // A seal's confirmation, term and request clocks are the head's to act on (集体研究, lifting, decisions).
  if (targetType === 'enforcement_seal' || targetType === 'seal_request') return 'enforcement:case:decide';
  if (targetType === 'complaint') return 'complaints:complaint:intake';
  // SVC-02, SVC-06: a bad review's follow-up and a disclosure request are the window's to act on.
  if (targetType === 'evaluation_follow_up') return 'services:evaluation:follow_up';
  if (targetType === 'disclosure_request') return 'services:disclosure:handle';
  // SVC-03: the answer to a unit's proposed drill or training time is the appointments desk's.
  if (targetType === 'appointment_request') return 'services:appointment:manage';
  // LIC-12: an engineer registration's decision is the approver's.
  if (targetType === 'engineer_registration') return 'market:engineer:register';
  // FIR-04: the one-year evaluation of a fire's rectification measures is the investigators'.
  if (targetType === 'incident_accountability') return 'incidents:incident:handle';
  return 'clock:clock:extend';
}
