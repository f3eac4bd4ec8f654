import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTIFICATION_AUDIENCE, NOTIFICATION_KINDS } from '@fep/domain';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { type Draft, draftsOf, NOTIFIED_EVENTS } from './messages.ts';

const APP = {
  applicationId: 'a1',
  referenceNo: '穗消许〔2026〕第0001号',
  applicantUserId: 'u-app',
  usci: '91440106MA0000000X',
  venueName: '鑫源大酒店',
  agencyId: 'ag',
  agencyPath: '/1/',
};
const ORDER = {
  orderId: 'o1',
  orderNumber: '穗消限字〔2026〕第0007号',
  usci: '91440106MA0000000X',
  subjectName: '鑫源大酒店',
  agencyId: 'ag',
  agencyPath: '/1/',
  deadline: '2026-12-04',
};
const CLOCK = {
  clockId: 'c1',
  title: '营业前消防安全检查・现场检查时限',
  targetType: 'application',
  targetId: 'a1',
  agencyId: 'ag',
  agencyPath: '/1/',
  assigneeUserId: null,
  due: '2026-11-30',
  provisional: false,
  legalBasis: '《消防监督检查规定》第二十条',
};
const PAYLOADS: Record<string, Record<string, unknown>> = {
  'licensing.application_submitted': { ...APP, resubmitted: false },
  'licensing.application_accepted': { ...APP, pendingCount: 1, granted: false },
  'licensing.notice_issued': { ...APP, seq: 1, itemCount: 2 },
  'licensing.permit_granted': { ...APP, licenceId: 'l1' },
  'licensing.application_refused': { ...APP, reasons: ['现场检查不合格'] },
  'supervision.order_issued': ORDER,
  'supervision.extension_requested': { ...ORDER, extensionId: 'e1', days: 5 },
  'supervision.extension_decided': { ...ORDER, extensionId: 'e1', approved: false, days: 5, reason: '理由不充分' },
  'clocks.alert_raised': { ...CLOCK, kind: 'overdue' },
  'complaints.received': {
    complaintId: 'r1',
    agencyId: 'ag',
    agencyPath: '/1/',
    categoryName: '擅自停用消防设施',
    channelLabel: '随手拍',
    dueAt: '2026-11-24T02:00:00.000Z',
  },
  'monitoring.fire_alarm_received': {
    eventId: 'm1',
    deviceId: 'd1',
    deviceCode: 'UITD-LY-0001',
    location: '一层消防控制室',
    usci: '91440106MA0000000X',
    unitName: '鑫源大酒店',
    agencyId: 'ag',
    centreName: '辽阳市城市消防远程监控中心',
    occurredAt: '2026-11-23T02:00:00.000Z',
    detail: '3F 感烟探测器',
  },
  'appointments.reminder_due': {
    what: '消防演练：全员疏散演练',
    startsAt: '2026-11-24T02:00:00.000Z',
    place: '鑫源大酒店',
    userId: null,
    usci: '91440106MA0000000X',
    link: '/portal/appointment-requests',
    targetType: 'appointment_request',
    targetId: 'q1',
  },
  'appointments.answered': {
    requestId: 'q1',
    what: '消防演练：全员疏散演练',
    statusLabel: '机构另提时间，待单位确认',
    startsAt: '2026-11-25T06:00:00.000Z',
    answer: '当天上午另有任务',
    userId: 'u-app',
    usci: null,
  },
};
const event = (type: string, payload = PAYLOADS[type]!): DomainEvent => ({
  id: 'ev',
  type,
  targetType: null,
  targetId: null,
  agencyId: 'ag',
  payload,
  actorUserId: 'someone',
  occurredAt: '2026-11-23T02:00:00.000Z',
});

