import { addWorkingDays, chinaDateOf, type InspectionPathPolicy } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import type { InspectionTaskTable, RectificationOrderTable } from '../../db/schema.ts';
import { mutate } from '../../platform/audit/mutate.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import { startClock } from '../../platform/clocks/clocks.service.ts';
import type { AppContext } from '../../platform/context.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { agencySealKey, sealPdf } from '../../platform/documents/seal.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { AppError } from '../../platform/errors.ts';
import { storeBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { type ChecklistEntry, checkChecklist, loadTask, newInspectionTask } from '../inspections/index.ts';
import { withPlanChecklist } from './plans.ts';

/**
 * Field inspection (SUP-09, SUP-12) and hazards to rectification (SUP-10, SUP-11): the two inspectors
 * record the checklist, hazards with photos and the GB 35181 major-hazard flag, signatures, on site or by
 * video; hazards lead to a sealed rectification order with a deadline on the working-day calendar.
 */
export interface HazardInput {
  itemCode?: string;
  description: string;
  major: boolean;
  photoIds: string[];
}

export interface RecordInput {
  mode: 'onsite' | 'remote';
  checklist: ChecklistEntry[];
  hazards: HazardInput[];
  findings: string;
  signatures: { inspectors: string[]; representative?: string | null; representativeName?: string | null };
  order?: { deadlineWorkingDays: number; guidance: string } | null;
}

export function assertInspectorOf(req: FastifyRequest, task: InspectionTaskTable) {
  if (!(JSON.parse(task.inspector_ids_json) as string[]).includes(req.auth!.user.id)) {
    throw new AppError('SUPERVISION.NOT_ASSIGNED', '只有指派的两名检查人员可以录入该任务');
  }
}

/** Drafts live on the server too, so an inspector's work survives a reload or a lost phone signal. */
export async function saveDraft(req: FastifyRequest, id: string, draft: unknown) {
  const ctx = req.server.ctx;
  const task = await loadTask(ctx, actorOf(req), ctx.database.db, id);
  assertInspectorOf(req, task);
  if (task.status === 'done') throw new AppError('SUPERVISION.TASK_STATE', '任务已完成，不能再保存草稿');
  return mutate(req, async (trx, audit) => {
    await trx
      .updateTable('inspection_tasks')
      .set({ draft_json: JSON.stringify(draft), updated_at: ctx.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await audit({ action: 'inspection_task.draft', targetType: 'inspection_task', targetId: id });
    return { saved: true };
  });
}

export async function recordFieldInspection(req: FastifyRequest, id: string, input: RecordInput) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const task = await withPlanChecklist(db, await loadTask(ctx, actorOf(req), db, id));
  if (['opening_check', 'commitment_verification', 're_inspection'].includes(task.purpose)) {
    throw new AppError('SUPERVISION.TASK_STATE', '该任务请在许可办件或复查中录入');
  }
  if (task.status === 'done') throw new AppError('SUPERVISION.TASK_STATE', '任务已完成');
  assertInspectorOf(req, task);
  const checklist = checkChecklist(task, input.checklist);
  const inspectors = JSON.parse(task.inspector_ids_json) as string[];
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
    const found = await db.selectFrom('files').select(['id', 'content_type']).where('id', 'in', fileIds).execute();
    if (new Set(found.map((f) => f.id)).size !== new Set(fileIds).size) throw new AppError('SUPERVISION.HAZARD_INVALID', '签名或照片文件不存在，请重新上传');
    if (found.some((f) => !f.content_type.startsWith('image/'))) throw new AppError('SUPERVISION.HAZARD_INVALID', '签名和隐患照片须为图片');
  }
  if (input.hazards.length && !input.order)
    throw new AppError('SUPERVISION.HAZARD_INVALID', '发现隐患须下达责令改正通知，填写整改期限和整改指导', { field: 'order' });
  const agency = (await findAgency(db, task.agency_id))!;
  return mutate(req, async (trx, audit) => {
    const now = ctx.now();
    const nowIso = now.toISOString();
    let order: RectificationOrderTable | null = null;
    if (input.hazards.length && input.order) {
      order = await issueOrder(trx, ctx, task, input.hazards, input.order, agency.name);
      await audit({ action: 'rectification_order.issue', targetType: 'rectification_order', targetId: order.id, after: order });
    }
    for (const h of input.hazards) {
      const hazard = {
        id: uuidv7(),
        task_id: task.id,
        usci: task.usci,
        subject_name: task.subject_name,
        agency_id: task.agency_id,
        agency_path: task.agency_path,
        item_code: h.itemCode ?? null,
        description: h.description,
        major: h.major ? 1 : 0,
        photo_ids_json: JSON.stringify(h.photoIds),
        status: 'ordered' as const,
        order_id: order?.id ?? null,
        created_at: nowIso,
        updated_at: nowIso,
      };
      await trx.insertInto('hazards').values(hazard).execute();
      await audit({ action: 'hazard.record', targetType: 'hazard', targetId: hazard.id, after: hazard });
    }
    const patch = {
      status: 'done' as const,
      mode: input.mode,
      checklist_json: JSON.stringify(checklist),
      result: input.hazards.length ? 'hazards' : 'pass',
      findings: input.findings,
      signatures_json: JSON.stringify({ ...input.signatures, inspectors: input.signatures.inspectors.map((f, i) => ({ userId: inspectors[i], fileId: f })) }),
      draft_json: null,
      order_id: order?.id ?? null,
      completed_at: nowIso,
      updated_at: nowIso,
    };
    await trx.updateTable('inspection_tasks').set(patch).where('id', '=', id).execute();
    await audit({
      action: 'inspection_task.record',
      targetType: 'inspection_task',
      targetId: id,
      before: task,
      after: { ...task, ...patch },
      policyVersion: task.policy_version,
    });
    return { taskId: id, result: patch.result, orderId: order?.id ?? null };
  });
}

/** A rectification order: number, sealed PDF, deadline on the working-day calendar, clock; major hazards listed. */
export async function issueOrder(
  trx: Executor,
  ctx: AppContext,
  task: InspectionTaskTable,
  hazards: HazardInput[],
  o: { deadlineWorkingDays: number; guidance: string },
  agencyName: string,
): Promise<RectificationOrderTable> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const today = chinaDateOf(now);
  const deadline = addWorkingDays(await loadCalendar(trx, task.region_code), today, o.deadlineWorkingDays);
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', task.agency_id).executeTakeFirstOrThrow();
  const seq = await nextSequence(trx, agency.id, 'order', Number(today.slice(0, 4)));
  const number = `${agency.short_name.replace(/(总队|支队|大队)$/, '')}消责改字〔${today.slice(0, 4)}〕第${String(seq).padStart(4, '0')}号`;
  const id = uuidv7(now.getTime());
  const clock = await startClock(
    trx,
    {
      targetType: 'rectification_order',
      targetId: id,
      title: `${task.subject_name} 责令限期改正`,
      agency: { id: agency.id, path: agency.path, regionCode: task.region_code },
      unit: 'working_days',
      amount: o.deadlineWorkingDays,
      legalBasis: { document: '《中华人民共和国消防法》', clause: '第六十条' },
      startedAt: nowIso,
    },
    now,
  );
  const key = await agencySealKey(trx, ctx.sealMasterKey, agency.id, now);
  const pdf = await renderDocumentPdf({
    title: '责令限期改正通知书',
    number,
    rows: [
      ['被检查单位', task.subject_name],
      ['统一社会信用代码', task.usci],
      ['地址', task.venue_address],
      ['整改期限', `${deadline.date} 前（${o.deadlineWorkingDays} 个工作日${deadline.provisional ? '，节假日安排公布后可能调整' : ''}）`],
    ],
    paragraphs: [
      '经检查，你单位存在下列消防安全违法行为（火灾隐患）：',
      ...hazards.map((h, i) => `${i + 1}. ${h.description}${h.major ? '（重大火灾隐患）' : ''}`),
      `整改指导：${o.guidance}`,
      '根据《中华人民共和国消防法》第六十条及《消防监督检查规定》的规定，责令你单位于上述期限前改正。整改期间应采取措施确保消防安全。确有困难的，可在期限届满前通过办事大厅申请延期；整改完毕后请在线报告，我机构将在三个工作日内复查。',
    ],
    agencyName,
    issuedOn: today,
    qrUrl: `${ctx.config.publicUrl}/portal/orders`,
  });
  const sealed = sealPdf(pdf, key);
  const row: RectificationOrderTable = {
    id,
    agency_id: agency.id,
    agency_path: agency.path,
    usci: task.usci,
    subject_name: task.subject_name,
    source_type: 'inspection_task',
    source_id: task.id,
    items_json: JSON.stringify(hazards.map((h) => ({ description: h.description, major: h.major }))),
    deadline_date: deadline.date,
    clock_id: clock.id,
    status: 'open',
    created_at: nowIso,
    updated_at: nowIso,
    number,
    guidance: o.guidance,
    pdf_sha256: await storeBlob(ctx.config.dataDir, sealed.pdf),
    listed: hazards.some((h) => h.major) ? 1 : 0,
    reinspection_task_id: null,
    closed_at: null,
  };
  await trx.insertInto('rectification_orders').values(row).execute();
  return row;
}

