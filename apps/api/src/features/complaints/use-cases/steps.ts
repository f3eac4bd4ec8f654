import {
  type ComplaintAction,
  type ComplaintStatus,
  chinaDateOf,
  type InspectionItemsPolicy,
  inScope,
  nextComplaintStatus,
  verificationDue,
} from '@fep/domain';
import type { Transaction } from 'kysely';
import type { ComplaintsTable } from '../../../db/schema/complaints.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { applyClockEvent, reassignClock, startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError } from '../../../platform/errors.ts';
import { agencyById, findAgency } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Audit, type Deps, type Emit, transact } from '../../../platform/transact.ts';
import { CHECKLIST, findTask, INSPECTOR_IDS, insertTask, newInspectionTask, pickInspectors } from '../../inspections/index.ts';
import { unitByUsci } from '../../units/index.ts';
import { inScopeOr } from '../complaints.access.ts';
import { deadlinesBasis, deadlinesFor } from '../complaints.policy.ts';
import { categoryName } from '../complaints.presenter.ts';
import { type ComplaintJoined, complaintById, updateComplaintIf } from '../complaints.repository.ts';
import { COMPLAINT_FOUNDED, COMPLAINT_VERIFIED, type ComplaintFounded, type ComplaintVerified } from '../events.ts';
import { queueWorkOrderReport } from '../work-order-reports.ts';

/** Why a step is refused, for the person who tried it (the report has moved on, or is not there yet). */
const REFUSALS: Record<ComplaintAction | 'category' | 'transfer', string> = {
  dispatch: '该举报已派员核查、已并案或已办结',
  conclude: '该举报尚未派员核查，或已作出核查结论',
  feedback: '该举报尚未作出核查结论，或已答复办结',
  reopen: '该举报尚未办结，无需重新办理',
  link_duplicate: '该举报已派员核查或已办结，不能并案',
  category: '核查结论作出后不能再更改举报类别',
  transfer: '该举报已派员核查，不能再移交其他机构',
};

const conflict = (what: keyof typeof REFUSALS, status: string) => new AppError('COMPLAINTS.STATE', REFUSALS[what], { status, step: what });

type Ctx = { trx: Transaction<DB>; audit: Audit; emit: Emit; row: ComplaintJoined; now: Date; nowIso: string };

/**
 * One handling step of a report (CMP-02/03): read inside the transaction, in the actor's scope, moved by the
 * domain's transition table as a compare-and-set on status and version — of concurrent identical steps one
 * applies, the others get 409 COMPLAINTS.STATE and nothing of theirs is written.
 */
export async function complaintStep(
  deps: Deps,
  actor: Actor,
  id: string,
  step: ComplaintAction | 'category' | 'transfer',
  run: (ctx: Ctx) => Promise<{ patch: Partial<ComplaintsTable>; action: string; details?: Record<string, unknown>; after?: (ctx: Ctx) => Promise<void> }>,
  opts: { scoped?: boolean } = { scoped: true },
): Promise<string> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const found = await complaintById(trx, id);
    const row = opts.scoped === false ? found : inScopeOr(actor, found, id);
    if (!row) throw new AppError('COMPLAINTS.NOT_FOUND', '举报不存在');
    let to: ComplaintStatus = row.status;
    if (step !== 'category' && step !== 'transfer') {
      try {
        to = nextComplaintStatus(row.status, step);
      } catch {
        throw conflict(step, row.status);
      }
    }
    const now = deps.now();
    const ctx: Ctx = { trx, audit, emit, row, now, nowIso: now.toISOString() };
    let r: Awaited<ReturnType<typeof run>>;
    try {
      r = await run(ctx);
    } catch (e) {
      // A concurrent identical step stopped or changed the report's clock first: this one lost the race.
      if (e instanceof AppError && e.code.startsWith('CLOCK.')) throw conflict(step, row.status);
      throw e;
    }
    const patch = { ...r.patch, status: to, updated_at: ctx.nowIso };
    if (!(await updateComplaintIf(trx, row, patch))) throw conflict(step, row.status);
    await r.after?.(ctx);
    await audit({ action: r.action, targetType: 'complaint', targetId: row.id, before: { status: row.status }, after: patch, details: r.details });
    // A 12345 order's platform hears of the step (回复、办结), queued with it: pushed once this commits.
    const moved = await complaintById(trx, row.id);
    if (moved) await queueWorkOrderReport(trx, deps, moved);
    return row.id;
  });
}

