import type { Executor } from '../../db/database.ts';

/**
 * What 好差评 (SVC-02, features/evaluations) needs of an application to let its applicant evaluate it once
 * (一事一评): whose it is, its agency, a title, and whether it was filed at all (a draft is not a service yet).
 */
export async function applicationForEvaluation(db: Executor, id: string) {
  const a = await db
    .selectFrom('applications')
    .select(['id', 'usci', 'applicant_user_id', 'agency_id', 'agency_path', 'reference_no', 'venue_name', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  return {
    id: a.id,
    usci: a.usci,
    applicantUserId: a.applicant_user_id,
    agencyId: a.agency_id,
    agencyPath: a.agency_path,
    title: `消防许可申请 ${a.reference_no}（${a.venue_name}）`,
    filed: a.status !== 'draft',
  };
}