/** SUP-06: tasks from complaints, superiors' orders and seriously dishonest units, apart from random plans. */
export async function createTriggeredTask(
  req: FastifyRequest,
  input: { usci: string; trigger: 'complaint' | 'superior_order' | 'dishonest'; reason: string; inspectorIds: string[] },
) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const unit = await db.selectFrom('units').selectAll().where('usci', '=', input.usci).executeTakeFirst();
  const scope = req.auth!.user.agencyPath ?? '\u0000';
  if (!unit?.agency_path.startsWith(scope)) throw new AppError('RESOURCE.NOT_FOUND', '辖区内没有该统一社会信用代码的单位');
  const ids = [...new Set(input.inspectorIds)];
  const eligible = await db
    .selectFrom('inspectors')
    .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
    .select('inspectors.user_id')
    .where('inspectors.user_id', 'in', ids.length ? ids : ['-'])
    .where('inspectors.active', '=', 1)
    .where('inspectors.certified_until', '>=', chinaDateOf(ctx.now()))
    .execute();
  if (ids.length !== 2 || eligible.length !== 2) throw new AppError('LICENSING.INSPECTORS_INVALID', '须指派两名持有有效执法证件的检查人员（双人执法）');
  const conflict = await db
    .selectFrom('inspector_conflicts')
    .select('inspector_user_id')
    .where('usci', '=', input.usci)
    .where('inspector_user_id', 'in', ids)
    .executeTakeFirst();
  if (conflict) throw new AppError('SUPERVISION.CONFLICT', '所选检查人员与该单位存在应当回避的情形，请另选', { inspector: conflict.inspector_user_id });
  const agency = (await findAgency(db, unit.agency_id))!;
  const [items] = await resolveForAgency(db, agency, chinaDateOf(ctx.now()), ['supervision.inspection_items']);
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    const row = newInspectionTask(
      {
        agency_id: unit.agency_id,
        agency_path: unit.agency_path,
        region_code: unit.region_code,
        purpose: input.trigger,
        usci: unit.usci,
        subject_name: unit.name,
        venue_address: unit.address,
        status: 'assigned',
        inspector_ids_json: JSON.stringify(ids),
        checklist_json: JSON.stringify((items!.values as { items: unknown[] }).items),
        policy_version: items!.versionKey,
        unit_id: unit.id,
        trigger_reason: input.reason,
      },
      nowIso,
    );
    await trx.insertInto('inspection_tasks').values(row).execute();
    await audit({ action: 'inspection_task.create', targetType: 'inspection_task', targetId: row.id, after: row });
    return row;
  });
}

export async function recheckDays(db: Executor, agencyId: string, now: Date): Promise<number> {
  const agency = (await findAgency(db, agencyId))!;
  const [p] = await resolveForAgency(db, agency, chinaDateOf(now), ['licensing.inspection']);
  return (p!.values as InspectionPathPolicy).recheckWorkingDays;
}
