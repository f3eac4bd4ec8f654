import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci, hasPermission, NATIONAL_CASE_REVIEW, ROLES, type Role } from '@fep/domain';
import { recordCreditEvent } from './features/credit/index.ts';
import { systemActor } from './platform/actor.ts';
import { flushRefusals } from './platform/audit/refusals.ts';
import { routeRegistry } from './platform/http/guard.ts';
import { agencyId, bearer, countEvents, multipartFile, startTestApp, type TestApp, type TestDatabase, TINY_PNG } from './test-support/harness.ts';

/**
 * Authorization matrix: every registered API route × every role (and anonymous) × a record of the
 * user's own agency and one of another agency. The test fails when a route has no sample below, so a
 * new route cannot escape the matrix. Cross-agency canary records must never appear in any response.
 */
type Side = 'own' | 'other';
interface Fixture {
  unitId: string;
  clockId: string;
  fileId: string;
  agencyId: string;
  region: string;
  applicationId: string;
  licenceId: string;
  verifyCode: string;
  /** The acceptance notice (受理通知书) of the application. */
  documentId: string;
  taskId: string;
  requestId: string;
  planId: string;
  orderId: string;
  extensionId: string;
  reinspectionTaskId: string;
  fieldTaskId: string;
  usci: string;
  inspectorIds: string[];
  /** A filed penalty case (investigating) of the agency. */
  caseId: string;
  /** A penalty case told to its party (notice served) and its 行政处罚告知书. */
  noticeCaseId: string;
  noticeDocumentId: string;
  /** A temporary seal in force, and the unit's lift request on it (ENF-05). */
  sealId: string;
  sealRequestId: string;
  /** The seal's 临时查封决定书. */
  sealDocumentId: string;
  /** A complaint about an officer of the agency (OVS-03) and its tracking code. */
  complaintId: string;
  trackingCode: string;
  /** A credit record of the unit and the unit's pending objection to it (CRD-03). */
  creditRecordId: string;
  creditRequestId: string;
  /** A technical service organisation registered by the agency (MKT-01), and a practising engineer of it. */
  organisationId: string;
  engineerId: string;
  /** A drawn fire product plan of the agency (MKT-02), a sample still pending and a market referral still pending. */
  productPlanId: string;
  productSampleId: string;
  productReferralId: string;
  /** A hazard report of the agency (CMP-01) naming the fixture's unit, and its tracking code. */
  hazardId: string;
  hazardCode: string;
  /** A general-procedure incident of the agency under investigation (sealed), and a determined one with the unit's review applied for (FIR-01 … FIR-03). */
  incidentId: string;
  determinedIncidentId: string;
  incidentReviewId: string;
  /** 好差评 (SVC-02): a window visit's QR token, and the follow-up of a real-name bad review of another visit. */
  visitToken: string;
  followUpId: string;
  /** An open-day slot of the agency (SVC-03) and a booking on it; a disclosure request (SVC-06) and its code. */
  slotId: string;
  /** A training course of the agency (SVC-04). */
  courseId: string;
  /** Guidance requests of the agency (SVC-05): one awaiting its experts, one assigned with an open advice item. */
  guidanceNewId: string;
  guidanceId: string;
  guidanceVersion: number;
  adviceId: string;
  bookingCode: string;
  disclosureId: string;
  disclosureCode: string;
  /** The accountability investigation (FIR-04) of the agency's open incident. */
  accountabilityId: string;
  /** A pending registered fire engineer registration (LIC-12) at the agency. */
  engineerRegistrationId: string;
  /** Drill requests of the agency's applicant unit (SVC-03): proposed ones to confirm, counter, decline or cancel, one counter-proposed to accept. */
  appointmentTime: string;
  appointmentConfirmId: string;
  appointmentCounterId: string;
  appointmentDeclineId: string;
  appointmentCancelId: string;
  appointmentCounteredId: string;
}
interface Sample {
  url: (f: Fixture) => string;
  body?: (f: Fixture, n: number) => unknown;
  multipart?: boolean;
  /** The request concerns a record/agency: on the other side the answer must be this (scope refusal). */
  otherAgency?: 404 | 403;
  /** Needs a session of its own (it ends it). */
  freshSession?: boolean;
  /** A query sent as POST (a body, not a change): no enforcement record is expected. */
  readOnly?: boolean;
}

const CANARY_NAME = '金丝雀测试单位（不得越权可见）';
const CANARY_CLOCK = '金丝雀时限（不得越权可见）';
const CANARY_VENUE = '金丝雀场所（不得越权可见）';
const VENUE = (region: string, name: string) => ({
  regionCode: region,
  venueKind: 'hotel',
  floorArea: 2600,
  investment: 5_000_000,
  companyName: '矩阵测试酒店管理有限公司',
  legalRepresentative: '赵强',
  contactName: '钱芳',
  contactPhone: '13700137000',
  venueName: name,
  venueAddress: '矩阵路1号',
  path: 'inspection',
});

const ORG_FACTS = {
  enterpriseLegalPerson: true,
  workplaceSquareMetres: 200,
  firstClassEngineers: 1,
  secondClassEngineers: 1,
  operators: 6,
  intermediateOperators: 2,
  qualitySystem: true,
};