async function stopClock(ctx: Ctx, actor: Actor, reason: string): Promise<void> {
  if (!ctx.row.clock_id) return;
  const clock = await ctx.trx.selectFrom('clocks').selectAll().where('id', '=', ctx.row.clock_id).executeTakeFirst();
  if (clock && clock.status !== 'stopped') await applyClockEvent(ctx.trx, clock, { type: 'stop', reason }, actor.userId, ctx.now);
}

/** A fresh verification clock for the report's agency and category, from `startedAt` (receipt or reopening). */
async function newClock(ctx: Ctx, agency: { id: string; path: string; region_code: string }, category: string, startedAt: string) {
  const a = await agencyById(ctx.trx, agency.id);
  if (!a) throw new Error(`agency ${agency.id} not found`);
  const { policy, versionKey } = await deadlinesFor(ctx.trx, a, chinaDateOf(startedAt));
  const due = verificationDue(policy, category, startedAt, await loadCalendar(ctx.trx, a.region_code));
  const clock = await startClock(
    ctx.trx,
    {
      targetType: 'complaint',
      targetId: ctx.row.id,
      title: `举报核查：${categoryName(category)}`,
      agency: { id: a.id, path: a.path, regionCode: a.region_code },
      unit: due.unit,
      amount: due.amount,
      legalBasis: deadlinesBasis(),
      startedAt,
      policyVersion: versionKey,
    },
    ctx.now,
  );
  return { clock_id: clock.id, due_at: due.dueAt, due_date: due.dueDate, limit_unit: due.unit, limit_amount: due.amount, versionKey };
}

/**
 * CMP-02: the category chosen by the reporter is confirmed or changed at intake; a change re-derives the
 * clock from the instant of receipt (the old clock is stopped with the reason) and the reason is recorded.
 */
export function changeCategory(deps: Deps, actor: Actor, id: string, input: { category: string; reason: string }) {
  return complaintStep(deps, actor, id, 'category', async (ctx) => {
    if (ctx.row.status !== 'received' && ctx.row.status !== 'verifying') throw conflict('category', ctx.row.status);
    if (ctx.row.category === input.category) throw new AppError('COMPLAINTS.STATE', '举报类别已是所选类别（可能刚被他人更正）', { field: 'category' });
    await stopClock(ctx, actor, `举报类别更正：${input.reason}`);
    const c = await newClock(ctx, { id: ctx.row.agency_id, path: ctx.row.agency_path, region_code: ctx.row.region_code }, input.category, ctx.row.received_at);
    const { versionKey, ...cols } = c;
    return {
      patch: { category: input.category, ...cols },
      action: 'complaint.recategorise',
      details: { from: ctx.row.category, to: input.category, reason: input.reason, policyVersion: versionKey },
    };
  });
}

/**
 * CMP-03: a report sent to the wrong agency is transferred with a reason; the clock keeps running (the
 * limit counts from receipt, wherever the report went first). Only before anyone is sent to verify it.
 */
export function transferComplaint(deps: Deps, actor: Actor, id: string, input: { regionCode: string; reason: string }) {
  return complaintStep(deps, actor, id, 'transfer', async (ctx) => {
    if (ctx.row.status !== 'received') throw conflict('transfer', ctx.row.status);
    const to = await findAgency(ctx.trx, input.regionCode);
    if (!to) throw new AppError('COMPLAINTS.REGION_NOT_SERVED', '该地区不在本平台受理范围内', { field: 'regionCode' });
    if (to.id === ctx.row.agency_id) throw new AppError('COMPLAINTS.INVALID', '该举报已由该机构受理', { field: 'regionCode' });
    // The verification clock goes with the report: the receiving agency must meet it (and sees it in its
    // lists); it keeps counting from receipt, on the receiving region's working calendar.
    const clock = ctx.row.clock_id ? await ctx.trx.selectFrom('clocks').selectAll().where('id', '=', ctx.row.clock_id).executeTakeFirst() : undefined;
    const moved = clock ? await reassignClock(ctx.trx, clock, { id: to.id, path: to.path, regionCode: to.region_code }, ctx.now) : undefined;
    return {
      patch: {
        agency_id: to.id,
        agency_path: to.path,
        region_code: input.regionCode,
        ...(moved?.due_at ? { due_at: moved.due_at, due_date: moved.due_date } : {}),
      },
      action: 'complaint.transfer',
      details: { fromAgency: ctx.row.agency_id, toAgency: to.id, reason: input.reason },
    };
  });
}