test('NTF every notified event gives one Chinese message to its audience, linking to the file on the side of the web app its audience uses', () => {
  const seen = new Set<string>();
  for (const type of NOTIFIED_EVENTS) {
    const drafts = draftsOf(event(type));
    // One message per event, but a fire alarm (MON-01): to the agency's duty staff and to the unit at once.
    assert.equal(drafts.length, type === 'monitoring.fire_alarm_received' ? 2 : 1, type);
    for (const d of drafts as Draft[]) {
      seen.add(d.kind);
      assert.match(d.title, /[\u4e00-\u9fff]/, `${type}: Chinese title`);
      assert.doesNotMatch(`${d.title}${d.body}`, /undefined|null|\[object/, `${type}: no missing value in the text`);
      const staff = NOTIFICATION_AUDIENCE[d.kind] === 'staff';
      assert.match(d.link, staff ? /^\/admin\// : /^\/portal\//, `${type}: link on the right side`);
      if (staff) assert.ok('agencyId' in d.to || 'users' in d.to, type);
      else assert.ok('usci' in d.to || ('users' in d.to && d.to.users[0] === 'u-app'), type);
    }
  }
  // Every kind but the due-soon alert (the same event with kind due_soon) comes from one of these events.
  assert.deepEqual(
    NOTIFICATION_KINDS.filter((k) => !seen.has(k)),
    ['clock_due_soon'],
  );
  assert.equal(draftsOf(event('clocks.alert_raised', { ...CLOCK, kind: 'due_soon' }))[0]!.kind, 'clock_due_soon');
  assert.deepEqual(draftsOf(event('somebody.else')), []);
});

test('SVC-03 an appointment reminder names the time and place; a visit booked with an account is reminded to that account', () => {
  const r = draftsOf(event('appointments.reminder_due'))[0]!;
  assert.equal(r.kind, 'appointment_reminder');
  assert.match(r.body, /2026-11-24 10:00 在鑫源大酒店进行/);
  assert.deepEqual(r.to, { usci: '91440106MA0000000X' });
  const booking = draftsOf(event('appointments.reminder_due', { ...PAYLOADS['appointments.reminder_due']!, usci: null, userId: 'u-7' }))[0]!;
  assert.deepEqual(booking.to, { users: ['u-7'] });
  assert.match(draftsOf(event('appointments.answered'))[0]!.body, /时间 2026-11-25 14:00）。说明：当天上午另有任务/);
});

test('NTF wording: a refusal states its reasons and the remedies (行政许可法 art. 38); a clock names its legal basis; an assigned clock goes to its assignee', () => {
  assert.match(draftsOf(event('licensing.application_refused'))[0]!.body, /理由：现场检查不合格。如不服，可依法申请行政复议或者提起行政诉讼/);
  assert.match(draftsOf(event('licensing.application_accepted'))[0]!.body, /1 项材料为容缺受理/);
  const overdue = draftsOf(event('clocks.alert_raised'))[0]!;
  assert.equal(overdue.title, '【已超期】营业前消防安全检查・现场检查时限');
  assert.match(overdue.body, /依据 《消防监督检查规定》第二十条/);
  assert.deepEqual(overdue.to, { agencyId: 'ag', permission: 'licensing:application:intake' });
  assert.deepEqual(draftsOf(event('clocks.alert_raised', { ...CLOCK, kind: 'due_soon', assigneeUserId: 'u-9' }))[0]!.to, { users: ['u-9'] });
  assert.match(draftsOf(event('supervision.extension_decided'))[0]!.title, /^延期申请未获批准/);
  // SVC-02/SVC-06: an overdue bad-review follow-up or disclosure request goes to the window that handles it.
  const followUp = draftsOf(event('clocks.alert_raised', { ...CLOCK, targetType: 'evaluation_follow_up', targetId: 'f1' }))[0]!;
  assert.deepEqual([followUp.link, followUp.to], ['/admin/evaluations/follow-ups', { agencyId: 'ag', permission: 'services:evaluation:follow_up' }]);
  const disclosure = draftsOf(event('clocks.alert_raised', { ...CLOCK, targetType: 'disclosure_request', targetId: 'd1' }))[0]!;
  assert.deepEqual([disclosure.link, disclosure.to], ['/admin/disclosure', { agencyId: 'ag', permission: 'services:disclosure:handle' }]);
  // LIC-12: an engineer registration nearing its decision date goes to those who decide it.
  const engineer = draftsOf(event('clocks.alert_raised', { ...CLOCK, targetType: 'engineer_registration', targetId: 'e1' }))[0]!;
  assert.deepEqual([engineer.link, engineer.to], ['/admin/engineer-registrations', { agencyId: 'ag', permission: 'market:engineer:register' }]);
});
