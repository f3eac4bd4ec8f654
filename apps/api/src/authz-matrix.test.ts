import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci, hasPermission, ROLES, type Role } from '@fep/domain';
import Fastify from 'fastify';
import { installGuard, routeRegistry } from './platform/http/guard.ts';
import { agencyId, bearer, countEvents, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from './test-support/harness.ts';

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
  taskId: string;
  requestId: string;
  planId: string;
  orderId: string;
  extensionId: string;
  reinspectionTaskId: string;
  fieldTaskId: string;
  usci: string;
  inspectorIds: string[];
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

const SAMPLES: Record<string, Sample> = {
  'GET /api/health': { url: () => '/api/health' },
  'POST /api/v1/auth/login': { url: () => '/api/v1/auth/login', body: () => ({ username: 'nobody.000000', password: 'x' }) },
  'POST /api/v1/auth/logout': { url: () => '/api/v1/auth/logout', freshSession: true },
  'GET /api/v1/auth/me': { url: () => '/api/v1/auth/me' },
  'GET /api/v1/agencies': { url: () => '/api/v1/agencies' },
  'GET /api/v1/events/dead-letters': { url: () => '/api/v1/events/dead-letters' },
  'POST /api/v1/events/dead-letters/:eventId/:subscriber/retry': { url: () => '/api/v1/events/dead-letters/none/none/retry', body: () => ({}) },
  'POST /api/v1/demo/clock': { url: () => '/api/v1/demo/clock', body: () => ({ now: '2026-11-23T02:00:00Z' }) },
  'GET /api/v1/users': { url: () => '/api/v1/users' },
  'GET /api/v1/audit/verify': { url: (f) => `/api/v1/audit/verify?target=${f.clockId}`, otherAgency: 404 },
  'GET /api/v1/audit/events': { url: (f) => `/api/v1/audit/events?target=${f.clockId}`, otherAgency: 404 },
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
  'POST /api/v1/units/import': { url: () => '/api/v1/units/import', multipart: true },
  'GET /api/v1/units/export': { url: () => '/api/v1/units/export' },
  'GET /api/v1/portal/my-units': { url: () => '/api/v1/portal/my-units' },
  'GET /api/v1/services/guides': { url: (f) => `/api/v1/services/guides?agency=${f.region}` },
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
  'GET /api/v1/inspection-tasks/:id': { url: (f) => `/api/v1/inspection-tasks/${f.taskId}`, otherAgency: 404 },
  'POST /api/v1/inspection-tasks/:id/assign': { url: (f) => `/api/v1/inspection-tasks/${f.taskId}/assign`, body: () => ({}), otherAgency: 404 },
  'POST /api/v1/inspection-tasks/:id/verification': {
    url: (f) => `/api/v1/inspection-tasks/${f.taskId}/verification`,
    body: () => ({ outcome: 'confirmed', checklist: [{ code: 'escape', passed: true }], findings: '核查属实' }),
    otherAgency: 404,
  },
  'GET /api/v1/licences/verify/:code': { url: (f) => `/api/v1/licences/verify/${f.verifyCode}` },
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
  'POST /api/v1/licences/:id/delivery': {
    url: (f) => `/api/v1/licences/${f.licenceId}/delivery`,
    body: () => ({ method: 'in_person', recipient: '钱芳' }),
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
  return { planId: plan.id, orderId, extensionId: ext.id, reinspectionTaskId: reported.reinspectionTaskId, fieldTaskId: fieldTask.id, usci, inspectorIds };
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
  return { applicationId: app.id, licenceId: granted.licence.id, verifyCode: granted.licence.verifyCode, taskId: task.id, requestId: request.id };
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
  };
}

test('a route without a declared permission stops the start-up', async () => {
  const app = Fastify();
  installGuard(app);
  assert.throws(() => app.get('/api/v1/forgotten', async () => 'x'), /declares no permission/);
  await app.close();
});

for (const database of DATABASES) {
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

    test('each role is allowed exactly what its permissions say, only inside its agency; every successful write leaves an enforcement record', async () => {
      let n = 0;
      const failures: string[] = [];
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
              continue;
            }
            if (DENIAL_CODES.has(code ?? '')) {
              if (!(side === 'other' && sample.otherAgency === 403 && r.statusCode === 403)) failures.push(`${label}: permitted but refused`);
              continue;
            }
            if (side === 'other' && sample.otherAgency && r.statusCode !== sample.otherAgency)
              failures.push(`${label}: expected ${sample.otherAgency} outside the agency`);
            if (r.statusCode >= 500) failures.push(`${label}: server error ${r.body}`);
            if (route.method !== 'GET' && !sample.readOnly && r.statusCode < 300 && (await countEvents(t)) <= eventsBefore)
              failures.push(`${label}: write without an enforcement record event`);
          }
        }
      }
      assert.ok(n > 400, `matrix ran ${n} requests`);
      assert.deepEqual(failures, []);
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
        other.verifyCode,
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
      assert.equal(denied.at(-1)!.action, 'unit.read');
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