/** CMP-03: a duplicate is linked to the first report, which keeps its reporter; its own clock stops. */
export function linkDuplicate(deps: Deps, actor: Actor, id: string, originalId: string) {
  return complaintStep(deps, actor, id, 'link_duplicate', async (ctx) => {
    if (originalId === id) throw new AppError('COMPLAINTS.DUPLICATE_INVALID', '不能与自身并案');
    const original = inScopeOr(actor, await complaintById(ctx.trx, originalId), originalId);
    if (original.status === 'duplicate') throw new AppError('COMPLAINTS.DUPLICATE_INVALID', '请与最早的举报并案（所选举报本身已并案）');
    if (original.received_at > ctx.row.received_at) throw new AppError('COMPLAINTS.DUPLICATE_INVALID', '请将后收到的举报并入先收到的举报，首位举报人保持不变');
    await stopClock(ctx, actor, '与先前举报并案处理');
    return { patch: { duplicate_of: original.id }, action: 'complaint.link_duplicate', details: { originalId: original.id } };
  });
}

/**
 * SUP-06: the verification becomes an inspection task of the complaint trigger (non-random, kept apart in
 * the figures), created through the inspections feature with two certified inspectors of the unit's
 * agency free of declared conflicts (双人执法). The inspectors record it in the field like any check; a
 * hazard found there issues the rectification order.
 */
export function dispatchVerification(deps: Deps, actor: Actor, id: string, input: { usci?: string | null; inspectorIds: string[] }) {
  return complaintStep(deps, actor, id, 'dispatch', async (ctx) => {
    const usci = (input.usci ?? ctx.row.unit_usci)?.toUpperCase();
    if (!usci) throw new AppError('COMPLAINTS.INVALID', '请先确认被举报单位（统一社会信用代码），再派员核查', { field: 'usci' });
    const unit = await unitByUsci(ctx.trx, usci, actor.scope);
    if (!unit || !inScope(actor.scope, { agencyPath: unit.agency_path }))
      throw new AppError('COMPLAINTS.INVALID', '辖区内没有该统一社会信用代码的单位，请先登记单位', { field: 'usci' });
    const onDate = chinaDateOf(ctx.now);
    const inspectors = await pickInspectors(ctx.trx, { agencyPath: unit.agency_path, onDate, named: input.inspectorIds, usci: unit.usci });
    if (new Set(inspectors).size !== 2) throw new AppError('COMPLAINTS.INVALID', '核查须由两名执法人员进行', { field: 'inspectorIds' });
    const agency = await agencyById(ctx.trx, unit.agency_id);
    if (!agency) throw new Error(`agency ${unit.agency_id} not found`);
    const [items] = await resolveForAgency(ctx.trx, agency, onDate, ['supervision.inspection_items']);
    const task = newInspectionTask(
      {
        agency_id: unit.agency_id,
        agency_path: unit.agency_path,
        region_code: unit.region_code,
        purpose: 'complaint',
        usci: unit.usci,
        subject_name: unit.name,
        venue_address: unit.address,
        status: 'assigned',
        inspector_ids_json: INSPECTOR_IDS.encode(inspectors),
        checklist_json: CHECKLIST.encode((items!.values as InspectionItemsPolicy).items),
        policy_version: items!.versionKey,
        unit_id: unit.id,
        trigger_reason: `举报核查（${categoryName(ctx.row.category)}）：${ctx.row.description.slice(0, 200)}`,
      },
      ctx.nowIso,
    );
    return {
      patch: { task_id: task.id, unit_usci: unit.usci },
      action: 'complaint.dispatch',
      details: { taskId: task.id, inspectors },
      after: async (c) => {
        await insertTask(c.trx, task);
        await c.audit({ action: 'inspection_task.create', targetType: 'inspection_task', targetId: task.id, after: task });
      },
    };
  });
}

/**
 * CMP-03: the outcome of the verification — founded, partly founded or unfounded, with findings — once the
 * two inspectors have recorded the check. The verification clock stops at the instant of their record (the
 * verification is what the statutory limit measures). Founded: the rectification order issued in the field
 * is linked, and `complaints.founded` tells enforcement (a penalty case may follow).
 */
