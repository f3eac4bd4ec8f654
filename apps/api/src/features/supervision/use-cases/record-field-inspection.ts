import { addDays, chinaDateOf } from '@fep/domain';
import type { RectificationOrderTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { CHECKLIST, type ChecklistEntry, checkChecklist, inspectorIdsOf, SIGNATURES } from '../../inspections/index.ts';
import { RANDOM_CHECK_RECORDED, type RandomCheckRecorded } from '../events.ts';
import { resultRule } from '../partner-export.ts';
import { assertInspector, taskInScope } from '../supervision.access.ts';
import { HAZARD_PHOTOS } from '../supervision.columns.ts';
import { type SupervisionDeps, storeOf } from '../supervision.repository.ts';
import { taskStep } from '../transitions.ts';
import { type HazardInput, issueOrder } from './issue-order.ts';

export interface RecordInput {
  mode: 'onsite' | 'remote';
  checklist: ChecklistEntry[];
  hazards: HazardInput[];
  findings: string;
  signatures: { inspectors: string[]; representative?: string | null; representativeName?: string | null };
  order?: { deadlineWorkingDays: number; guidance: string } | null;
}

/**
 * The field record of a supervision check (SUP-09, SUP-12): checklist, hazards with photos and the GB 35181
 * major-hazard flag, signatures, on site or by video; hazards lead to a sealed rectification order (SUP-10).
 * The task is completed by compare-and-set before the order is issued: of two identical records sent at
 * once, the second waits for the first and finds the task done (409), so one order is sealed, not two.
 */
export async function recordFieldInspection(deps: SupervisionDeps, actor: Actor, input: RecordInput & { taskId: string }) {
  const store = storeOf(deps);
  const id = input.taskId;
  return transact(deps, actor, async (trx, audit, emit) => {
    const task = await store.withPlanChecklist(trx, taskInScope(actor, id, await store.findTask(trx, id)));
    if (['opening_check', 'commitment_verification', 're_inspection'].includes(task.purpose)) {
      throw new AppError('SUPERVISION.TASK_STATE', '该任务请在许可办件或复查中录入');
    }
    taskStep(task.status, 'record', '任务已完成');
    assertInspector(actor, task);
    const checklist = checkChecklist(task, input.checklist);
    const inspectors = inspectorIdsOf(task);
    if (input.signatures.inspectors.length !== 2) throw new AppError('SUPERVISION.HAZARD_INVALID', '须有两名检查人员签名', { field: 'signatures.inspectors' });
    if (input.mode === 'onsite' && !input.signatures.representative) {
      throw new AppError('SUPERVISION.HAZARD_INVALID', '现场检查须由被检查单位代表签名（拒绝签名的请改为注明）', { field: 'signatures.representative' });
    }
    const fileIds = [
      ...input.signatures.inspectors,
      ...(input.signatures.representative ? [input.signatures.representative] : []),
      ...input.hazards.flatMap((h) => h.photoIds),
    ];
    if (fileIds.length) {
      const found = await store.files(trx, [...new Set(fileIds)]);
      if (new Set(found.map((f) => f.id)).size !== new Set(fileIds).size) throw new AppError('SUPERVISION.HAZARD_INVALID', '签名或照片文件不存在，请重新上传');
      if (found.some((f) => !f.content_type.startsWith('image/'))) throw new AppError('SUPERVISION.HAZARD_INVALID', '签名和隐患照片须为图片');
    }
    if (input.hazards.length && !input.order)
      throw new AppError('SUPERVISION.HAZARD_INVALID', '发现隐患须下达责令改正通知，填写整改期限和整改指导', { field: 'order' });

    const nowIso = deps.now().toISOString();
    const orderId = input.hazards.length && input.order ? uuidv7(deps.now().getTime()) : null;
    const patch = {
      status: 'done' as const,
      mode: input.mode,
      checklist_json: CHECKLIST.encode(checklist),
      result: input.hazards.length ? ('hazards' as const) : ('pass' as const),
      findings: input.findings,
      signatures_json: SIGNATURES.encode({
        ...input.signatures,
        inspectors: input.signatures.inspectors.map((f, i) => ({ userId: inspectors[i]!, fileId: f })),
      }),
      draft_json: null,
      completed_at: nowIso,
      updated_at: nowIso,
    };
    // Compare-and-set first: the loser of a race waits here for the winner's commit and gets 0 rows.
    let written = await store.updateTaskIf(trx, task, ['assigned'], patch);
    if (!written) throw new AppError('SUPERVISION.TASK_STATE', '该任务刚被录入，不能重复录入', { taskId: id });

    let order: RectificationOrderTable | null = null;
    if (orderId && input.order) {
      const agency = await store.agency(trx, task.agency_id);
      order = await issueOrder(trx, deps, written, input.hazards, input.order, agency?.name ?? '', emit, store);
      await audit({ action: 'rectification_order.issue', targetType: 'rectification_order', targetId: order.id, after: order });
      written = (await store.updateTaskIf(trx, written, ['done'], { order_id: order.id })) ?? written;
    }
    for (const h of input.hazards) {
      const hazard = {
        id: uuidv7(deps.now().getTime()),
        task_id: task.id,
        usci: task.usci,
        subject_name: task.subject_name,
        agency_id: task.agency_id,
        agency_path: task.agency_path,
        item_code: h.itemCode ?? null,
        description: h.description,
        major: h.major ? 1 : 0,
        photo_ids_json: HAZARD_PHOTOS.encode(h.photoIds),
        status: 'ordered' as const,
        order_id: order?.id ?? null,
        created_at: nowIso,
        updated_at: nowIso,
      };
      await store.insertHazard(trx, hazard);
      await audit({ action: 'hazard.record', targetType: 'hazard', targetId: hazard.id, after: hazard });
    }
    if (task.purpose === 'random' && task.plan_id) {
      // 双随机: the result goes to the national platform within the policy's days of the check (MON-03).
      const checkedOn = chinaDateOf(deps.now());
      const rule = await resultRule(trx, task.agency_id, checkedOn);
      const agency = await store.agency(trx, task.agency_id);
      const fact: RandomCheckRecorded = {
        taskId: task.id,
        planId: task.plan_id,
        usci: task.usci,
        subjectName: task.subject_name,
        agencyId: task.agency_id,
        agencyPath: task.agency_path,
        agencyName: agency?.name ?? '',
        checkedOn,
        result: patch.result,
        hazardCount: input.hazards.length,
        orderNumber: order?.number ?? null,
        publishBy: addDays(checkedOn, rule.days),
        publishRule: rule,
      };
      emit({ type: RANDOM_CHECK_RECORDED, targetType: 'inspection_task', targetId: task.id, agencyId: task.agency_id, payload: { ...fact } });
    }
    await audit({
      action: 'inspection_task.record',
      targetType: 'inspection_task',
      targetId: id,
      before: task,
      after: written,
      policyVersion: task.policy_version,
    });
    return { taskId: id, result: patch.result, orderId: order?.id ?? null };
  });
}
