import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgencyTable, HazardTable, InspectionTaskTable, OrderExtensionTable, RectificationOrderTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fakeTransactor } from '../../test-support/fakes.ts';
import { ORDER_ESCALATED } from '../enforcement/index.ts';
import { newInspectionTask } from '../inspections/index.ts';
import type { SupervisionDeps, SupervisionStore } from './supervision.repository.ts';
import { decideExtension } from './use-cases/decide-extension.ts';
import { escalateOrder } from './use-cases/escalate-order.ts';
import { recordFieldInspection } from './use-cases/record-field-inspection.ts';
import { recordReinspection } from './use-cases/record-reinspection.ts';
import { reportRectified } from './use-cases/report-rectified.ts';
import { requestExtension } from './use-cases/request-extension.ts';

/** The rectification-order flow (SUP-10/11) on an in-memory store: no database, no HTTP. */
const AGENCY = { id: 'ag-1', path: '/c/ag-1/', region_code: '211000', name: '辽阳市消防救援支队', short_name: '辽阳支队' } as AgencyTable;

function staff(id: string): Actor {
  return {
    userId: id,
    username: id,
    displayName: id,
    kind: 'staff',
    roles: [],
    permissions: [],
    role: 'inspector',
    agencyId: AGENCY.id,
    agencyPath: AGENCY.path,
    agencyName: AGENCY.name,
    regionCode: '211000',
    usci: null,
    national: false,
    scope: { kind: 'agency_and_below', agencyPath: AGENCY.path },
    ip: null,
    requestId: null,
  };
}
const unitActor = (usci: string): Actor => ({
  ...staff('u-1'),
  kind: 'applicant',
  agencyId: null,
  agencyPath: null,
  usci,
  scope: { kind: 'self', userId: 'u-1', usci },
});

function memoryStore() {
  const tasks = new Map<string, InspectionTaskTable>();
  const orders = new Map<string, RectificationOrderTable>();
  const exts = new Map<string, OrderExtensionTable>();
  const hazards: HazardTable[] = [];
  const clocks = new Map<string, { amount: number; stopped: boolean }>();
  let seq = 0;
  const store: SupervisionStore = {
    findTask: async (_x, id) => tasks.get(id),
    withPlanChecklist: async (_x, t) => t,
    async updateTaskIf(_x, task, expected, patch) {
      const cur = tasks.get(task.id);
      if (!cur || !expected.includes(cur.status)) return null;
      const { inspectorIds, ...rest } = patch;
      const next = { ...cur, ...rest, ...(inspectorIds ? { inspector_ids_json: JSON.stringify(inspectorIds) } : {}) };
      tasks.set(task.id, next);
      return next;
    },
    insertTask: async (_x, row) => {
      tasks.set(row.id, row);
      return row;
    },
    files: async (_x, ids) => ids.map((id) => ({ id, content_type: 'image/png' })),
    agency: async () => AGENCY,
    rectificationPolicy: async () => ({
      kind: 'supervision.rectification',
      at: '2026-11-23',
      values: { maxDeadlineWorkingDays: 60, recheckWorkingDays: 3, numberTemplate: '{agency}消责改字〔{year}〕第{seq}号', seqDigits: 4 },
      provenance: {
        maxDeadlineWorkingDays: { source: 'national', legalBasis: { document: '《中华人民共和国消防法》', clause: '第六十条' } },
        recheckWorkingDays: { source: 'national', legalBasis: { document: '《消防监督检查规定》', clause: '第二十条' } },
      },
      versionKey: 'national',
    }),
    addWorkingDays: async (_x, _r, from, days) => ({ date: `${from}+${days}`, provisional: false }),
    nextOrderSequence: async () => ++seq,
    sealDocument: async () => 'sha-of-pdf',
    async startClock(_x, c) {
      const id = `clock-${clocks.size + 1}`;
      clocks.set(id, { amount: c.amount, stopped: false });
      return { id };
    },
    async clockEvent(_x, id, e) {
      const c = id ? clocks.get(id) : undefined;
      if (!c || c.stopped) return;
      if (e.type === 'extend') c.amount += e.amount ?? 0;
      else c.stopped = true;
    },
    insertOrder: async (_x, row) => void orders.set(row.id, row),
    findOrder: async (_x, id) => orders.get(id),
    async updateOrderIf(_x, id, expected, patch) {
      const cur = orders.get(id);
      if (!cur || !expected.includes(cur.status)) return false;
      orders.set(id, { ...cur, ...patch });
      return true;
    },
    insertHazard: async (_x, row) => void hazards.push(row),
    async setHazardsOfOrder(_x, orderId, status) {
      for (const h of hazards) if (h.order_id === orderId) h.status = status;
    },
    pendingExtension: async (_x, orderId) => [...exts.values()].find((e) => e.order_id === orderId && e.status === 'pending'),
    insertExtension: async (_x, row) => void exts.set(row.id, row),
    findExtension: async (_x, id) => exts.get(id),
    async updateExtensionIf(_x, id, expected, patch) {
      const cur = exts.get(id);
      if (!cur || cur.status !== expected) return false;
      exts.set(id, { ...cur, ...patch });
      return true;
    },
  };
  return { store, tasks, orders, exts, hazards, clocks };
}

