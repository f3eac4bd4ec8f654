import type { Executor } from '../../db/database.ts';
import type { Complaint, ComplaintsTable, NewComplaint } from '../../db/schema/complaints.ts';

/** Queries and writes of the complaints tables (`db | trx`). Only this feature writes them. */

export type ComplaintJoined = Complaint & { agency_name: string };

export function complaintRows(db: Executor) {
  return db.selectFrom('complaints').innerJoin('agencies', 'agencies.id', 'complaints.agency_id');
}

export async function complaintById(db: Executor, id: string): Promise<ComplaintJoined | undefined> {
  return complaintRows(db).selectAll('complaints').select('agencies.name as agency_name').where('complaints.id', '=', id).executeTakeFirst();
}

export async function complaintByCodeHash(db: Executor, hash: string): Promise<ComplaintJoined | undefined> {
  return complaintRows(db).selectAll('complaints').select('agencies.name as agency_name').where('complaints.code_hash', '=', hash).executeTakeFirst();
}

export async function complaintByWorkOrder(db: Executor, partnerId: string, ref: string): Promise<ComplaintJoined | undefined> {
  return complaintRows(db)
    .selectAll('complaints')
    .select('agencies.name as agency_name')
    .where('complaints.partner_id', '=', partnerId)
    .where('complaints.external_ref', '=', ref)
    .executeTakeFirst();
}

export async function insertComplaint(trx: Executor, row: NewComplaint): Promise<void> {
  await trx.insertInto('complaints').values(row).execute();
}

/**
 * Compare-and-set on the status and the version read: true when this call moved the report. Of concurrent
 * identical steps one applies; the others find the version changed.
 */
export async function updateComplaintIf(
  trx: Executor,
  row: Pick<Complaint, 'id' | 'status' | 'version'>,
  patch: Partial<Omit<ComplaintsTable, 'id' | 'code_hash' | 'version'>>,
): Promise<boolean> {
  const r = await trx
    .updateTable('complaints')
    .set({ ...patch, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function duplicatesOf(db: Executor, id: string): Promise<string[]> {
  const rows = await db.selectFrom('complaints').select('id').where('duplicate_of', '=', id).orderBy('received_at').execute();
  return rows.map((r) => r.id);
}

export async function rewardOf(db: Executor, complaintId: string) {
  return db.selectFrom('complaint_rewards').selectAll().where('complaint_id', '=', complaintId).executeTakeFirst();
}

export async function returnVisitsOf(db: Executor, complaintId: string) {
  return db.selectFrom('complaint_return_visits').selectAll().where('complaint_id', '=', complaintId).orderBy('visited_at').execute();
}
