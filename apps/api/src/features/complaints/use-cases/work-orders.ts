import type { WorkOrderProgressView, WorkOrderRequest } from '@fep/contracts';
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_STATUS_LABELS } from '@fep/domain';
import type { PartnerKey } from '../../../db/schema/complaints.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { type ComplaintJoined, complaintByWorkOrder } from '../complaints.repository.ts';
import { recordReturnVisit } from './aftercare.ts';
import { receiveComplaint } from './receive.ts';

/**
 * 12345 work orders (CMP-01; 国办发〔2020〕53号): the platform pushes an order — its number, category,
 * content, caller and the deadline it sets — and we acknowledge with our report id and the statutory
 * verification deadline. Idempotent on the work-order number: a second push of the same number (a retry,
 * not a replay — a replay is refused by its nonce before this) answers the same acknowledgement and creates
 * nothing. The caller's identity is sealed like any reporter's; a confidential order is anonymous.
 */
export async function receiveWorkOrder(deps: Deps, actor: Actor, partner: PartnerKey, input: WorkOrderRequest) {
  const db = deps.database.db;
  const ack = (c: ComplaintJoined) => ({ workOrderNo: input.workOrderNo, complaintId: c.id, accepted: true, verifyBy: c.due_at, agencyName: c.agency_name });
  const existing = await complaintByWorkOrder(db, partner.id, input.workOrderNo);
  if (existing) return { status: 200, body: ack(existing) };
  try {
    await receiveComplaint(deps, actor, {
      channel: 'hotline_12345',
      receivedAt: input.receivedAt,
      regionCode: input.regionCode,
      category: input.category,
      description: input.content,
      unitUsci: input.unitUsci ?? null,
      address: input.address ?? null,
      anonymous: input.confidential ?? false,
      reporter: input.caller ?? null,
      partnerId: partner.id,
      externalRef: input.workOrderNo,
      externalDueAt: input.deadline ?? null,
    });
  } catch (e) {
    // Two pushes of one number at once: the unique index lets one in; the other answers its acknowledgement.
    const raced = await complaintByWorkOrder(db, partner.id, input.workOrderNo);
    if (raced) return { status: 200, body: ack(raced) };
    throw e;
  }
  const created = await complaintByWorkOrder(db, partner.id, input.workOrderNo);
  if (!created) throw new Error('work order vanished after its insert');
  return { status: 201, body: ack(created) };
}

async function ownOrder(deps: Deps, partner: PartnerKey, no: string): Promise<ComplaintJoined> {
  const c = await complaintByWorkOrder(deps.database.db, partner.id, no);
  if (!c) throw new AppError('RESOURCE.NOT_FOUND', '工单不存在');
  return c;
}

/** Progress and result reported back to 12345 (回复、办结): no reporter data, no inspector names. */
export async function workOrderProgress(deps: Deps, partner: PartnerKey, no: string) {
  return progressView(await ownOrder(deps, partner, no), no);
}

/** What 12345 is told of its order, pulled (GET) or pushed (work-order-reports.ts) alike. */
export function progressView(c: ComplaintJoined, no: string): WorkOrderProgressView {
  const progress = [{ at: c.received_at, text: `已受理，核查期限 ${c.due_date ?? c.due_at}` }];
  if (c.task_id) progress.push({ at: c.updated_at, text: '已派两名执法人员现场核查' });
  if (c.verified_at) progress.push({ at: c.verified_at, text: `已核查：${c.outcome ? COMPLAINT_OUTCOME_LABELS[c.outcome] : ''}` });
  if (c.feedback_at) progress.push({ at: c.feedback_at, text: '已答复办结' });
  return {
    workOrderNo: no,
    status: c.status,
    statusLabel: COMPLAINT_STATUS_LABELS[c.status],
    progress,
    result: c.outcome ? { outcomeLabel: COMPLAINT_OUTCOME_LABELS[c.outcome], findings: c.findings ?? '', feedback: c.feedback } : null,
  };
}

/** The 12345 return-visit evaluation (回访、评价): dissatisfied reopens the report, like our own return visit. */
export async function evaluateWorkOrder(deps: Deps, actor: Actor, partner: PartnerKey, no: string, input: { satisfied: boolean; comment?: string | null }) {
  const c = await ownOrder(deps, partner, no);
  await recordReturnVisit(deps, actor, c.id, { satisfied: input.satisfied, note: input.comment ?? null }, 'hotline_12345', { scoped: false });
  return workOrderProgress(deps, partner, no);
}
