import type { Executor } from '../../db/database.ts';
import type { NewCaseReview, NewInterferenceRecord, NewOfficerComplaint, NewOfficerTraining, OfficerComplaint } from '../../db/schema/oversight.ts';
import type { ComplaintJoined, InterferenceJoined, ReviewJoined } from './oversight.presenter.ts';

/** Queries and writes of the oversight tables (`db | trx`). Only this feature writes them. */

export function interferenceRows(db: Executor) {
  return db
    .selectFrom('interference_records')
    .innerJoin('agencies', 'agencies.id', 'interference_records.agency_id')
    .innerJoin('users', 'users.id', 'interference_records.recorded_by');
}

export async function insertInterference(trx: Executor, row: NewInterferenceRecord): Promise<void> {
  await trx.insertInto('interference_records').values(row).execute();
}

export async function interferenceById(db: Executor, id: string): Promise<InterferenceJoined | undefined> {
  return interferenceRows(db)
    .selectAll('interference_records')
    .select(['agencies.name as agency_name', 'users.display_name as recorder_name'])
    .where('interference_records.id', '=', id)
    .executeTakeFirst();
}

export function complaintRows(db: Executor) {
  return db
    .selectFrom('officer_complaints')
    .innerJoin('agencies', 'agencies.id', 'officer_complaints.agency_id')
    .leftJoin('users', 'users.id', 'officer_complaints.handler_id');
}

export async function complaintById(db: Executor, id: string): Promise<ComplaintJoined | undefined> {
  return complaintRows(db)
    .selectAll('officer_complaints')
    .select(['agencies.name as agency_name', 'users.display_name as handler_name'])
    .where('officer_complaints.id', '=', id)
    .executeTakeFirst();
}

export async function complaintByCodeHash(db: Executor, hash: string): Promise<ComplaintJoined | undefined> {
  return complaintRows(db)
    .selectAll('officer_complaints')
    .select(['agencies.name as agency_name', 'users.display_name as handler_name'])
    .where('officer_complaints.code_hash', '=', hash)
    .executeTakeFirst();
}

export async function insertComplaint(trx: Executor, row: NewOfficerComplaint): Promise<void> {
  await trx.insertInto('officer_complaints').values(row).execute();
}

/** Compare-and-set on the status: true when this call moved the complaint. */
export async function updateComplaintIf(
  trx: Executor,
  id: string,
  expected: OfficerComplaint['status'],
  patch: Partial<Omit<OfficerComplaint, 'id' | 'code_hash'>>,
): Promise<boolean> {
  const r = await trx.updateTable('officer_complaints').set(patch).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function reviewRows(db: Executor) {
  return db
    .selectFrom('case_reviews')
    .innerJoin('agencies', 'agencies.id', 'case_reviews.agency_id')
    .innerJoin('users', 'users.id', 'case_reviews.reviewer_id');
}

export async function reviewById(db: Executor, id: string): Promise<ReviewJoined | undefined> {
  return reviewRows(db)
    .selectAll('case_reviews')
    .select(['agencies.name as agency_name', 'users.display_name as reviewer_name'])
    .where('case_reviews.id', '=', id)
    .executeTakeFirst();
}

export async function insertReview(trx: Executor, row: NewCaseReview, officers: { userId: string; agencyId: string }[]): Promise<void> {
  await trx.insertInto('case_reviews').values(row).execute();
  await trx
    .insertInto('case_review_officers')
    .values(officers.map((o) => ({ review_id: row.id, user_id: o.userId, agency_id: o.agencyId })))
    .execute();
}

/** The officers each review names, with their names, in one query. */
export async function officersOfReviews(db: Executor, reviewIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (reviewIds.length === 0) return out;
  const rows = await db
    .selectFrom('case_review_officers')
    .innerJoin('users', 'users.id', 'case_review_officers.user_id')
    .select(['case_review_officers.review_id', 'users.id', 'users.display_name'])
    .where('case_review_officers.review_id', 'in', [...reviewIds])
    .orderBy('users.display_name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.review_id) ?? out.set(r.review_id, []).get(r.review_id)!;
    list.push({ id: r.id, name: r.display_name });
  }
  return out;
}

export async function insertTraining(trx: Executor, row: NewOfficerTraining): Promise<void> {
  await trx.insertInto('officer_training').values(row).execute();
}
