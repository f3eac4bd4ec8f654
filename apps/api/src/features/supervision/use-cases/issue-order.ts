import { chinaDateOf, orderNumber } from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { InspectionTaskTable, RectificationOrderTable } from '../../../db/schema.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Emit } from '../../../platform/transact.ts';
import { MAJOR_HAZARD_LISTED, ORDER_ISSUED, orderEvent, orderFact } from '../events.ts';
import { ORDER_ITEMS } from '../supervision.columns.ts';
import { type SupervisionStore, supervisionStore } from '../supervision.repository.ts';

export interface HazardInput {
  itemCode?: string;
  description: string;
  major: boolean;
  photoIds: string[];
}

/**
 * A rectification order (责令限期改正通知书, 消防法 art. 60): number from the policy's template, sealed
 * PDF, deadline on the working-day calendar and its clock citing the policy's legal basis; major hazards
 * list the unit for supervision (SUP-11). Written inside the caller's transaction (supervision's field
 * record, licensing's commitment verification); the caller records the enforcement event. The order's
 * ORDER_ISSUED event (the unit is told) is emitted here, so no caller forgets it.
 */
export async function issueOrder(
  trx: Executor,
  ctx: AppContext,
  task: InspectionTaskTable,
  hazards: HazardInput[],
  o: { deadlineWorkingDays: number; guidance: string },
  agencyName: string,
  emit: Emit,
  store: SupervisionStore = supervisionStore,
): Promise<RectificationOrderTable> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const today = chinaDateOf(now);
  const agency = await store.agency(trx, task.agency_id);
  if (!agency) throw new Error(`agency ${task.agency_id} of task ${task.id} not found`);
  const policy = await store.rectificationPolicy(trx, agency, today);
  const p = policy.values;
  if (o.deadlineWorkingDays > p.maxDeadlineWorkingDays) {
    throw new AppError('SUPERVISION.HAZARD_INVALID', `整改期限不能超过 ${p.maxDeadlineWorkingDays} 个工作日`, { field: 'order.deadlineWorkingDays' });
  }
  const deadline = await store.addWorkingDays(trx, task.region_code, today, o.deadlineWorkingDays);
  const year = Number(today.slice(0, 4));
  const number = orderNumber(p.numberTemplate, agency.short_name, year, await store.nextOrderSequence(trx, agency.id, year), p.seqDigits);
  const id = uuidv7(now.getTime());
  const basis = policy.provenance.maxDeadlineWorkingDays?.legalBasis ?? { document: '《中华人民共和国消防法》', clause: '第六十条' };
  const clock = await store.startClock(
    trx,
    {
      targetType: 'rectification_order',
      targetId: id,
      title: `${task.subject_name} 责令限期改正`,
      agency: { id: agency.id, path: agency.path, regionCode: task.region_code },
      unit: 'working_days',
      amount: o.deadlineWorkingDays,
      legalBasis: { document: basis.document, clause: basis.clause ?? null },
      startedAt: nowIso,
      policyVersion: policy.versionKey,
    },
    now,
  );
  const pdfSha = await store.sealDocument(trx, ctx, agency.id, {
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
      `根据${basis.document}${basis.clause ?? ''}及《消防监督检查规定》的规定，责令你单位于上述期限前改正。整改期间应采取措施确保消防安全。确有困难的，可在期限届满前通过办事大厅申请延期；整改完毕后请在线报告，我机构将在${p.recheckWorkingDays}个工作日内复查。`,
    ],
    agencyName,
    issuedOn: today,
    qrUrl: `${ctx.config.publicUrl}/portal/orders`,
  });
  const row: RectificationOrderTable = {
    id,
    agency_id: agency.id,
    agency_path: agency.path,
    usci: task.usci,
    subject_name: task.subject_name,
    source_type: 'inspection_task',
    source_id: task.id,
    items_json: ORDER_ITEMS.encode(hazards.map((h) => ({ description: h.description, major: h.major }))),
    deadline_date: deadline.date,
    clock_id: clock.id,
    status: 'open',
    created_at: nowIso,
    updated_at: nowIso,
    number,
    guidance: o.guidance,
    pdf_sha256: pdfSha,
    listed: hazards.some((h) => h.major) ? 1 : 0,
    reinspection_task_id: null,
    closed_at: null,
  };
  await store.insertOrder(trx, row);
  emit(orderEvent(ORDER_ISSUED, orderFact(row)));
  // 重大火灾隐患挂牌督办 (SUP-11) is a credit fact of the unit (CRD-01): credit records it from this event.
  const major = hazards.filter((h) => h.major).length;
  if (major) emit(orderEvent(MAJOR_HAZARD_LISTED, { ...orderFact(row), majorHazards: major }));
  return row;
}
