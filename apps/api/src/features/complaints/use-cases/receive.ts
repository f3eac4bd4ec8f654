import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNEL_LABELS,
  type ComplaintCategory,
  type ComplaintChannel,
  chinaDateOf,
  type LatLng,
  toWgs84,
  verificationDue,
} from '@fep/domain';
import type { ComplaintsTable } from '../../../db/schema/complaints.ts';
import type { Actor } from '../../../platform/actor.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { PHOTOS } from '../complaints.columns.ts';
import { deadlinesBasis, deadlinesFor } from '../complaints.policy.ts';
import { categoryName } from '../complaints.presenter.ts';
import { insertComplaint } from '../complaints.repository.ts';
import { COMPLAINT_RECEIVED, type ComplaintReceived } from '../events.ts';
import { codeHash, type Identity, newTrackingCode, sealIdentity } from '../vault.ts';

export interface ReceiveInput {
  channel: ComplaintChannel;
  receivedAt: string;
  regionCode: string;
  category: string;
  description: string;
  unitUsci?: string | null;
  address?: string | null;
  location?: (LatLng & { system?: 'wgs84' | 'gcj02' }) | null;
  photos?: string[];
  anonymous: boolean;
  reporter?: Identity | null;
  partnerId?: string | null;
  externalRef?: string | null;
  externalDueAt?: string | null;
}

export interface Received {
  row: ComplaintsTable;
  trackingCode: string;
  agencyName: string;
}

/**
 * Every channel ends here (CMP-01): the place decides the handling agency (the deepest agency serving the
 * region code), the category its statutory verification clock (CMP-02, policy `complaints.deadlines` in
 * force on the day of receipt), started on the platform's clocks engine from the instant of receipt. The
 * reporter's identity is sealed before it is written and kept out of the enforcement record; the tracking
 * code is returned once and only its HMAC stored. Photos sent without an account are bound to the report.
 */
export async function receiveComplaint(deps: Deps, actor: Actor, input: ReceiveInput): Promise<Received> {
  const db = deps.database.db;
  const agency = await findAgency(db, input.regionCode);
  if (!agency) throw new AppError('COMPLAINTS.REGION_NOT_SERVED', '该地区不在本平台受理范围内，请拨打 96119 或 12345 反映', { field: 'regionCode' });
  if (!COMPLAINT_CATEGORIES.includes(input.category as ComplaintCategory))
    throw new AppError('COMPLAINTS.INVALID', '举报类别不正确，请从列表中选择', { field: 'category' });
  const now = deps.now();
  if (Date.parse(input.receivedAt) > now.getTime() + 5 * 60_000) throw new AppError('COMPLAINTS.INVALID', '受理时间不能晚于当前时间', { field: 'receivedAt' });
  const receivedAt = new Date(input.receivedAt).toISOString();
  const { policy, versionKey } = await deadlinesFor(db, agency, chinaDateOf(receivedAt));
  const cal = await loadCalendar(db, agency.region_code);
  const due = verificationDue(policy, input.category, receivedAt, cal);
  const point = input.location ? toWgs84(input.location, input.location.system ?? 'wgs84') : null;
  const photos = [...new Set(input.photos ?? [])];

  return transact(deps, actor, async (trx, audit, emit) => {
    if (photos.length) {
      const found = await trx.selectFrom('complaint_photos').select('id').where('id', 'in', photos).where('complaint_id', 'is', null).execute();
      if (found.length !== photos.length) throw new AppError('COMPLAINTS.INVALID', '照片不存在或已用于其他举报，请重新上传', { field: 'photos' });
    }
    const id = uuidv7(now.getTime());
    const code = newTrackingCode();
    const nowIso = now.toISOString();
    const clock = await startClock(
      trx,
      {
        targetType: 'complaint',
        targetId: id,
        title: `举报核查：${categoryName(input.category)}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: due.unit,
        amount: due.amount,
        legalBasis: deadlinesBasis(),
        startedAt: receivedAt,
        policyVersion: versionKey,
      },
      now,
    );
    const row: ComplaintsTable = {
      id,
      code_hash: codeHash(deps, code),
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: input.regionCode,
      channel: input.channel,
      category: input.category,
      reported_category: input.category,
      description: input.description.trim(),
      unit_usci: input.unitUsci?.toUpperCase() ?? null,
      address: input.address?.trim() || null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      coord_system: input.location ? (input.location.system ?? 'wgs84') : null,
      photos_json: PHOTOS.encode(photos),
      anonymous: input.anonymous ? 1 : 0,
      identity_enc: sealIdentity(deps, input.reporter, id),
      status: 'received',
      received_at: receivedAt,
      clock_id: clock.id,
      due_at: due.dueAt,
      due_date: due.dueDate,
      limit_unit: due.unit,
      limit_amount: due.amount,
      duplicate_of: null,
      task_id: null,
      outcome: null,
      findings: null,
      order_id: null,
      verified_at: null,
      feedback: null,
      feedback_impossible: null,
      feedback_at: null,
      reopened_count: 0,
      partner_id: input.partnerId ?? null,
      external_ref: input.externalRef ?? null,
      external_due_at: input.externalDueAt ?? null,
      satisfaction: null,
      created_by: actor.kind === 'staff' ? actor.userId : null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 0,
    };
    await insertComplaint(trx, row);
    if (photos.length) await trx.updateTable('complaint_photos').set({ complaint_id: id }).where('id', 'in', photos).execute();
    // The record names the report and its facts; the reporter only as "left contact details or not".
    const { identity_enc: _sealed, code_hash: _hash, ...recorded } = row;
    await audit({
      action: 'complaint.receive',
      targetType: 'complaint',
      targetId: id,
      after: { ...recorded, has_contact: row.identity_enc !== null },
      details: { policyVersion: versionKey },
    });
    const fact: ComplaintReceived = {
      complaintId: id,
      agencyId: agency.id,
      agencyPath: agency.path,
      categoryName: categoryName(input.category),
      channelLabel: COMPLAINT_CHANNEL_LABELS[input.channel],
      dueAt: due.dueAt,
      lat: row.lat,
      lng: row.lng,
    };
    emit({ type: COMPLAINT_RECEIVED, targetType: 'complaint', targetId: id, agencyId: agency.id, payload: { ...fact } });
    return { row, trackingCode: code, agencyName: agency.name };
  });
}