export function concludeVerification(deps: Deps, actor: Actor, id: string, input: { outcome: 'founded' | 'partly_founded' | 'unfounded'; findings: string }) {
  return complaintStep(deps, actor, id, 'conclude', async (ctx) => {
    const task = ctx.row.task_id ? await findTask(ctx.trx, ctx.row.task_id) : undefined;
    if (task?.status !== 'done' || !task.completed_at)
      throw new AppError('COMPLAINTS.NOT_VERIFIED', '检查人员尚未录入核查记录，不能作出核查结论', { taskId: ctx.row.task_id });
    if (input.outcome === 'unfounded' && task.order_id)
      throw new AppError('COMPLAINTS.INVALID', '核查已发现隐患并下达责令改正通知，结论不能为不属实', { field: 'outcome' });
    await stopClock(ctx, actor, '已核查');
    const founded = input.outcome !== 'unfounded';
    return {
      patch: { outcome: input.outcome, findings: input.findings, order_id: task.order_id, verified_at: task.completed_at },
      action: 'complaint.conclude',
      details: { outcome: input.outcome, taskId: task.id, orderId: task.order_id },
      after: async (c) => {
        const verified: ComplaintVerified = {
          complaintId: c.row.id,
          agencyId: c.row.agency_id,
          agencyPath: c.row.agency_path,
          outcome: input.outcome,
          inTime: !!task.completed_at && task.completed_at <= c.row.due_at,
        };
        c.emit({ type: COMPLAINT_VERIFIED, targetType: 'complaint', targetId: c.row.id, agencyId: c.row.agency_id, payload: { ...verified } });
        if (!founded) return;
        // The unit as registered (read without a scope: the task's unit was in the actor's scope when dispatched).
        const unit = task.usci ? await unitByUsci(c.trx, task.usci, null) : undefined;
        const fact: ComplaintFounded = {
          complaintId: c.row.id,
          agencyId: c.row.agency_id,
          agencyPath: c.row.agency_path,
          usci: task.usci,
          subjectName: unit?.name ?? null,
          taskId: task.id,
          orderId: task.order_id,
          findings: input.findings,
        };
        c.emit({ type: COMPLAINT_FOUNDED, targetType: 'complaint', targetId: c.row.id, agencyId: c.row.agency_id, payload: { ...fact } });
      },
    };
  });
}

/**
 * CMP-03 (《消防监督检查规定》: 处理情况应当及时告知举报投诉人；无法告知的，应当在受理登记中注明): the feedback the
 * reporter reads by tracking code (and is told by phone where they left one), or why it cannot be given.
 */
export function giveFeedback(deps: Deps, actor: Actor, id: string, input: { feedback?: string | null; impossibleReason?: string | null }) {
  return complaintStep(deps, actor, id, 'feedback', async () => {
    const feedback = input.feedback?.trim() || null;
    const impossible = input.impossibleReason?.trim() || null;
    if (!feedback && !impossible) throw new AppError('COMPLAINTS.FEEDBACK_REQUIRED', '请填写告知举报人的处理情况，或注明无法告知的原因', { field: 'feedback' });
    return {
      patch: { feedback, feedback_impossible: feedback ? null : impossible, feedback_at: deps.now().toISOString() },
      action: 'complaint.feedback',
      details: { impossible: !feedback },
    };
  });
}

/**
 * CMP-03: the reporter says it is not fixed (by tracking code, a return visit or the 12345 evaluation): the
 * report is reopened for a new verification with a new clock from now; the earlier outcome stays in the record.
 */
export function reopenComplaint(deps: Deps, actor: Actor, id: string, reason: string, opts: { scoped: boolean; action?: string } = { scoped: true }) {
  return complaintStep(deps, actor, id, 'reopen', async (ctx) => reopenPatch(ctx, actor, reason, opts.action ?? 'complaint.reopen'), { scoped: opts.scoped });
}

export async function reopenPatch(ctx: Ctx, _actor: Actor, reason: string, action: string) {
  const c = await newClock(ctx, { id: ctx.row.agency_id, path: ctx.row.agency_path, region_code: ctx.row.region_code }, ctx.row.category, ctx.nowIso);
  const { versionKey, ...cols } = c;
  return {
    patch: {
      ...cols,
      outcome: null,
      findings: null,
      verified_at: null,
      task_id: null,
      order_id: null,
      feedback: null,
      feedback_impossible: null,
      feedback_at: null,
      reopened_count: ctx.row.reopened_count + 1,
    },
    action,
    details: { reason, previous: { outcome: ctx.row.outcome, taskId: ctx.row.task_id, orderId: ctx.row.order_id }, policyVersion: versionKey },
  };
}