const SAMPLES: Record<string, Sample> = {
  'POST /api/v1/evaluations': {
    url: () => '/api/v1/evaluations',
    body: (f) => ({ matterType: 'window_visit', matterId: f.visitToken, level: 4, tags: [], comment: '矩阵测试' }),
  },
  'POST /api/v1/evaluations/visits': { url: () => '/api/v1/evaluations/visits', body: () => ({ serviceTitle: '矩阵测试' }) },
  'GET /api/v1/evaluations/follow-ups': { url: () => '/api/v1/evaluations/follow-ups' },
  'GET /api/v1/evaluations/follow-ups/:id': { url: (f) => `/api/v1/evaluations/follow-ups/${f.followUpId}`, otherAgency: 404 },
  'POST /api/v1/evaluations/follow-ups/:id/steps': {
    url: (f) => `/api/v1/evaluations/follow-ups/${f.followUpId}/steps`,
    body: () => ({ step: 'verify', note: '矩阵测试核实' }),
    otherAgency: 404,
  },
  'GET /api/v1/public/evaluations/figures': { url: (f) => `/api/v1/public/evaluations/figures?region=${f.region}` },
  'POST /api/v1/appointments/slots': {
    url: () => '/api/v1/appointments/slots',
    body: () => ({
      kind: 'education_visit',
      title: '矩阵测试参观',
      place: '矩阵测试基地',
      startsAt: '2030-01-01T01:00:00Z',
      endsAt: '2030-01-01T02:00:00Z',
      capacity: 10,
    }),
  },
  'GET /api/v1/appointments/slots': { url: (f) => `/api/v1/appointments/slots?region=${f.region}` },
  'POST /api/v1/appointments/slots/:id/bookings': {
    url: (f) => `/api/v1/appointments/slots/${f.slotId}/bookings`,
    body: () => ({ name: '矩阵', phone: '13900006666', people: 1 }),
  },
  'POST /api/v1/appointments/slots/:id/complete': { url: (f) => `/api/v1/appointments/slots/${f.slotId}/complete`, otherAgency: 404 },
  'GET /api/v1/appointments/bookings/:code': { url: (f) => `/api/v1/appointments/bookings/${f.bookingCode}` },
  'POST /api/v1/appointments/bookings/:code/cancel': { url: (f) => `/api/v1/appointments/bookings/${f.bookingCode}/cancel` },
  'POST /api/v1/training/courses': {
    url: () => '/api/v1/training/courses',
    body: () => ({ title: '矩阵测试课程', kind: 'document', resource: 'https://example.org/matrix.pdf', durationMinutes: 30, audience: '全体员工' }),
  },
  'GET /api/v1/training/courses': { url: (f) => `/api/v1/training/courses?region=${f.region}` },
  'POST /api/v1/training/courses/:id/completions': { url: (f) => `/api/v1/training/courses/${f.courseId}/completions` },
  'GET /api/v1/training/archive/me': { url: () => '/api/v1/training/archive/me' },
  'GET /api/v1/training/archive/unit': { url: () => '/api/v1/training/archive/unit' },
  'POST /api/v1/guidance/requests': {
    url: () => '/api/v1/guidance/requests',
    body: (f) => ({ regionCode: f.region, subject: '矩阵测试项目', mode: 'online', topic: '矩阵测试指导', contact: '13900008888' }),
  },
  'GET /api/v1/guidance/requests/mine': { url: () => '/api/v1/guidance/requests/mine' },
  'GET /api/v1/guidance/requests': { url: () => '/api/v1/guidance/requests' },
  'POST /api/v1/guidance/requests/:id/assign': {
    url: (f) => `/api/v1/guidance/requests/${f.guidanceNewId}/assign`,
    body: () => ({ experts: ['矩阵甲', '矩阵乙'], version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/guidance/requests/:id/visits': {
    url: (f) => `/api/v1/guidance/requests/${f.guidanceId}/visits`,
    body: (f) => ({ visitedOn: '2026-11-20', advice: ['矩阵测试建议'], version: f.guidanceVersion }),
    otherAgency: 404,
  },
  'POST /api/v1/guidance/advice/:id/done': {
    url: (f) => `/api/v1/guidance/advice/${f.adviceId}/done`,
    body: () => ({ note: '矩阵测试落实', version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/guidance/requests/:id/close': {
    url: (f) => `/api/v1/guidance/requests/${f.guidanceId}/close`,
    body: (f) => ({ version: f.guidanceVersion }),
    otherAgency: 404,
  },
  'POST /api/v1/disclosure/requests': {
    url: () => '/api/v1/disclosure/requests',
    body: (f) => ({ regionCode: f.region, name: '矩阵', contact: '13900007777', content: '矩阵测试：申请公开信息' }),
  },
  'GET /api/v1/disclosure/requests/by-code/:code': { url: (f) => `/api/v1/disclosure/requests/by-code/${f.disclosureCode}` },
  'GET /api/v1/disclosure/requests': { url: () => '/api/v1/disclosure/requests' },
  'POST /api/v1/disclosure/requests/:id/extension': {
    url: (f) => `/api/v1/disclosure/requests/${f.disclosureId}/extension`,
    body: () => ({ reason: '矩阵测试延期' }),
    otherAgency: 404,
  },
  'POST /api/v1/disclosure/requests/:id/reply': {
    url: (f) => `/api/v1/disclosure/requests/${f.disclosureId}/reply`,
    body: () => ({ outcome: 'disclosed', reply: '矩阵测试答复' }),
    otherAgency: 404,
  },
  'POST /api/v1/engineers/registrations': {
    url: () => '/api/v1/engineers/registrations',
    body: (f, n) => ({
      regionCode: f.region,
      name: '矩阵',
      idNumber: `11010119900101${String(1000 + n).slice(-4)}`,
      level: 'second',
      qualificationNo: 'ZG-MATRIX',
      employer: '矩阵测试消防技术服务有限公司',
      employerUsci: '91110000MA0000000X',
      phone: '13900008888',
      mailingAddress: '矩阵测试路 1 号',
      materials: [f.fileId],
      commitmentAccepted: true,
    }),
  },
  'GET /api/v1/engineers/registrations/mine': { url: () => '/api/v1/engineers/registrations/mine' },
  'GET /api/v1/engineers/registrations': { url: () => '/api/v1/engineers/registrations' },
  'POST /api/v1/engineers/registrations/:id/decision': {
    url: (f) => `/api/v1/engineers/registrations/${f.engineerRegistrationId}/decision`,
    body: () => ({ outcome: 'refuse', reasons: '矩阵测试不予注册', version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/engineers/registrations/:id/dispatch': {
    url: (f) => `/api/v1/engineers/registrations/${f.engineerRegistrationId}/dispatch`,
    body: () => ({ courier: '中国邮政EMS', trackingNo: 'EMS1234567', version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/incidents/:id/accountability': {
    url: (f) => `/api/v1/incidents/${f.determinedIncidentId}/accountability`,
    body: () => ({
      deaths: 1,
      highImpact: false,
      teamLead: '矩阵测试区人民政府',
      teamMembers: ['应急管理局'],
      parties: [{ party: 'management', name: '矩阵测试单位', findings: '矩阵测试：消防安全管理不落实' }],
      measures: '矩阵测试整改措施',
    }),
    otherAgency: 404,
  },
  'POST /api/v1/incident-accountability/:id/evaluation': {
    url: (f) => `/api/v1/incident-accountability/${f.accountabilityId}/evaluation`,
    body: () => ({ findings: '矩阵测试：整改措施已落实', version: 0 }),
    otherAgency: 404,
  },
  'GET /api/v1/public/incident-accountability': { url: () => '/api/v1/public/incident-accountability' },
  'GET /api/v1/incident-accountability': { url: () => '/api/v1/incident-accountability' },
  'GET /api/v1/incidents/:id/determination.pdf': { url: (f) => `/api/v1/incidents/${f.determinedIncidentId}/determination.pdf`, otherAgency: 404 },
  'GET /api/v1/portal/incidents/:id/determination.pdf': {
    url: (f) => `/api/v1/portal/incidents/${f.determinedIncidentId}/determination.pdf`,
    otherAgency: 404,
  },
  'POST /api/v1/appointments/requests': {
    url: () => '/api/v1/appointments/requests',
    body: (f) => ({
      kind: 'drill',
      regionCode: f.region,
      unitName: '矩阵测试单位',
      topic: '矩阵测试演练',
      place: '矩阵测试地点',
      people: 10,
      contact: '13900006666',
      proposedTimes: [f.appointmentTime],
    }),
  },
  'GET /api/v1/appointments/requests/mine': { url: () => '/api/v1/appointments/requests/mine' },
  'GET /api/v1/appointments/requests': { url: () => '/api/v1/appointments/requests' },
  'POST /api/v1/appointments/requests/:id/confirm': {
    url: (f) => `/api/v1/appointments/requests/${f.appointmentConfirmId}/confirm`,
    body: (f) => ({ startsAt: f.appointmentTime, version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/appointments/requests/:id/counter': {
    url: (f) => `/api/v1/appointments/requests/${f.appointmentCounterId}/counter`,
    body: (f) => ({ startsAt: f.appointmentTime, reason: '矩阵测试另提时间', version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/appointments/requests/:id/decline': {
    url: (f) => `/api/v1/appointments/requests/${f.appointmentDeclineId}/decline`,
    body: () => ({ reason: '矩阵测试不予安排', version: 0 }),
    otherAgency: 404,
  },
  'POST /api/v1/appointments/requests/:id/accept': {
    url: (f) => `/api/v1/appointments/requests/${f.appointmentCounteredId}/accept`,
    body: () => ({ version: 1 }),
    otherAgency: 404,
  },
  'POST /api/v1/appointments/requests/:id/cancel': {
    url: (f) => `/api/v1/appointments/requests/${f.appointmentCancelId}/cancel`,
    body: () => ({ version: 0 }),
    otherAgency: 404,
  },
  'GET /api/health': { url: () => '/api/health' },
  'POST /api/v1/auth/login': { url: () => '/api/v1/auth/login', body: () => ({ username: 'nobody.000000', password: 'x' }) },
  'POST /api/v1/auth/logout': { url: () => '/api/v1/auth/logout', freshSession: true },
  'GET /api/v1/auth/me': { url: () => '/api/v1/auth/me' },
  'GET /api/v1/agencies': { url: () => '/api/v1/agencies' },
  'GET /api/v1/regions': { url: () => '/api/v1/regions' },
  'GET /api/v1/auth/session': { url: () => '/api/v1/auth/session' },
  'GET /api/v1/events/dead-letters': { url: () => '/api/v1/events/dead-letters' },
  'POST /api/v1/events/dead-letters/:eventId/:subscriber/retry': { url: () => '/api/v1/events/dead-letters/none/none/retry', body: () => ({}) },
  'POST /api/v1/demo/clock': { url: () => '/api/v1/demo/clock', body: () => ({ now: '2026-11-23T02:00:00Z' }) },
  'GET /api/v1/users': { url: () => '/api/v1/users' },
  'GET /api/v1/audit/verify': { url: (f) => `/api/v1/audit/verify?target=${f.clockId}`, otherAgency: 404 },
  'GET /api/v1/audit/events': { url: (f) => `/api/v1/audit/events?target=${f.clockId}`, otherAgency: 404 },
  'GET /api/v1/audit/refusals': { url: () => '/api/v1/audit/refusals?pageSize=50' },
  'GET /api/v1/audit/timeline': { url: (f) => `/api/v1/audit/timeline?target=application:${f.applicationId}`, otherAgency: 404 },
  'GET /api/v1/policies/kinds': { url: () => '/api/v1/policies/kinds' },
  'GET /api/v1/policies/resolved': { url: (f) => `/api/v1/policies/resolved?agency=${f.region}&at=2026-11-23` },
  'GET /api/v1/policies/versions': { url: (f) => `/api/v1/policies/versions?agency=${f.region}` },
  'POST /api/v1/policies/versions': {
    url: () => '/api/v1/policies/versions',
    body: (f) => ({
      agencyId: f.agencyId,
      kind: 'licensing.inspection',
      effectiveFrom: '2027-01-01',
      values: { checkWorkingDays: 7 },
      legalBasis: { document: '测试文件', clause: '第一条' },
    }),
    otherAgency: 404,
  },
  'GET /api/v1/calendar/working-days/add': { url: (f) => `/api/v1/calendar/working-days/add?from=2026-09-30&days=5&region=${f.region}` },
  'GET /api/v1/calendar/days': { url: (f) => `/api/v1/calendar/days?year=2026&region=${f.region}` },
  'GET /api/v1/calendar/years': { url: () => '/api/v1/calendar/years' },
  'GET /api/v1/calendar/is-working-day': { url: () => '/api/v1/calendar/is-working-day?date=2026-10-10' },
  'PUT /api/v1/calendar/years/:year': {
    url: () => '/api/v1/calendar/years/2028',
    body: (f) => ({ region: f.region, sourceNotice: '测试：地方补充安排', published: false, days: [] }),
    otherAgency: 403,
  },
  'GET /api/v1/clocks': { url: () => '/api/v1/clocks' },
  'GET /api/v1/clocks/:id': { url: (f) => `/api/v1/clocks/${f.clockId}`, otherAgency: 404 },
  'POST /api/v1/clocks': {
    url: () => '/api/v1/clocks',
    body: (f) => ({ targetType: 'unit', targetId: f.unitId, title: '上级交办事项', unit: 'working_days', amount: 5, legalBasis: { document: '测试依据' } }),
    otherAgency: 404,
  },
  'POST /api/v1/clocks/:id/pause': { url: (f) => `/api/v1/clocks/${f.clockId}/pause`, body: () => ({ reason: '等待补正材料' }), otherAgency: 404 },
  'POST /api/v1/clocks/:id/resume': { url: (f) => `/api/v1/clocks/${f.clockId}/resume`, body: () => ({}), otherAgency: 404 },
  'POST /api/v1/clocks/:id/extend': {
    url: (f) => `/api/v1/clocks/${f.clockId}/extend`,
    body: () => ({ reason: '案情复杂，经批准延长', amount: 1 }),
    otherAgency: 404,
  },
  'POST /api/v1/clocks/:id/stop': { url: (f) => `/api/v1/clocks/${f.clockId}/stop`, body: () => ({ reason: '已办结' }), otherAgency: 404 },
  'POST /api/v1/files': { url: () => '/api/v1/files', multipart: true },
  'GET /api/v1/files/:id': { url: (f) => `/api/v1/files/${f.fileId}`, otherAgency: 404 },
  'GET /api/v1/units': { url: () => '/api/v1/units?limit=200' },
  'GET /api/v1/units/:id': { url: (f) => `/api/v1/units/${f.unitId}`, otherAgency: 404 },
  'POST /api/v1/units': {
    url: () => '/api/v1/units',
    body: (f, n) => ({
      usci: completeUsci(`91${f.region}MA${String(1000000 + n).slice(-7)}`),
      name: `矩阵测试单位${n}`,
      address: '测试路1号',
      regionCode: f.region,
    }),
  },
  'PUT /api/v1/units/:id/responsible-persons': {
    url: (f) => `/api/v1/units/${f.unitId}/responsible-persons`,
    body: (_f, n) => ({ responsible: { name: `责任人${n}`, idNumber: '11010519491231002X' }, manager: null }),
    otherAgency: 404,
  },
  'PUT /api/v1/units/:id/position': {
    url: (f) => `/api/v1/units/${f.unitId}/position`,
    body: (_f, n) => ({ lat: 41.2 + n / 1000, lng: 123.1 + n / 1000 }),
    otherAgency: 404,
  },
  'POST /api/v1/units/import': { url: () => '/api/v1/units/import', multipart: true },
  'GET /api/v1/units/export': { url: () => '/api/v1/units/export' },
  'GET /api/v1/units/import-template': { url: () => '/api/v1/units/import-template' },
  'GET /api/v1/portal/my-units': { url: () => '/api/v1/portal/my-units' },
  'GET /api/v1/services/guides': { url: (f) => `/api/v1/services/guides?agency=${f.region}` },
  'GET /api/v1/map': { url: () => '/api/v1/map' },
  // No tile package in the matrix's app: the public route answers 404 MAP.NO_TILES to everyone alike.
  'GET /api/v1/map/tiles/:z/:x/:y': { url: () => '/api/v1/map/tiles/3/6/2' },
  'GET /api/v1/enforcement/violations': { url: (f) => `/api/v1/enforcement/violations?region=${f.region}` },
  'POST /api/v1/enforcement/discretion': {
    url: () => '/api/v1/enforcement/discretion',
    body: (f) => ({ regionCode: f.region, violationCode: 'XFF-60-1-3', circumstances: { correctedInTime: true } }),
    readOnly: true,
  },
  'POST /api/v1/enforcement/cases': {
    url: () => '/api/v1/enforcement/cases',
    body: (f) => ({
      regionCode: f.region,
      party: { kind: 'unit', usci: f.usci, name: '矩阵测试单位' },
      violationCode: 'XFF-60-1-3',
      facts: '矩阵测试：安全出口被锁闭',
      circumstances: {},
      coOfficerId: f.inspectorIds[1],
    }),
    // Another agency's region: refused as outside the jurisdiction (and alerted), never filed.
    otherAgency: 403,
  },
  'GET /api/v1/enforcement/cases': { url: () => '/api/v1/enforcement/cases' },
  'GET /api/v1/enforcement/cases/:id': { url: (f) => `/api/v1/enforcement/cases/${f.caseId}`, otherAgency: 404 },
  'POST /api/v1/enforcement/cases/:id/filing': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/filing`,
    body: () => ({ approve: false, reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/evidence': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/evidence`,
    body: (f) => ({ fileId: f.fileId, kind: 'photo', description: '矩阵测试证据' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/notice': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/notice`,
    body: () => ({ outcome: 'warning' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/statement': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/statement`,
    body: () => ({ text: '矩阵测试陈述' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/hearing-request': { url: (f) => `/api/v1/enforcement/cases/${f.caseId}/hearing-request`, otherAgency: 404 },
  'POST /api/v1/enforcement/cases/:id/hearing-schedule': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/hearing-schedule`,
    body: (f) => ({ hostUserId: f.inspectorIds[0], hearingAt: '2026-12-20 09:30', place: '矩阵测试会议室' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/hearing': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/hearing`,
    body: (f) => ({ hostUserId: f.inspectorIds[0], heldOn: '2026-11-23', transcript: '矩阵测试听证笔录' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/review-submission': { url: (f) => `/api/v1/enforcement/cases/${f.caseId}/review-submission`, otherAgency: 404 },
  'POST /api/v1/enforcement/cases/:id/review': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/review`,
    body: () => ({ pass: true, opinion: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/decision-submission': { url: (f) => `/api/v1/enforcement/cases/${f.caseId}/decision-submission`, otherAgency: 404 },
  'POST /api/v1/enforcement/cases/:id/decision': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/decision`,
    body: () => ({ outcome: 'warning' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/service': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/service`,
    body: () => ({ method: 'in_person', servedAt: '2026-11-23' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/payment': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/payment`,
    body: () => ({ amount: 100, paidOn: '2026-11-23', receiptNumber: 'MATRIX-0001' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/payment-plan-decision': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/payment-plan-decision`,
    body: () => ({ approve: true, reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/remedy-periods': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/remedy-periods`,
    body: () => ({ kind: 'review', startedOn: '2026-11-23', note: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/remedy-period-end': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/remedy-period-end`,
    body: () => ({ endedOn: '2026-11-23', note: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/recusal-requests': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/recusal-requests`,
    body: (f) => ({ officerUserId: f.inspectorIds[0], reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/recusal-decision': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/recusal-decision`,
    body: () => ({ requestId: 'matrix-none', grant: false, reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/collective-discussion': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/collective-discussion`,
    body: () => ({ heldOn: '2026-11-23', participants: '矩阵测试', conclusion: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/transfer': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/transfer`,
    // The first deciding role transfers the fixture case; the steps after it in the matrix then answer 409.
    body: () => ({ to: '矩阵测试公安机关', reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/cases/:id/revocation': {
    url: (f) => `/api/v1/enforcement/cases/${f.caseId}/revocation`,
    body: () => ({ reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'GET /api/v1/enforcement/referrals': { url: () => '/api/v1/enforcement/referrals' },
  'GET /api/v1/enforcement/officers': { url: () => '/api/v1/enforcement/officers' },
  'GET /api/v1/enforcement/penalty-records': { url: () => '/api/v1/enforcement/penalty-records?from=2026-01-01&to=2027-12-31' },
  'GET /api/v1/enforcement/cases/:id/hearing-hosts': { url: (f) => `/api/v1/enforcement/cases/${f.caseId}/hearing-hosts`, otherAgency: 404 },
  'GET /api/v1/oversight/alerts': { url: () => '/api/v1/oversight/alerts' },
  'GET /api/v1/public/penalties': { url: (f) => `/api/v1/public/penalties?region=${f.region}` },
  'POST /api/v1/market/organisations': {
    url: () => '/api/v1/market/organisations',
    body: (f, n) => ({
      usci: completeUsci(`91${f.region}MA${String(3000000 + n).slice(-7)}`),
      name: `矩阵测试消防检测${n}`,
      kind: 'maintenance_testing',
      declared: ORG_FACTS,
    }),
  },
  'POST /api/v1/market/organisations/:id/verification': {
    url: (f) => `/api/v1/market/organisations/${f.organisationId}/verification`,
    body: () => ({ verified: ORG_FACTS }),
    otherAgency: 404,
  },
  'GET /api/v1/market/organisations': { url: () => '/api/v1/market/organisations' },
  // MON-01: alarms of a unit (its agency only), dead letters (administrators), a device registered to a unit of the area.
  'GET /api/v1/monitoring/alarms': { url: (f) => `/api/v1/monitoring/alarms?usci=${f.usci}`, otherAgency: 404 },
  'GET /api/v1/monitoring/dead-letters': { url: () => '/api/v1/monitoring/dead-letters' },
  'GET /api/v1/dashboard': { url: (f) => `/api/v1/dashboard?agencyId=${f.agencyId}`, otherAgency: 404 },
  'GET /api/v1/dashboard/tables/:table': { url: (f) => `/api/v1/dashboard/tables/overview?agencyId=${f.agencyId}`, otherAgency: 404 },
  // `once`: the matrix reads whole answers; the open stream is tested in features/dashboard.
  'GET /api/v1/dashboard/stream': { url: (f) => `/api/v1/dashboard/stream?once=true&agencyId=${f.agencyId}`, otherAgency: 404 },
  'GET /api/v1/dashboard/map/points': { url: () => '/api/v1/dashboard/map/points?west=73&south=18&east=135&north=54&zoom=4' },
  'GET /api/v1/dashboard/map/boundaries': { url: () => '/api/v1/dashboard/map/boundaries' },
  'POST /api/v1/monitoring/devices': {
    url: () => '/api/v1/monitoring/devices',
    body: (f, n) => ({
      centreCode: 'LN-SY-01',
      deviceId: `MATRIX-${f.region}-${n}`,
      usci: f.usci,
      kind: 'other',
      location: '矩阵测试位置',
      heartbeatSeconds: 300,
    }),
    otherAgency: 404,
  },
  'GET /api/v1/public/organisations': { url: (f) => `/api/v1/public/organisations?region=${f.region}` },
  'POST /api/v1/market/spot-checks': { url: () => '/api/v1/market/spot-checks', body: () => ({ publicValue: '矩阵测试', rate: 0.5 }) },
  'GET /api/v1/market/organisations/:id': { url: (f) => `/api/v1/market/organisations/${f.organisationId}`, otherAgency: 404 },
  'POST /api/v1/market/organisations/:id/engineers': {
    url: (f) => `/api/v1/market/organisations/${f.organisationId}/engineers`,
    body: (f, n) => ({ name: `矩阵工程师${n}`, certificateNo: `MX${f.region}N${n}`, class: 'second' }),
    otherAgency: 404,
  },
  'POST /api/v1/market/engineers/:id/status': {
    url: (f) => `/api/v1/market/engineers/${f.engineerId}/status`,
    body: () => ({ status: 'practising', version: 0 }),
    otherAgency: 404,
  },
  'GET /api/v1/market/engineers/:id/credit': { url: (f) => `/api/v1/market/engineers/${f.engineerId}/credit`, otherAgency: 404 },
  'POST /api/v1/market/organisations/:id/reports': {
    url: (f) => `/api/v1/market/organisations/${f.organisationId}/reports`,
    body: (f, n) => ({
      reportNumber: `MX-${n}`,
      kind: 'testing',
      unitUsci: f.usci,
      unitName: '矩阵测试单位',
      reportDate: '2026-11-20',
      engineerId: f.engineerId,
      conclusion: 'qualified',
    }),
    otherAgency: 404,
  },
  'GET /api/v1/market/reports': { url: (f) => `/api/v1/market/reports?unitUsci=${f.usci}` },
  'POST /api/v1/market/organisations/:id/violations': {
    url: (f) => `/api/v1/market/organisations/${f.organisationId}/violations`,
    body: (f) => ({ kind: 'inaccurate_document', severity: 'general', facts: '矩阵测试：检测报告数据失实', foundOn: '2026-11-20', engineerId: f.engineerId }),
    otherAgency: 404,
  },
  'POST /api/v1/market/organisations/:id/bans': {
    url: (f) => `/api/v1/market/organisations/${f.organisationId}/bans`,
    body: (f, n) => ({
      subject: 'engineer',
      engineerId: f.engineerId,
      measure: 'suspension',
      startsOn: new Date(Date.UTC(2030, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
      endsOn: null,
      reason: '矩阵测试：出具虚假文件情节严重',
      legalBasis: '《中华人民共和国消防法》第六十九条第一款',
    }),
    otherAgency: 404,
  },
  'GET /api/v1/products/categories': { url: () => '/api/v1/products/categories' },
  'POST /api/v1/products/plans': {
    url: () => '/api/v1/products/plans',
    body: (f, n) => ({
      title: `矩阵测试消防产品抽查${n}`,
      field: 'distribution',
      categoryCodes: ['extinguisher'],
      sampleCount: 1,
      publicValueSource: '矩阵测试公开随机数',
      candidates: [{ usci: completeUsci(`91${f.region}MA${String(4000000 + n).slice(-7)}`), name: `矩阵测试经销部${n}`, crowdedPlace: false }],
    }),
  },
  'GET /api/v1/products/plans': { url: () => '/api/v1/products/plans' },
  'GET /api/v1/products/plans/:id': { url: (f) => `/api/v1/products/plans/${f.productPlanId}`, otherAgency: 404 },
  'POST /api/v1/products/plans/:id/draw': {
    url: (f) => `/api/v1/products/plans/${f.productPlanId}/draw`,
    body: () => ({ publicValue: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/products/samples/:id/result': {
    url: (f) => `/api/v1/products/samples/${f.productSampleId}/result`,
    body: () => ({
      verdict: 'qualified',
      categoryCode: 'extinguisher',
      productName: '矩阵测试灭火器',
      model: 'MFZ/ABC4',
      manufacturer: '矩阵测试消防器材厂',
      certificateNo: '2026000000000001',
      findings: [],
      findingsNote: '',
    }),
    otherAgency: 404,
  },
  'GET /api/v1/products/referrals': { url: () => '/api/v1/products/referrals' },
  'POST /api/v1/products/referrals/:id/status': {
    url: (f) => `/api/v1/products/referrals/${f.productReferralId}/status`,
    body: () => ({ action: 'send', note: '矩阵测试' }),
    otherAgency: 404,
  },
  'GET /api/v1/public/product-checks': { url: (f) => `/api/v1/public/product-checks?region=${f.region}` },
  'GET /api/v1/public/product-checks/:id/inputs': { url: (f) => `/api/v1/public/product-checks/${f.productPlanId}/inputs` },
  'GET /api/v1/public/product-checks/:id/replay': { url: (f) => `/api/v1/public/product-checks/${f.productPlanId}/replay` },
  'POST /api/v1/incidents/procedure-check': {
    url: () => '/api/v1/incidents/procedure-check',
    body: (f) => ({
      regionCode: f.region,
      conditions: {
        factsClear: true,
        noObjection: true,
        noCompensationDispute: true,
        casualties: 0,
        arsonSuspected: false,
        insuranceClaim: true,
        directLoss: 500,
      },
    }),
    readOnly: true,
  },
  'POST /api/v1/incidents': {
    url: () => '/api/v1/incidents',
    body: (_f, n) => ({
      place: `矩阵测试垃圾桶${n}`,
      reportedAt: '2026-11-20T02:00:00.000Z',
      extinguishedAt: '2026-11-20T02:30:00.000Z',
      conditions: {
        factsClear: true,
        noObjection: true,
        noCompensationDispute: true,
        casualties: 0,
        arsonSuspected: false,
        insuranceClaim: false,
        directLoss: 100,
      },
      investigatorUserIds: [],
    }),
  },
  'GET /api/v1/incidents': { url: () => '/api/v1/incidents' },
  'GET /api/v1/incidents/:id': { url: (f) => `/api/v1/incidents/${f.incidentId}`, otherAgency: 404 },
  'POST /api/v1/incidents/:id/sealing/shrink': {
    url: (f) => `/api/v1/incidents/${f.incidentId}/sealing/shrink`,
    body: () => ({ areas: ['一层', '二层'], reason: '矩阵测试：三层勘验完毕' }),
    otherAgency: 404,
  },
  'POST /api/v1/incidents/:id/sealing/lift': {
    url: (f) => `/api/v1/incidents/${f.incidentId}/sealing/lift`,
    body: () => ({ reason: '矩阵测试：勘验结束' }),
    otherAgency: 404,
  },
  'POST /api/v1/incidents/:id/clock': {
    url: (f) => `/api/v1/incidents/${f.incidentId}/clock`,
    body: () => ({ action: 'pause', reason: '矩阵测试：委托鉴定' }),
    otherAgency: 404,
  },
  'POST /api/v1/incidents/:id/determination': {
    url: (f) => `/api/v1/incidents/${f.incidentId}/determination`,
    body: () => ({ cause: '矩阵测试：遗留火种', servedAt: '2026-11-23T01:00:00.000Z' }),
    otherAgency: 404,
  },
  'GET /api/v1/portal/incidents': { url: () => '/api/v1/portal/incidents' },
  'POST /api/v1/portal/incidents/:id/loss': {
    url: (f) => `/api/v1/portal/incidents/${f.incidentId}/loss`,
    body: () => ({ amount: 3000, note: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/incidents/:id/reviews': {
    url: (f) => `/api/v1/incidents/${f.determinedIncidentId}/reviews`,
    body: () => ({ appliedAt: '2026-11-23T01:30:00.000Z', reasons: '矩阵测试复核' }),
    otherAgency: 404,
  },
  'POST /api/v1/incident-reviews/:id/acceptance': {
    url: (f) => `/api/v1/incident-reviews/${f.incidentReviewId}/acceptance`,
    body: () => ({ accept: true, reason: '' }),
    otherAgency: 404,
  },
  'POST /api/v1/incident-reviews/:id/decision': {
    url: (f) => `/api/v1/incident-reviews/${f.incidentReviewId}/decision`,
    body: () => ({ outcome: 'upheld', reasons: '矩阵测试' }),
    otherAgency: 404,
  },
  'GET /api/v1/credit/units/:usci': { url: (f) => `/api/v1/credit/units/${f.usci}`, otherAgency: 404 },
  'POST /api/v1/credit/commendations': {
    url: () => '/api/v1/credit/commendations',
    body: (f, n) => ({ usci: f.usci, kind: 'commendation', documentNo: `矩阵测试表彰〔2026〕${n}号`, reason: '矩阵测试：消防安全工作先进单位' }),
    otherAgency: 404,
  },
  'GET /api/v1/public/credit': { url: (f) => `/api/v1/public/credit?usci=${f.usci}` },
  'GET /api/v1/public/credit/blacklist': { url: (f) => `/api/v1/public/credit/blacklist?region=${f.region}` },
  'GET /api/v1/credit/blacklist': { url: () => '/api/v1/credit/blacklist' },
  'GET /api/v1/credit/distribution': { url: () => '/api/v1/credit/distribution' },
  'GET /api/v1/credit/requests': { url: () => '/api/v1/credit/requests' },
  // The record is the other unit's on the other side (404); on its own side a false commitment's objection.
  'POST /api/v1/credit/requests': {
    url: () => '/api/v1/credit/requests',
    body: (f) => ({ kind: 'objection', recordId: f.creditRecordId, reason: '矩阵测试异议', evidenceFileIds: [] }),
    otherAgency: 404,
  },
  'POST /api/v1/credit/requests/:id/decision': {
    url: (f) => `/api/v1/credit/requests/${f.creditRequestId}/decision`,
    body: () => ({ approve: false, reason: '矩阵测试维持' }),
    otherAgency: 404,
  },
  'GET /api/v1/portal/penalties': { url: () => '/api/v1/portal/penalties' },
  'GET /api/v1/portal/penalties/:id': { url: (f) => `/api/v1/portal/penalties/${f.caseId}`, otherAgency: 404 },
  'POST /api/v1/portal/penalties/:id/hearing-request': { url: (f) => `/api/v1/portal/penalties/${f.caseId}/hearing-request`, otherAgency: 404 },
  'POST /api/v1/portal/penalties/:id/recusal-request': {
    url: (f) => `/api/v1/portal/penalties/${f.noticeCaseId}/recusal-request`,
    body: (f) => ({ officerUserId: f.inspectorIds[0], reason: '矩阵测试' }),
    otherAgency: 404,
  },
  // Not served yet: the party's request to pay later or in instalments is refused (409).
  'POST /api/v1/portal/penalties/:id/payment-plan': {
    url: (f) => `/api/v1/portal/penalties/${f.noticeCaseId}/payment-plan`,
    body: () => ({ kind: 'deferral', schedule: [{ dueDate: '2027-03-01', amount: 100 }], reason: '矩阵测试' }),
    otherAgency: 404,
  },
  // Not served yet: the party's order is refused (409); the channel's notification without the channel's signature is 401.
  'POST /api/v1/portal/penalties/:id/payment-order': { url: (f) => `/api/v1/portal/penalties/${f.noticeCaseId}/payment-order`, otherAgency: 404 },
  'POST /api/v1/payments/notifications': {
    url: () => '/api/v1/payments/notifications',
    body: () => ({
      orderNo: 'FK20261123AAAAAAAAAAAA',
      transactionNo: 'MATRIX0001',
      amount: '10.00',
      paidAt: '2026-11-23T02:00:00Z',
      signature: '0'.repeat(64),
    }),
  },
  'GET /api/v1/payments/test-channel/pay/:ref': { url: () => '/api/v1/payments/test-channel/pay/TPMATRIX0000000000000000' },
  'POST /api/v1/payments/test-channel/pay/:ref': { url: () => '/api/v1/payments/test-channel/pay/TPMATRIX0000000000000000' },
  'GET /api/v1/enforcement/documents/:id/pdf': { url: (f) => `/api/v1/enforcement/documents/${f.noticeDocumentId}/pdf`, otherAgency: 404 },
  'GET /api/v1/portal/penalties/:id/documents/:documentId/pdf': {
    url: (f) => `/api/v1/portal/penalties/${f.noticeCaseId}/documents/${f.noticeDocumentId}/pdf`,
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/seals': {
    url: () => '/api/v1/enforcement/seals',
    body: (f) => ({
      regionCode: f.region,
      usci: f.usci,
      unitName: '矩阵测试单位',
      situation: 'exits_blocked',
      scope: '矩阵测试：二层安全出口',
      photoIds: [],
      inspectedOn: '2026-11-23',
      termDays: 10,
      coOfficerId: f.inspectorIds[1],
    }),
    // Another agency's region: refused as outside the jurisdiction (and alerted), never sealed.
    otherAgency: 403,
  },
  'GET /api/v1/enforcement/seals': { url: () => '/api/v1/enforcement/seals' },
  'GET /api/v1/enforcement/seal-documents/:id/pdf': { url: (f) => `/api/v1/enforcement/seal-documents/${f.sealDocumentId}/pdf`, otherAgency: 404 },
  'GET /api/v1/portal/seals/:id/documents/:documentId/pdf': {
    url: (f) => `/api/v1/portal/seals/${f.sealId}/documents/${f.sealDocumentId}/pdf`,
    otherAgency: 404,
  },
  'GET /api/v1/enforcement/seals/:id': { url: (f) => `/api/v1/enforcement/seals/${f.sealId}`, otherAgency: 404 },
  'POST /api/v1/enforcement/seals/:id/decision': {
    url: (f) => `/api/v1/enforcement/seals/${f.sealId}/decision`,
    body: () => ({ approve: false, record: '矩阵测试集体研究', participants: ['矩阵甲', '矩阵乙'] }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/seals/:id/service': {
    url: (f) => `/api/v1/enforcement/seals/${f.sealId}/service`,
    body: () => ({ method: 'in_person', servedAt: '2026-11-23' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/seals/:id/extension': {
    url: (f) => `/api/v1/enforcement/seals/${f.sealId}/extension`,
    body: () => ({ days: 1, reason: '矩阵测试延长' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/seals/:id/lifting': {
    url: (f) => `/api/v1/enforcement/seals/${f.sealId}/lifting`,
    body: () => ({ reason: '矩阵测试解除' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/seal-requests/:id/inspection': {
    url: (f) => `/api/v1/enforcement/seal-requests/${f.sealRequestId}/inspection`,
    body: () => ({ passed: true, findings: '矩阵测试检查' }),
    otherAgency: 404,
  },
  'POST /api/v1/enforcement/seal-requests/:id/decision': {
    url: (f) => `/api/v1/enforcement/seal-requests/${f.sealRequestId}/decision`,
    body: () => ({ outcome: 'lift', reason: '矩阵测试决定' }),
    otherAgency: 404,
  },
  'GET /api/v1/portal/seals': { url: () => '/api/v1/portal/seals' },
  'GET /api/v1/portal/seals/:id': { url: (f) => `/api/v1/portal/seals/${f.sealId}`, otherAgency: 404 },
  'POST /api/v1/portal/seals/:id/requests': {
    url: (f) => `/api/v1/portal/seals/${f.sealId}/requests`,
    body: () => ({ kind: 'enter', note: '矩阵测试进入整改' }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/exemption-check': {
    url: () => '/api/v1/licensing/exemption-check',
    body: (f) => ({ regionCode: f.region, venueKind: 'hotel', floorArea: 100 }),
    readOnly: true,
  },
  'GET /api/v1/licensing/sample-forms/:code': { url: () => '/api/v1/licensing/sample-forms/evacuation_plan' },
  'GET /api/v1/licensing/guide': { url: (f) => `/api/v1/licensing/guide?region=${f.region}` },
  'POST /api/v1/licensing/applications': {
    url: () => '/api/v1/licensing/applications',
    body: (f, n) => ({ ...VENUE(f.region, `矩阵草稿${n}`), materials: {} }),
  },
  'PUT /api/v1/licensing/applications/:id': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}`,
    body: (f) => ({ ...VENUE(f.region, '矩阵修改'), materials: {} }),
    otherAgency: 404,
  },
  'GET /api/v1/licensing/applications': { url: () => '/api/v1/licensing/applications' },
  'GET /api/v1/licensing/application-queue': { url: () => '/api/v1/licensing/application-queue?q=%E7%9F%A9%E9%98%B5' },
  'GET /api/v1/licensing/application-queue/export': { url: () => '/api/v1/licensing/application-queue/export' },
  'GET /api/v1/licensing/applications/:id': { url: (f) => `/api/v1/licensing/applications/${f.applicationId}`, otherAgency: 404 },
  'POST /api/v1/licensing/applications/:id/notice': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/notice`,
    body: () => ({ items: [{ target: 'material:floor_plan', reason: '平面图不清晰' }] }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/reject': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/reject`,
    body: () => ({ reasons: ['不属于本机构受理范围'] }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/accept': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/accept`,
    body: () => ({}),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/documents': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/documents`,
    body: (f) => ({ materials: { training_records: [f.fileId] } }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/assign': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/assign`,
    body: () => ({}),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/inspection': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/inspection`,
    body: () => ({ checklist: [{ code: 'escape', passed: true }], findings: '符合' }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/legal-review': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/legal-review`,
    body: () => ({ pass: true, opinion: '程序合法' }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/decision': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/decision`,
    body: () => ({ grant: false, reasons: ['现场检查不合格'] }),
    otherAgency: 404,
  },
  'POST /api/v1/licensing/applications/:id/withdraw': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/withdraw`,
    body: () => ({ reason: '暂不营业' }),
    otherAgency: 404,
  },
  'GET /api/v1/inspectors': { url: () => '/api/v1/inspectors' },
  'GET /api/v1/inspection-tasks': { url: () => '/api/v1/inspection-tasks' },
  'GET /api/v1/inspection-task-queue': { url: () => '/api/v1/inspection-task-queue' },
  'GET /api/v1/inspection-task-queue/export': { url: () => '/api/v1/inspection-task-queue/export' },
  'GET /api/v1/inspection-tasks/:id': { url: (f) => `/api/v1/inspection-tasks/${f.taskId}`, otherAgency: 404 },
  'POST /api/v1/inspection-tasks/:id/assign': { url: (f) => `/api/v1/inspection-tasks/${f.taskId}/assign`, body: () => ({}), otherAgency: 404 },
  'POST /api/v1/inspection-tasks/:id/verification': {
    url: (f) => `/api/v1/inspection-tasks/${f.taskId}/verification`,
    body: () => ({ outcome: 'confirmed', checklist: [{ code: 'escape', passed: true }], findings: '核查属实' }),
    otherAgency: 404,
  },
  'GET /api/v1/licences/verify/:code': { url: (f) => `/api/v1/licences/verify/${f.verifyCode}` },
  'GET /api/v1/verify/:code': { url: (f) => `/api/v1/verify/${f.verifyCode}` },
  'GET /api/v1/licensing/applications/:id/legal-documents': {
    url: (f) => `/api/v1/licensing/applications/${f.applicationId}/legal-documents`,
    otherAgency: 404,
  },
  'GET /api/v1/licensing/legal-documents/:id/pdf': { url: (f) => `/api/v1/licensing/legal-documents/${f.documentId}/pdf`, otherAgency: 404 },
  'POST /api/v1/public/application-lookup': {
    url: () => '/api/v1/public/application-lookup',
    body: () => ({ reference: 'XK211000202699999', code: 'AAAAAAAA' }),
    readOnly: true,
  },
  'POST /api/v1/public/application-lookup/documents/:id/pdf': {
    url: (f) => `/api/v1/public/application-lookup/documents/${f.documentId}/pdf`,
    body: () => ({ reference: 'XK211000202699999', code: 'AAAAAAAA' }),
    readOnly: true,
  },
  'POST /api/v1/licences/verify': { url: () => '/api/v1/licences/verify', multipart: true, readOnly: true },
  'GET /api/v1/licences/register': { url: (f) => `/api/v1/licences/register?agency=${f.region}` },
  'GET /api/v1/licences': { url: () => '/api/v1/licences' },
  'GET /api/v1/licences/:id': { url: (f) => `/api/v1/licences/${f.licenceId}`, otherAgency: 404 },
  'GET /api/v1/licences/:id/pdf': { url: (f) => `/api/v1/licences/${f.licenceId}/pdf`, otherAgency: 404 },
  'POST /api/v1/licences/:id/requests': {
    url: (f) => `/api/v1/licences/${f.licenceId}/requests`,
    body: () => ({ kind: 'reissue', changes: {}, reason: '许可证遗失', materials: {} }),
    otherAgency: 404,
  },
  'GET /api/v1/licence-requests': { url: () => '/api/v1/licence-requests' },
  'POST /api/v1/licence-requests/:id/decision': {
    url: (f) => `/api/v1/licence-requests/${f.requestId}/decision`,
    body: () => ({ approve: false, reason: '材料不全' }),
    otherAgency: 404,
  },
  'POST /api/v1/licences/:id/revoke': {
    url: (f) => `/api/v1/licences/${f.licenceId}/revoke`,
    body: () => ({ reason: '矩阵测试撤销', legalBasis: '《中华人民共和国消防法》第十五条' }),
    otherAgency: 404,
  },
  'POST /api/v1/supervision/plans': {
    url: () => '/api/v1/supervision/plans',
    body: (_f, n) => ({ title: `矩阵计划${n}号`, purpose: '矩阵', periodStart: '2027-04-01', periodEnd: '2027-06-30' }),
  },
  'GET /api/v1/supervision/plans': { url: () => '/api/v1/supervision/plans' },
  'GET /api/v1/supervision/plans/:id': { url: (f) => `/api/v1/supervision/plans/${f.planId}`, otherAgency: 404 },
  'POST /api/v1/supervision/plans/:id/publish': {
    url: (f) => `/api/v1/supervision/plans/${f.planId}/publish`,
    body: () => ({ publicValueSource: '矩阵测试公开随机数' }),
    otherAgency: 404,
  },
  'POST /api/v1/supervision/plans/:id/draw': { url: (f) => `/api/v1/supervision/plans/${f.planId}/draw`, body: () => ({ publicValue: '7' }), otherAgency: 404 },
  'GET /api/v1/public/plans': { url: (f) => `/api/v1/public/plans?agency=${f.region}` },
  'GET /api/v1/public/plans/:id/inputs': { url: (f) => `/api/v1/public/plans/${f.planId}/inputs` },
  'GET /api/v1/public/plans/:id/replay': { url: (f) => `/api/v1/public/plans/${f.planId}/replay` },
  'GET /api/v1/public/plans/:id/results': { url: (f) => `/api/v1/public/plans/${f.planId}/results` },
  'POST /api/v1/inspection-tasks/:id/record': {
    url: (f) => `/api/v1/inspection-tasks/${f.fieldTaskId}/record`,
    body: () => ({ mode: 'remote', checklist: [{ code: 'x', passed: true }], hazards: [], findings: '', signatures: { inspectors: [] } }),
    otherAgency: 404,
  },
  'PUT /api/v1/inspection-tasks/:id/draft': {
    url: (f) => `/api/v1/inspection-tasks/${f.fieldTaskId}/draft`,
    body: () => ({ draft: { step: 1 } }),
    otherAgency: 404,
  },
  'POST /api/v1/inspection-tasks/:id/reinspection': {
    url: (f) => `/api/v1/inspection-tasks/${f.reinspectionTaskId}/reinspection`,
    body: () => ({ fixed: true, findings: '已整改' }),
    otherAgency: 404,
  },
  'POST /api/v1/supervision/tasks': {
    url: () => '/api/v1/supervision/tasks',
    body: (f) => ({ usci: f.usci, trigger: 'complaint', reason: '矩阵测试举报', inspectorIds: f.inspectorIds }),
    otherAgency: 404,
  },
  'GET /api/v1/inspector-conflicts': { url: () => '/api/v1/inspector-conflicts' },
  'POST /api/v1/inspector-conflicts': { url: () => '/api/v1/inspector-conflicts', body: (f) => ({ usci: f.usci, kind: 'declared' }) },
  'GET /api/v1/rectification-orders': { url: () => '/api/v1/rectification-orders' },
  'GET /api/v1/rectification-orders/:id': { url: (f) => `/api/v1/rectification-orders/${f.orderId}`, otherAgency: 404 },
  'GET /api/v1/rectification-orders/:id/pdf': { url: (f) => `/api/v1/rectification-orders/${f.orderId}/pdf`, otherAgency: 404 },
  'POST /api/v1/rectification-orders/:id/escalate': {
    url: (f) => `/api/v1/rectification-orders/${f.orderId}/escalate`,
    body: () => ({ reason: '逾期未改正' }),
    otherAgency: 404,
  },
  'GET /api/v1/order-extensions': { url: () => '/api/v1/order-extensions' },
  'POST /api/v1/order-extensions/:id/decision': {
    url: (f) => `/api/v1/order-extensions/${f.extensionId}/decision`,
    body: () => ({ approve: false, reason: '理由不充分' }),
    otherAgency: 404,
  },
  'GET /api/v1/portal/orders': { url: () => '/api/v1/portal/orders' },
  'GET /api/v1/portal/orders/:id/pdf': { url: (f) => `/api/v1/portal/orders/${f.orderId}/pdf`, otherAgency: 404 },
  'POST /api/v1/portal/orders/:id/extension': {
    url: (f) => `/api/v1/portal/orders/${f.orderId}/extension`,
    body: () => ({ days: 3, reason: '材料采购中' }),
    otherAgency: 404,
  },
  'POST /api/v1/portal/orders/:id/rectified': {
    url: (f) => `/api/v1/portal/orders/${f.orderId}/rectified`,
    body: () => ({ note: '已整改', photoIds: [] }),
    otherAgency: 404,
  },
  'GET /api/v1/supervision/listed': { url: () => '/api/v1/supervision/listed' },
  'GET /api/v1/supervision/figures': { url: () => '/api/v1/supervision/figures' },
  'GET /api/v1/notifications': { url: () => '/api/v1/notifications?limit=50' },
  'GET /api/v1/notifications/unread-count': { url: () => '/api/v1/notifications/unread-count' },
  // Notifications are a person's own: another person's (or a made-up) id is 404 for everyone.
  'POST /api/v1/notifications/:id/read': { url: () => '/api/v1/notifications/00000000-0000-7000-8000-000000000000/read' },
  'POST /api/v1/notifications/read-all': { url: () => '/api/v1/notifications/read-all' },
  'GET /api/v1/notifications/preferences': { url: () => '/api/v1/notifications/preferences' },
  'PUT /api/v1/notifications/preferences/:kind': { url: () => '/api/v1/notifications/preferences/permit_granted', body: (_f, n) => ({ sms: n % 2 === 0 }) },
  'GET /api/v1/notifications/deliveries': { url: () => '/api/v1/notifications/deliveries' },
  'POST /api/v1/licences/:id/delivery': {
    url: (f) => `/api/v1/licences/${f.licenceId}/delivery`,
    body: () => ({ method: 'in_person', recipient: '钱芳' }),
    otherAgency: 404,
  },
  'POST /api/v1/oversight/interference': {
    url: () => '/api/v1/oversight/interference',
    body: (_f, n) => ({
      personName: `矩阵${n}`,
      personPosition: '某局副局长',
      role: 'leading_cadre',
      channel: 'phone',
      act: 'inquiry',
      occurredAt: '2026-11-20T02:00:00Z',
      caseReference: `矩阵案件${n}`,
      content: '来电询问案件办理进度',
    }),
  },
  'GET /api/v1/oversight/interference': { url: () => '/api/v1/oversight/interference' },
  'GET /api/v1/oversight/interference/report': { url: () => '/api/v1/oversight/interference/report?month=2026-11' },
  'POST /api/v1/public/officer-complaints': {
    url: () => '/api/v1/public/officer-complaints',
    body: (f) => ({ regionCode: f.region, account: '矩阵测试：执法人员检查时态度恶劣并索要财物。' }),
  },
  'GET /api/v1/public/officer-complaints/:code': { url: (f) => `/api/v1/public/officer-complaints/${f.trackingCode}` },
  'GET /api/v1/oversight/officer-complaints': { url: () => '/api/v1/oversight/officer-complaints' },
  'POST /api/v1/oversight/officer-complaints/:id/accept': { url: (f) => `/api/v1/oversight/officer-complaints/${f.complaintId}/accept`, otherAgency: 404 },
  'POST /api/v1/oversight/officer-complaints/:id/conclude': {
    url: (f) => `/api/v1/oversight/officer-complaints/${f.complaintId}/conclude`,
    body: () => ({ finding: 'unsubstantiated', reply: '经调查，反映问题不属实。' }),
    otherAgency: 404,
  },
  'POST /api/v1/oversight/officer-complaints/:id/decline': {
    url: (f) => `/api/v1/oversight/officer-complaints/${f.complaintId}/decline`,
    body: () => ({ reply: '不属于对执法人员的投诉举报。' }),
    otherAgency: 404,
  },
  'POST /api/v1/oversight/officer-complaints/:id/contact': { url: (f) => `/api/v1/oversight/officer-complaints/${f.complaintId}/contact`, otherAgency: 404 },
  // ---- hazard reports and complaints (CMP-01 … CMP-04), the 12345 partner API and Open311 ----
  'GET /api/v1/complaints/categories': { url: (f) => `/api/v1/complaints/categories?region=${f.region}` },
  'POST /api/v1/public/complaints/photos': { url: () => '/api/v1/public/complaints/photos', multipart: true },
  'POST /api/v1/public/complaints': {
    url: () => '/api/v1/public/complaints',
    body: (f, n) => ({ regionCode: f.region, category: 'other', description: `矩阵测试举报${n}：楼道堆放杂物`, anonymous: true }),
  },
  'GET /api/v1/public/complaints/:trackingCode': { url: (f) => `/api/v1/public/complaints/${f.hazardCode}` },
  'POST /api/v1/public/complaints/:trackingCode/reopen': {
    url: (f) => `/api/v1/public/complaints/${f.hazardCode}/reopen`,
    body: () => ({ reason: '问题仍未解决' }),
  },
  'POST /api/v1/public/complaints/:trackingCode/reward-claim': {
    url: (f) => `/api/v1/public/complaints/${f.hazardCode}/reward-claim`,
    body: () => ({ payeeName: '矩阵', account: '6222000011112222' }),
  },
  'POST /api/v1/complaints': {
    url: () => '/api/v1/complaints',
    body: (f, n) => ({
      channel: 'hotline_96119',
      receivedAt: '2026-11-23T01:00:00.000Z',
      regionCode: f.region,
      category: 'other',
      description: `矩阵测试来电${n}：消防栓无水`,
      anonymous: false,
    }),
    otherAgency: 404,
  },
  'GET /api/v1/complaints': { url: () => '/api/v1/complaints' },
  'GET /api/v1/complaints/export': { url: () => '/api/v1/complaints/export' },
  'GET /api/v1/complaints/map': { url: () => '/api/v1/complaints/map?minLat=0&maxLat=60&minLng=70&maxLng=140' },
  'GET /api/v1/complaints/figures': { url: () => '/api/v1/complaints/figures?from=2026-11-01&to=2026-11-30' },
  'GET /api/v1/complaints/:id': { url: (f) => `/api/v1/complaints/${f.hazardId}`, otherAgency: 404 },
  'GET /api/v1/complaints/:id/photos/:photoId': { url: (f) => `/api/v1/complaints/${f.hazardId}/photos/none`, otherAgency: 404 },
  'GET /api/v1/complaints/:id/duplicates': { url: (f) => `/api/v1/complaints/${f.hazardId}/duplicates`, otherAgency: 404 },
  'POST /api/v1/complaints/:id/category': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/category`,
    body: (_f, n) => ({ category: n % 2 ? 'other' : 'fire_system_disabled', reason: '矩阵测试更正类别' }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/transfer': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/transfer`,
    body: (f) => ({ regionCode: f.region, reason: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/duplicate-of': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/duplicate-of`,
    body: (f) => ({ originalId: f.hazardId }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/verification': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/verification`,
    body: (f) => ({ inspectorIds: f.inspectorIds }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/outcome': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/outcome`,
    body: () => ({ outcome: 'founded', findings: '矩阵测试' }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/feedback': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/feedback`,
    body: () => ({ feedback: '矩阵测试答复' }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/return-visits': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/return-visits`,
    body: () => ({ satisfied: true }),
    otherAgency: 404,
  },
  'POST /api/v1/complaints/:id/reward': { url: (f) => `/api/v1/complaints/${f.hazardId}/reward`, body: () => ({ excludedPerson: false }), otherAgency: 404 },
  'POST /api/v1/complaints/:id/reward/payment': {
    url: (f) => `/api/v1/complaints/${f.hazardId}/reward/payment`,
    body: () => ({ paymentRef: '矩阵凭证' }),
    otherAgency: 404,
  },
  'POST /api/v1/partners/12345/keys': { url: () => '/api/v1/partners/12345/keys', body: (f) => ({ name: '矩阵测试 12345', regionCode: f.region }) },
  'POST /api/v1/open311/keys': { url: () => '/api/v1/open311/keys', body: () => ({ name: '矩阵测试 Open311' }) },
  'POST /api/v1/partners/12345/work-orders': {
    url: () => '/api/v1/partners/12345/work-orders',
    body: (f, n) => ({ workOrderNo: `MX-${n}`, regionCode: f.region, category: 'other', content: '矩阵测试工单内容', receivedAt: '2026-11-23T01:00:00.000Z' }),
  },
  'GET /api/v1/partners/12345/work-orders/:workOrderNo': { url: () => '/api/v1/partners/12345/work-orders/MX-1' },
  'POST /api/v1/partners/12345/work-orders/:workOrderNo/evaluation': {
    url: () => '/api/v1/partners/12345/work-orders/MX-1/evaluation',
    body: () => ({ satisfied: true }),
  },
  // MON-03: the partner gateway. The administrator's partners and delivery log; the routes partners call answer
  // 401 to every unsigned request (the signature, not a session, authenticates them).
  'GET /api/v1/gateway/partners': { url: () => '/api/v1/gateway/partners' },
  'POST /api/v1/gateway/partners': {
    url: () => '/api/v1/gateway/partners',
    body: (_f, n) => ({ kind: 'random_inspection', name: `矩阵测试平台 ${n}`, scopes: ['random_inspection.read'] }),
  },
  'POST /api/v1/gateway/partners/:id/revoke': { url: () => '/api/v1/gateway/partners/none/revoke', body: () => ({ version: 0 }) },
  'PUT /api/v1/gateway/partners/:id/certificate': {
    url: () => '/api/v1/gateway/partners/none/certificate',
    body: () => ({ version: 0, clientCertSha256: null }),
  },
  'GET /api/v1/gateway/deliveries': { url: () => '/api/v1/gateway/deliveries' },
  'GET /api/v1/gateway/deliveries/:id': { url: () => '/api/v1/gateway/deliveries/none' },
  'POST /api/v1/gateway/deliveries/:id/replay': { url: () => '/api/v1/gateway/deliveries/none/replay', body: () => ({ version: 0 }) },
  'GET /api/v1/gateway/inbound-refusals': { url: () => '/api/v1/gateway/inbound-refusals' },
  'POST /api/v1/partners/portal/files': { url: () => '/api/v1/partners/portal/files', body: () => ({ filename: 'm.png', contentBase64: 'AAAA' }) },
  'POST /api/v1/partners/portal/applications': { url: () => '/api/v1/partners/portal/applications', body: () => ({ regionCode: '211000' }) },
  'GET /api/v1/partners/portal/applications/:referenceNo': { url: () => '/api/v1/partners/portal/applications/MX-0001' },
  'GET /api/v1/partners/portal/permits/:code/pdf': { url: (f) => `/api/v1/partners/portal/permits/${f.verifyCode}/pdf` },
  'GET /api/v1/partners/elicence/licences': { url: (f) => `/api/v1/partners/elicence/licences?usci=${f.usci}` },
  'GET /api/v1/partners/elicence/licences/:code/pdf': { url: (f) => `/api/v1/partners/elicence/licences/${f.verifyCode}/pdf` },
  'GET /api/v1/partners/random-inspection/export': { url: () => '/api/v1/partners/random-inspection/export?from=2027-01-01&to=2027-03-31' },
  'POST /api/v1/partners/evaluations/bad-reviews': {
    url: () => '/api/v1/partners/evaluations/bad-reviews',
    body: () => ({ externalId: 'MX-0001', referenceNo: 'MX-0001', level: 1, evaluatedAt: '2026-11-23T01:00:00.000Z' }),
  },
  'GET /api/v1/open311/v2/services.json': { url: () => '/api/v1/open311/v2/services.json' },
  'GET /api/v1/open311/v2/services.xml': { url: () => '/api/v1/open311/v2/services.xml' },
  'GET /api/v1/open311/v2/requests.json': { url: () => '/api/v1/open311/v2/requests.json' },
  'GET /api/v1/open311/v2/requests.xml': { url: () => '/api/v1/open311/v2/requests.xml' },
  'POST /api/v1/open311/v2/requests.json': { url: () => '/api/v1/open311/v2/requests.json', body: () => ({ service_code: 'other', description: '矩阵测试' }) },
  'POST /api/v1/open311/v2/requests.xml': { url: () => '/api/v1/open311/v2/requests.xml', body: () => ({ service_code: 'other', description: '矩阵测试' }) },
  'GET /api/v1/open311/v2/services/:file': { url: () => '/api/v1/open311/v2/services/other.json' },
  'GET /api/v1/open311/v2/requests/:file': { url: (f) => `/api/v1/open311/v2/requests/${f.hazardId}.json` },
  'GET /api/v1/open311/v2/tokens/:file': { url: (f) => `/api/v1/open311/v2/tokens/${f.hazardCode.replaceAll('-', '')}.json` },
  'GET /api/v1/oversight/case-reviews/checklist': { url: () => '/api/v1/oversight/case-reviews/checklist' },
  // The officers named are the other agency's on the other side: 422 (not staff of the reviewer's jurisdiction).
  'POST /api/v1/oversight/case-reviews': {
    url: () => '/api/v1/oversight/case-reviews',
    body: (f, n) => ({
      caseReference: `矩阵案卷${n}`,
      fileKind: 'penalty',
      officerIds: f.inspectorIds,
      veto: NATIONAL_CASE_REVIEW.vetoItems.map((v) => ({ code: v.code, passed: true })),
      items: NATIONAL_CASE_REVIEW.items.map((i) => ({ code: i.code, deducted: 0 })),
    }),
  },
  'GET /api/v1/oversight/case-reviews': { url: () => '/api/v1/oversight/case-reviews' },
  'GET /api/v1/oversight/case-reviews/summary': { url: () => '/api/v1/oversight/case-reviews/summary' },
  'GET /api/v1/oversight/officers': { url: () => '/api/v1/oversight/officers' },
  'GET /api/v1/oversight/officers/:userId/file': { url: (f) => `/api/v1/oversight/officers/${f.inspectorIds[0]}/file`, otherAgency: 404 },
  'POST /api/v1/oversight/officers/:userId/training': {
    url: (f) => `/api/v1/oversight/officers/${f.inspectorIds[0]}/training`,
    body: () => ({ course: '矩阵测试培训', hours: 2, completedOn: '2026-11-01' }),
    otherAgency: 404,
  },
};

const DENIAL_CODES = new Set(['AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN', 'AUTH.SESSION_EXPIRED']);

/** A drawn random plan; a complaint task with a hazard and its order (extension pending); a second order reported. */
async function supervisionFixture(t: TestApp, region: string) {
  const post = async (token: string, url: string, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
    assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
    return r.json();
  };
  const leader = await t.login(`leader.${region}`);
  const plan = await post(leader, '/api/v1/supervision/plans', {
    title: `${region} 矩阵测试抽查计划`,
    purpose: '矩阵测试',
    periodStart: '2027-01-01',
    periodEnd: '2027-03-31',
    defaultRate: 0.05,
  });
  await post(leader, `/api/v1/supervision/plans/${plan.id}/publish`, { publicValueSource: '矩阵测试公开随机数' });
  await post(leader, `/api/v1/supervision/plans/${plan.id}/draw`, { publicValue: '42' });
  const inspectorIds = (
    await t.ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('username', 'in', [`inspector.${region}`, `inspector2.${region}`])
      .orderBy('username')
      .execute()
  ).map((u) => u.id);
  const usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', `applicant.${region}`).executeTakeFirstOrThrow()).usci!;
  const clerk = await t.login(`clerk.${region}`);
  const inspector = await t.login(`inspector.${region}`);
  const applicant = await t.login(`applicant.${region}`);
  const sig = async () => {
    const mp = multipartFile('s.png', Buffer.concat([TINY_PNG, Buffer.from(`${region}-${Math.random()}`)]), 'image/png');
    return (await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(inspector), ...mp.headers }, payload: mp.payload })).json()
      .id as string;
  };
  const orderFor = async () => {
    const task = await post(clerk, '/api/v1/supervision/tasks', { usci, trigger: 'complaint', reason: '矩阵测试举报', inspectorIds });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/inspection-tasks/${task.id}`, headers: bearer(inspector) })).json();
    const rec = await post(inspector, `/api/v1/inspection-tasks/${task.id}/record`, {
      mode: 'remote',
      checklist: (detail.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
      hazards: [{ description: '疏散指示标志损坏', major: false, photoIds: [] }],
      findings: '矩阵测试',
      signatures: { inspectors: [await sig(), await sig()], representative: null },
      order: { deadlineWorkingDays: 5, guidance: '更换疏散指示标志' },
    });
    return rec.orderId as string;
  };
  const orderId = await orderFor();
  const ext = await post(applicant, `/api/v1/portal/orders/${orderId}/extension`, { days: 3, reason: '配件采购中' });
  const second = await orderFor();
  const reported = await post(applicant, `/api/v1/portal/orders/${second}/rectified`, { note: '已更换', photoIds: [] });
  const fieldTask = await post(clerk, '/api/v1/supervision/tasks', { usci, trigger: 'dishonest', reason: '严重失信单位', inspectorIds });
  // A penalty case opened by the two inspectors and filed by the approver (ENF-01).
  const opened = await post(inspector, '/api/v1/enforcement/cases', {
    regionCode: region,
    party: { kind: 'unit', usci, name: '矩阵测试单位' },
    violationCode: 'XFF-60-1-3',
    facts: '矩阵测试：营业期间安全出口被锁闭',
    circumstances: {},
    coOfficerId: inspectorIds[1],
  });
  const approver = await t.login(`approver.${region}`);
  await post(approver, `/api/v1/enforcement/cases/${opened.id}/filing`, { approve: true });
  // A second case told to its party: filed, evidence, the prior notice with its 告知书 (ENF-04).
  const told = await post(inspector, '/api/v1/enforcement/cases', {
    regionCode: region,
    party: { kind: 'unit', usci, name: '矩阵测试单位' },
    violationCode: 'XFF-60-1-3',
    facts: '矩阵测试：疏散通道堆放杂物',
    circumstances: {},
    coOfficerId: inspectorIds[1],
  });
  await post(approver, `/api/v1/enforcement/cases/${told.id}/filing`, { approve: true });
  await post(inspector, `/api/v1/enforcement/cases/${told.id}/evidence`, { fileId: await sig(), kind: 'photo', description: '矩阵测试现场照片' });
  const noticed = await post(inspector, `/api/v1/enforcement/cases/${told.id}/notice`, { outcome: 'fine', fine: 10000 });
  // A temporary seal decided collectively, and the unit's online request to lift it (ENF-05).
  const seal = await post(inspector, '/api/v1/enforcement/seals', {
    regionCode: region,
    usci,
    unitName: '矩阵测试单位',
    situation: 'fire_systems_damaged',
    scope: '矩阵测试：地下一层',
    photoIds: [],
    inspectedOn: '2026-11-23',
    termDays: 30,
    coOfficerId: inspectorIds[1],
    caseId: opened.id,
  });
  await post(approver, `/api/v1/enforcement/seals/${seal.id}/decision`, { approve: true, record: '矩阵测试集体研究', participants: ['矩阵甲', '矩阵乙'] });
  const lift = await post(applicant, `/api/v1/portal/seals/${seal.id}/requests`, { kind: 'lift', note: '矩阵测试：已整改，申请解除' });
  const record = await recordCreditEvent(t.ctx, systemActor(), {
    usci,
    agencyId: await agencyId(t, region),
    kind: 'false_commitment',
    severity: 'general',
    reason: '矩阵测试：告知承诺核查发现虚假承诺',
    sourceType: 'inspection_task',
    sourceId: `matrix-credit-${region}`,
    occurredAt: t.clock.now.toISOString(),
  });
  const objection = await post(applicant, '/api/v1/credit/requests', { kind: 'objection', recordId: record.id, reason: '矩阵测试异议', evidenceFileIds: [] });
  const organisation = await post(inspector, '/api/v1/market/organisations', {
    usci: completeUsci(`91${region}MA6666666`),
    name: `${region} 矩阵测试消防维保`,
    kind: 'maintenance_testing',
    declared: ORG_FACTS,
  });
  const engineer = await post(inspector, `/api/v1/market/organisations/${organisation.id}/engineers`, {
    name: '矩阵工程师',
    certificateNo: `MXE${region}`,
    class: 'first',
  });
  return {
    sealId: seal.id as string,
    sealDocumentId: lift.documents[0].id as string,
    sealRequestId: lift.requests[0].id as string,
    planId: plan.id,
    orderId,
    extensionId: ext.id,
    reinspectionTaskId: reported.reinspectionTaskId,
    fieldTaskId: fieldTask.id,
    usci,
    inspectorIds,
    caseId: opened.id as string,
    noticeCaseId: told.id as string,
    noticeDocumentId: noticed.documents[0].id as string,
    creditRecordId: record.id,
    creditRequestId: objection.id as string,
    organisationId: organisation.id as string,
    engineerId: engineer.id as string,
  };
}

/** An application taken through the inspection path to a permit, and a pending reissue request of it. */
async function licensingFixture(t: TestApp, region: string, venueName: string) {
  const applicant = await t.login(`applicant.${region}`);
  const materials: Record<string, string[]> = {};
  for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
    const mp = multipartFile(`${code}.png`, Buffer.concat([TINY_PNG, Buffer.from(`${region}-${code}`)]), 'image/png');
    const f = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(applicant), ...mp.headers }, payload: mp.payload });
    materials[code] = [f.json().id];
  }
  const post = async (token: string, url: string, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
    assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
    return r.json();
  };
  const app = await post(applicant, '/api/v1/licensing/applications', { ...VENUE(region, venueName), materials, submit: true });
  const clerk = await t.login(`clerk.${region}`);
  await post(clerk, `/api/v1/licensing/applications/${app.id}/accept`, {});
  const inspectors = await t.ctx.database.db
    .selectFrom('users')
    .select(['id'])
    .where('username', 'in', [`inspector.${region}`, `inspector2.${region}`])
    .execute();
  const assigned = await post(clerk, `/api/v1/licensing/applications/${app.id}/assign`, { inspectorIds: inspectors.map((i) => i.id) });
  const task = assigned.tasks[0];
  const inspector = await t.login(`inspector.${region}`);
  await post(inspector, `/api/v1/licensing/applications/${app.id}/inspection`, {
    checklist: (task.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
    findings: '符合要求',
  });
  const granted = await post(await t.login(`approver.${region}`), `/api/v1/licensing/applications/${app.id}/decision`, { grant: true, reasons: [] });
  const request = await post(applicant, `/api/v1/licences/${granted.licence.id}/requests`, {
    kind: 'reissue',
    changes: {},
    reason: '许可证遗失',
    materials: {},
  });
  const notice = await t.ctx.database.db
    .selectFrom('application_documents')
    .select('id')
    .where('application_id', '=', app.id)
    .where('kind', '=', 'acceptance')
    .executeTakeFirstOrThrow();
  return {
    applicationId: app.id,
    licenceId: granted.licence.id,
    verifyCode: granted.licence.verifyCode,
    documentId: notice.id,
    taskId: task.id,
    requestId: request.id,
  };
}

async function makeFixture(t: TestApp, region: string, names: { unit: string; clock: string; venue: string }): Promise<Fixture> {
  const token = await t.login(`clerk.${region}`);
  const unit = await t.app.inject({
    method: 'POST',
    url: '/api/v1/units',
    headers: bearer(token),
    payload: {
      usci: completeUsci(`91${region}MA7777777`),
      name: names.unit,
      address: '金丝雀路9号',
      regionCode: region,
      contactName: '测试人',
      contactPhone: '13800001234',
    },
  });
  assert.equal(unit.statusCode, 201, unit.body);
  const clock = await t.app.inject({
    method: 'POST',
    url: '/api/v1/clocks',
    headers: bearer(token),
    payload: { targetType: 'unit', targetId: unit.json().id, title: names.clock, unit: 'working_days', amount: 10, legalBasis: { document: '测试依据' } },
  });
  assert.equal(clock.statusCode, 201, clock.body);
  const mp = multipartFile('canary.png', Buffer.concat([TINY_PNG, Buffer.from(region)]), 'image/png');
  const file = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
  assert.equal(file.statusCode, 201, file.body);
  return {
    unitId: unit.json().id,
    clockId: clock.json().id,
    fileId: file.json().id,
    agencyId: await agencyId(t, region),
    region,
    ...(await licensingFixture(t, region, names.venue)),
    ...(await supervisionFixture(t, region)),
    ...(await oversightFixture(t, region)),
    ...(await hazardFixture(t, region, completeUsci(`91${region}MA7777777`))),
    ...(await productsFixture(t, region)),
    ...(await incidentsFixture(t, region)),
    ...(await servicesFixture(t, region)),
  };
}

/** Public services of the agency (SVC-02, SVC-03, SVC-06): a visit token, a bad review's follow-up, an open-day slot with a booking, a disclosure request. */
async function servicesFixture(t: TestApp, region: string) {
  const post = async (token: string | null, url: string, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers: token ? bearer(token) : {}, payload: payload as string });
    assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
    return r.json();
  };
  const clerk = await t.login(`clerk.${region}`);
  const visit = await post(clerk, '/api/v1/evaluations/visits', { serviceTitle: '矩阵测试窗口办事' });
  const reviewed = await post(clerk, '/api/v1/evaluations/visits', { serviceTitle: '矩阵测试差评' });
  const bad = await post(null, '/api/v1/evaluations', {
    matterType: 'window_visit',
    matterId: reviewed.token,
    level: 1,
    tags: ['overdue'],
    evaluator: { name: '矩阵', phone: '13900003333' },
  });
  const startsAt = new Date(t.clock.now.getTime() + 10 * 86_400_000).toISOString();
  const endsAt = new Date(t.clock.now.getTime() + 10 * 86_400_000 + 3_600_000).toISOString();
  const slot = await post(clerk, '/api/v1/appointments/slots', {
    kind: 'open_day',
    title: '矩阵测试开放日',
    place: '矩阵测试消防站',
    startsAt,
    endsAt,
    capacity: 1000,
  });
  const booking = await post(null, `/api/v1/appointments/slots/${slot.id}/bookings`, { name: '矩阵', phone: '13900004444', people: 1 });
  const disclosure = await post(null, '/api/v1/disclosure/requests', {
    regionCode: region,
    name: '矩阵',
    contact: '13900005555',
    content: '矩阵测试：申请公开抽查结果',
  });
  const applicant = await t.login(`applicant.${region}`);
  const mp = multipartFile('engineer.png', Buffer.concat([TINY_PNG, Buffer.from(`engineer-${region}`)]), 'image/png');
  const upload = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(applicant), ...mp.headers }, payload: mp.payload });
  assert.equal(upload.statusCode, 201, upload.body);
  const registration = await post(applicant, '/api/v1/engineers/registrations', {
    regionCode: region,
    name: '矩阵工程师',
    idNumber: `${region}19900101123X`,
    level: 'first',
    qualificationNo: 'ZG-FIXTURE',
    employer: '矩阵测试消防技术服务有限公司',
    employerUsci: '91110000MA0000000X',
    phone: '13900009999',
    mailingAddress: '矩阵测试路 2 号',
    materials: [upload.json().id],
    commitmentAccepted: true,
  });
  const course = await post(clerk, '/api/v1/training/courses', {
    title: '矩阵测试培训课程',
    kind: 'video',
    resource: 'https://example.org/matrix.mp4',
    durationMinutes: 20,
    audience: '全体员工',
  });
  const guidance = (subject: string) =>
    post(applicant, '/api/v1/guidance/requests', { regionCode: region, subject, mode: 'on_site', topic: '矩阵测试', contact: '13900009999' });
  const fresh = await guidance('矩阵测试待指派');
  const g = await guidance('矩阵测试指导中');
  await post(clerk, `/api/v1/guidance/requests/${g.id}/assign`, { experts: ['矩阵甲', '矩阵乙'], version: 0 });
  const visited = await post(clerk, `/api/v1/guidance/requests/${g.id}/visits`, { visitedOn: '2026-11-20', advice: ['矩阵测试建议'], version: 1 });
  const appointmentTime = new Date(t.clock.now.getTime() + 12 * 86_400_000).toISOString();
  const drill = (topic: string) =>
    post(applicant, '/api/v1/appointments/requests', {
      kind: 'drill',
      regionCode: region,
      unitName: '矩阵测试单位',
      topic,
      place: '矩阵测试地点',
      people: 10,
      contact: '13900006666',
      proposedTimes: [appointmentTime],
    });
  const confirmReq = await drill('矩阵测试待确认');
  const counterReq = await drill('矩阵测试待另提');
  const declineReq = await drill('矩阵测试待拒绝');
  const cancelReq = await drill('矩阵测试待取消');
  const counteredReq = await drill('矩阵测试已另提');
  await post(clerk, `/api/v1/appointments/requests/${counteredReq.id}/counter`, { startsAt: appointmentTime, reason: '矩阵测试另提时间', version: 0 });
  return {
    engineerRegistrationId: registration.id as string,
    appointmentTime,
    appointmentConfirmId: confirmReq.id as string,
    appointmentCounterId: counterReq.id as string,
    appointmentDeclineId: declineReq.id as string,
    appointmentCancelId: cancelReq.id as string,
    appointmentCounteredId: counteredReq.id as string,
    guidanceNewId: fresh.id as string,
    guidanceId: g.id as string,
    guidanceVersion: visited.version as number,
    adviceId: visited.advice[0].id as string,
    courseId: course.id as string,
    visitToken: visit.token as string,
    followUpId: bad.followUpId as string,
    slotId: slot.id as string,
    bookingCode: booking.code as string,
    disclosureId: disclosure.id as string,
    disclosureCode: disclosure.code as string,
  };
}

/** Two general-procedure incidents of the agency naming its applicant's unit: one sealed under investigation, one determined with a review applied for. */
async function incidentsFixture(t: TestApp, region: string) {
  const post = async (token: string, url: string, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
    assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
    return r.json();
  };
  const db = t.ctx.database.db;
  const usci = (await db.selectFrom('users').select('usci').where('username', '=', `applicant.${region}`).executeTakeFirstOrThrow()).usci!;
  const investigators = (
    await db
      .selectFrom('users')
      .select('id')
      .where('username', 'in', [`inspector.${region}`, `inspector2.${region}`])
      .execute()
  ).map((u) => u.id);
  const inspector = await t.login(`inspector.${region}`);
  const at = (h: number) => new Date(t.ctx.now().getTime() - h * 3_600_000).toISOString();
  const body = (place: string) => ({
    unitUsci: usci,
    place,
    reportedAt: at(10),
    extinguishedAt: at(9),
    conditions: {
      factsClear: true,
      noObjection: true,
      noCompensationDispute: true,
      casualties: 1,
      arsonSuspected: false,
      insuranceClaim: false,
      directLoss: 3000,
    },
    investigatorUserIds: investigators,
    sealing: { areas: ['一层', '二层', '三层'], photoFileIds: [] },
  });
  const open = await post(inspector, '/api/v1/incidents', body(`${region} 矩阵测试仓库`));
  const done = await post(inspector, '/api/v1/incidents', body(`${region} 矩阵测试厂房`));
  await post(inspector, `/api/v1/incidents/${done.id}/determination`, { cause: '矩阵测试：电气故障', servedAt: at(1) });
  const review = await post(await t.login(`applicant.${region}`), `/api/v1/incidents/${done.id}/reviews`, { appliedAt: at(0), reasons: '矩阵测试复核' });
  const accountability = await post(inspector, `/api/v1/incidents/${open.id}/accountability`, {
    deaths: 1,
    highImpact: true,
    teamLead: '矩阵测试区人民政府',
    teamMembers: ['应急管理局', '消防救援机构'],
    parties: [{ party: 'construction', name: '矩阵测试建设单位', findings: '矩阵测试：擅自改变使用性质' }],
    measures: '矩阵测试整改措施',
  });
  return {
    incidentId: open.id as string,
    determinedIncidentId: done.id as string,
    incidentReviewId: review.id as string,
    accountabilityId: accountability.id as string,
  };
}

/** A drawn distribution plan of fire products (MKT-02): one sample unqualified (its market referral pending), one pending. */
async function productsFixture(t: TestApp, region: string) {
  const post = async (token: string, url: string, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
    assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
    return r.json();
  };
  const leader = await t.login(`leader.${region}`);
  const plan = await post(leader, '/api/v1/products/plans', {
    title: `${region} 矩阵测试消防产品抽查`,
    field: 'distribution',
    categoryCodes: ['extinguisher'],
    sampleCount: 2,
    publicValueSource: '矩阵测试公开随机数',
    candidates: [1, 2].map((i) => ({ usci: completeUsci(`91${region}MA555555${i}`), name: `${region} 矩阵测试经销部${i}`, crowdedPlace: false })),
  });
  const drawn = await post(leader, `/api/v1/products/plans/${plan.id}/draw`, { publicValue: '矩阵测试' });
  const [bad, pending] = drawn.samples as { id: string }[];
  await post(leader, `/api/v1/products/samples/${bad!.id}/result`, {
    verdict: 'unqualified',
    categoryCode: 'extinguisher',
    productName: '矩阵测试灭火器',
    model: 'MFZ/ABC4',
    manufacturer: '矩阵测试消防器材厂',
    certificateNo: null,
    findings: ['no_certificate'],
    findingsNote: '',
  });
  const referral = await t.ctx.database.db.selectFrom('product_market_referrals').select('id').where('sample_id', '=', bad!.id).executeTakeFirstOrThrow();
  return { productPlanId: plan.id as string, productSampleId: pending!.id, productReferralId: referral.id };
}

/** A hazard report of the agency through the public form (CMP-01), naming the fixture's unit. */
async function hazardFixture(t: TestApp, region: string, usci: string) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/complaints',
    payload: {
      regionCode: region,
      category: 'escape_route_blocked',
      description: `${region} 矩阵测试：安全出口锁闭`,
      unitUsci: usci,
      anonymous: true,
      reporter: { phone: '13900002222' },
    },
    remoteAddress: `10.8.${region.slice(0, 2)}.${region.slice(2, 4)}`,
  });
  assert.equal(r.statusCode, 201, r.body);
  const body = r.json() as { id: string; trackingCode: string };
  return { hazardId: body.id, hazardCode: body.trackingCode };
}

/** A complaint about an officer of the agency, sent through the public channel (OVS-03). */
async function oversightFixture(t: TestApp, region: string) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/officer-complaints',
    payload: { regionCode: region, account: `${region} 矩阵测试：执法人员检查时索要财物。`, complainantPhone: '13900001111' },
    remoteAddress: `10.9.${region.slice(0, 2)}.${region.slice(2, 4)}`,
  });
  assert.equal(r.statusCode, 201, r.body);
  const row = await t.ctx.database.db
    .selectFrom('officer_complaints')
    .innerJoin('agencies', 'agencies.id', 'officer_complaints.agency_id')
    .select('officer_complaints.id')
    .where('agencies.region_code', '=', region)
    .executeTakeFirstOrThrow();
  return { complaintId: row.id, trackingCode: (r.json() as { trackingCode: string }).trackingCode };
}

/** The matrix on one database; each database runs in its own test file (authz-matrix*.test.ts) to keep within the per-file time limit. */
export function authorizationMatrix(database: TestDatabase): void {
  describe(`authorization matrix: every route × role × own/other agency [${database}]`, () => {
    let t: TestApp;
    let own: Fixture;
    let other: Fixture;
    const tokens = new Map<Role, string>();
    before(async () => {
      t = await startTestApp(database);
      own = await makeFixture(t, '211000', { unit: '辽阳矩阵测试单位', clock: '辽阳矩阵测试时限', venue: '辽阳矩阵测试场所' });
      other = await makeFixture(t, '440100', { unit: CANARY_NAME, clock: CANARY_CLOCK, venue: CANARY_VENUE });
      for (const role of ROLES) tokens.set(role, await t.login(`${role}.211000`));
    });
    after(() => t.close());

    test('every registered route has a sample in the matrix', () => {
      const missing = [...routeRegistry.keys()].filter((k) => !SAMPLES[k]);
      assert.deepEqual(missing, [], `routes missing from the authorization matrix: ${missing.join(', ')}`);
    });

    test('each role is allowed exactly what its permissions say, only inside its agency; every successful write leaves an enforcement record; every refusal is recorded as a security event', async () => {
      let n = 0;
      const failures: string[] = [];
      /** Refusals the matrix provoked, by role, route and code: each must be in the security events (等保 8.1.4.3 a). */
      const refusals = new Map<string, number>();
      const refused = (who: Role, key: string, code: string | undefined) => {
        const k = `${who}|${key}|${code ?? ''}`;
        refusals.set(k, (refusals.get(k) ?? 0) + 1);
      };
      for (const [key, route] of routeRegistry) {
        const sample = SAMPLES[key]!;
        for (const who of ['anonymous', ...ROLES] as const) {
          for (const side of ['own', 'other'] as Side[]) {
            n++;
            const f = side === 'own' ? own : other;
            let headers: Record<string, string> = {};
            if (who !== 'anonymous') headers = bearer(sample.freshSession ? await t.login(`${who}.211000`) : tokens.get(who)!);
            let payload: unknown;
            if (sample.multipart) {
              const mp = multipartFile('m.png', Buffer.concat([TINY_PNG, Buffer.from(String(n))]), 'image/png');
              headers = { ...headers, ...mp.headers };
              payload = mp.payload;
            } else if (sample.body) payload = sample.body(f, n);
            else if (route.method !== 'GET') payload = {};
            const eventsBefore = await countEvents(t);
            const r = await t.app.inject({
              method: route.method as 'GET',
              url: sample.url(f),
              headers,
              ...(payload !== undefined ? { payload: payload as string } : {}),
            });
            const code = (() => {
              try {
                return (r.json() as { code?: string }).code;
              } catch {
                return undefined;
              }
            })();
            const label = `${key} as ${who} (${side}) → ${r.statusCode} ${code ?? ''}`;
            const permitted =
              route.permission === 'public' || (who !== 'anonymous' && (route.permission === 'authenticated' || hasPermission([who], route.permission)));
            if (!permitted) {
              const expected = who === 'anonymous' ? 401 : 403;
              if (r.statusCode !== expected || !DENIAL_CODES.has(code ?? '')) failures.push(`${label}: expected ${expected}`);
              if (who !== 'anonymous') refused(who, key, code);
              continue;
            }
            if (DENIAL_CODES.has(code ?? '')) {
              if (!(side === 'other' && sample.otherAgency === 403 && r.statusCode === 403)) failures.push(`${label}: permitted but refused`);
              else if (who !== 'anonymous') refused(who, key, code);
              continue;
            }
            if (side === 'other' && sample.otherAgency && r.statusCode !== sample.otherAgency)
              failures.push(`${label}: expected ${sample.otherAgency} outside the agency`);
            else if (side === 'other' && sample.otherAgency && who !== 'anonymous') refused(who, key, code);
            if (r.statusCode >= 500) failures.push(`${label}: server error ${r.body}`);
            if (route.method !== 'GET' && !sample.readOnly && r.statusCode < 300 && (await countEvents(t)) <= eventsBefore)
              failures.push(`${label}: write without an enforcement record event`);
          }
        }
      }
      assert.ok(n > 400, `matrix ran ${n} requests`);
      assert.deepEqual(failures, []);

      // Every refusal above left a security event: one row per actor, route and code in each window, whose count
      // adds up the refusals (aggregated, so a flood cannot fill the store).
      await flushRefusals(t.ctx);
      const rows = await t.ctx.database.db
        .selectFrom('security_refusals')
        .innerJoin('users', 'users.id', 'security_refusals.actor_user_id')
        .select(['users.username', 'security_refusals.route', 'security_refusals.code', 'security_refusals.count'])
        .execute();
      const recorded = new Map<string, number>();
      for (const r of rows) {
        const k = `${r.username.split('.')[0]}|${r.route}|${r.code}`;
        recorded.set(k, (recorded.get(k) ?? 0) + Number(r.count));
      }
      assert.ok(refusals.size > 200, `the matrix provoked only ${refusals.size} kinds of refusal`);
      const unrecorded = [...refusals].filter(([k, count]) => (recorded.get(k) ?? 0) < count).map(([k, c]) => `${k} ×${c} (recorded ${recorded.get(k) ?? 0})`);
      assert.deepEqual(unrecorded, [], `refusals without a security event:\n${unrecorded.join('\n')}`);
    });

    test('cross-agency canary records never appear in any response of another agency', async () => {
      const canaries = [
        CANARY_NAME,
        CANARY_CLOCK,
        CANARY_VENUE,
        other.unitId,
        other.clockId,
        other.fileId,
        other.applicationId,
        other.licenceId,
        other.taskId,
        other.sealId,
        other.sealRequestId,
        other.sealDocumentId,
        other.verifyCode,
        other.documentId,
        other.noticeCaseId,
        other.noticeDocumentId,
        other.complaintId,
        other.hazardId,
        other.incidentId,
        other.determinedIncidentId,
        other.incidentReviewId,
        other.followUpId,
        other.disclosureId,
        other.disclosureCode,
        other.engineerRegistrationId,
      ];
      for (const role of ROLES) {
        for (const [key, route] of routeRegistry) {
          if (route.method !== 'GET') continue;
          const r = await t.app.inject({ method: 'GET', url: SAMPLES[key]!.url(own), headers: bearer(tokens.get(role)!) });
          for (const c of canaries) assert.ok(!r.body.includes(c), `${key} as ${role} leaked canary ${c}`);
        }
      }
    });

    test('an out-of-scope read is a 404 like a missing record, and is logged as denied', async () => {
      const token = tokens.get('inspector')!;
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/units/${other.unitId}`, headers: bearer(token) });
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/units/00000000-0000-7000-8000-000000000000', headers: bearer(token) });
      assert.equal(r.statusCode, 404);
      assert.deepEqual(r.json(), missing.json());
      const denied = await t.ctx.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', other.unitId)
        .where('outcome', '=', 'denied')
        .execute();
      assert.ok(denied.length >= 1);
      assert.equal(denied.at(-1)!.action, 'access.refused');
    });

    test('a brigade sees its own records but not its detachment’s', async () => {
      const token = await t.login('clerk.211002');
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/units?limit=200', headers: bearer(token) })).json() as {
        items: { regionCode: string }[];
      };
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((u) => u.regionCode === '211002'));
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/units/${own.unitId}`, headers: bearer(token) })).statusCode, 404);
    });
  });
}