function setup() {
  const mem = memoryStore();
  const transactor = fakeTransactor();
  const deps = {
    now: () => new Date('2026-11-23T02:00:00Z'),
    config: { publicUrl: 'https://fep.example', dataDir: '/nonexistent' },
    transactor,
    supervision: mem.store,
  } as unknown as SupervisionDeps & AppContext;
  const task = newInspectionTask(
    {
      agency_id: AGENCY.id,
      agency_path: AGENCY.path,
      region_code: '211000',
      purpose: 'complaint',
      usci: '91211000MA00000001',
      subject_name: '某商场',
      venue_address: '辽阳市白塔区',
      status: 'assigned',
      inspector_ids_json: JSON.stringify(['i-1', 'i-2']),
      checklist_json: JSON.stringify([{ code: 'escape', name: '安全出口' }]),
    },
    '2026-11-23T02:00:00.000Z',
  );
  mem.tasks.set(task.id, task);
  return { mem, transactor, deps, task };
}

const record = {
  mode: 'remote' as const,
  checklist: [{ code: 'escape', passed: false }],
  hazards: [{ description: '安全出口被锁闭', major: true, photoIds: ['f-1'] }],
  findings: '发现隐患',
  signatures: { inspectors: ['s-1', 's-2'], representative: null },
  order: { deadlineWorkingDays: 5, guidance: '立即拆除锁具' },
};

describe('SUP-10/11 rectification order use cases with fakes', () => {
  test('a record with hazards seals one numbered order with its clock citing the policy; a second record is 409', async () => {
    const { mem, deps, task, transactor } = setup();
    const r = await recordFieldInspection(deps, staff('i-1'), { ...record, taskId: task.id });
    const order = mem.orders.get(r.orderId!)!;
    assert.equal(order.number, '辽阳消责改字〔2026〕第0001号');
    assert.equal(order.listed, 1, 'a major hazard lists the unit');
    assert.equal(mem.clocks.get(order.clock_id!)!.amount, 5);
    assert.equal(mem.tasks.get(task.id)!.status, 'done');
    assert.ok(transactor.audits.some((a) => a.action === 'rectification_order.issue'));
    await assert.rejects(recordFieldInspection(deps, staff('i-1'), { ...record, taskId: task.id }), { code: 'SUPERVISION.TASK_STATE' });
    assert.equal(mem.orders.size, 1);
    await assert.rejects(recordFieldInspection(deps, staff('i-9'), { ...record, taskId: task.id }), { code: 'SUPERVISION.TASK_STATE' });
  });

  test('extension requested, approved once (a second approval is 409), then report → re-inspection fixed → closed', async () => {
    const { mem, deps, task } = setup();
    const { orderId } = await recordFieldInspection(deps, staff('i-1'), { ...record, taskId: task.id });
    const unit = unitActor(task.usci);
    const ext = await requestExtension(deps, unit, { orderId: orderId!, days: 3, reason: '供货周期较长' });
    await assert.rejects(requestExtension(deps, unit, { orderId: orderId!, days: 3, reason: '再次申请' }), { code: 'SUPERVISION.ORDER_STATE' });
    await assert.rejects(requestExtension(deps, unitActor('OTHER'), { orderId: orderId!, days: 3, reason: '他人' }), { code: 'RESOURCE.NOT_FOUND' });
    const decided = await decideExtension(deps, staff('a-1'), { extensionId: ext.id, approve: true, reason: '准予' });
    assert.equal(decided.status, 'approved');
    await assert.rejects(decideExtension(deps, staff('a-1'), { extensionId: ext.id, approve: true, reason: '准予' }), { code: 'SUPERVISION.ORDER_STATE' });
    assert.equal(mem.clocks.get(mem.orders.get(orderId!)!.clock_id!)!.amount, 8, 'extended once: 5 + 3');

    const { reinspectionTaskId } = await reportRectified(deps, unit, { orderId: orderId!, note: '已整改', photoIds: [] });
    await assert.rejects(reportRectified(deps, unit, { orderId: orderId!, note: '再次', photoIds: [] }), { code: 'SUPERVISION.ORDER_STATE' });
    const re = mem.tasks.get(reinspectionTaskId)!;
    assert.deepEqual(JSON.parse(re.inspector_ids_json), ['i-1', 'i-2'], 'the same two inspectors re-inspect');
    assert.equal(mem.clocks.get(re.clock_id!)!.amount, 3, 'the recheck limit comes from the policy');
    assert.deepEqual(await recordReinspection(deps, staff('i-2'), { taskId: reinspectionTaskId, fixed: true, findings: '已整改' }), { status: 'closed' });
    await assert.rejects(recordReinspection(deps, staff('i-2'), { taskId: reinspectionTaskId, fixed: true, findings: '再次' }), {
      code: 'SUPERVISION.TASK_STATE',
    });
    assert.equal(mem.orders.get(orderId!)!.status, 'closed');
    assert.deepEqual(
      mem.hazards.map((h) => h.status),
      ['closed'],
    );
  });

  test('not fixed → escalated with the ORDER_ESCALATED event; escalating again is 409', async () => {
    const { mem, deps, task, transactor } = setup();
    const { orderId } = await recordFieldInspection(deps, staff('i-1'), { ...record, taskId: task.id });
    const { reinspectionTaskId } = await reportRectified(deps, unitActor(task.usci), { orderId: orderId!, note: '已整改', photoIds: [] });
    assert.deepEqual(await recordReinspection(deps, staff('i-1'), { taskId: reinspectionTaskId, fixed: false, findings: '仍锁闭' }), { status: 'escalated' });
    const events = transactor.events.filter((e) => e.type === ORDER_ESCALATED);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.targetId, orderId);
    assert.equal((events[0]!.payload as { reason: string }).reason, '复查未整改：仍锁闭');
    await assert.rejects(escalateOrder(deps, staff('a-1'), { orderId: orderId!, reason: '逾期未改正' }), { code: 'SUPERVISION.ORDER_STATE' });
    assert.equal(mem.orders.get(orderId!)!.status, 'escalated');
  });
});
