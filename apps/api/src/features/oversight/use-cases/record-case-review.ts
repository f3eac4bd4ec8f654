import type { CaseReviewRequest, CaseReviewView } from '@fep/contracts';
import { inScope, ReviewError, scoreCaseReview } from '@fep/domain';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { REVIEW_RESULT } from '../oversight.columns.ts';
import { presentReview } from '../oversight.presenter.ts';
import { insertReview } from '../oversight.repository.ts';
import { checklistFor } from '../review.policy.ts';

/**
 * OVS-02 案卷评查: a reviewer scores one case file against the checklist in force for the reviewing agency,
 * item by item with remarks; the total and the grade come from the domain's `scoreCaseReview`, never from
 * the client. The file is identified by its number as text (the case file is another feature's record);
 * the officers named must be staff of the reviewer's jurisdiction. The review belongs to the handling
 * agency — the lowest agency among the officers' — so per-agency averages count it there; the policy version
 * of the checklist is stored with it.
 */
export async function recordCaseReview(deps: Deps, actor: Actor, input: CaseReviewRequest): Promise<CaseReviewView> {
  if (!actor.agencyId) throw new AppError('OVERSIGHT.REVIEW_INVALID', '只有消防救援机构的工作人员可以评查', { field: 'agency' });
  const now = deps.now();
  const { policy, versionKey } = await checklistFor(deps.database.db, actor.agencyId, now);
  if (!policy.fileKinds.includes(input.fileKind)) throw new AppError('OVERSIGHT.REVIEW_INVALID', '现行评查标准不适用于该类案卷', { field: 'fileKind' });
  let score: ReturnType<typeof scoreCaseReview>;
  try {
    score = scoreCaseReview(policy, { veto: input.veto, items: input.items });
  } catch (e) {
    if (e instanceof ReviewError) throw new AppError('OVERSIGHT.REVIEW_INVALID', e.message, { field: e.field, reason: e.code });
    throw e;
  }
  return transact(deps, actor, async (trx, audit) => {
    const officers = await trx
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.display_name', 'agencies.id as agency_id', 'agencies.name as agency_name', 'agencies.path as agency_path'])
      .where('users.id', 'in', input.officerIds)
      .where('users.kind', '=', 'staff')
      .execute();
    const missing = input.officerIds.find((id) => !officers.some((o) => o.id === id && inScope(actor.scope, { agencyPath: o.agency_path })));
    if (missing) throw new AppError('OVERSIGHT.OFFICER_INVALID', '所选执法人员不在本机构或下级机构', { field: 'officerIds', officer: missing });
    // The handling agency: the deepest of the officers' agencies (officers of an agency above may assist).
    const handling = officers.reduce((a, b) => (b.agency_path.length > a.agency_path.length ? b : a));
    const result = { vetoFailed: score.vetoFailed, lines: score.lines };
    const row = {
      id: uuidv7(now.getTime()),
      agency_id: handling.agency_id,
      agency_path: handling.agency_path,
      case_reference: input.caseReference.trim(),
      file_kind: input.fileKind,
      reviewer_id: userIdOf(actor),
      total: score.total,
      grade: score.grade,
      result_json: REVIEW_RESULT.encode(result),
      comment: input.comment?.trim() || null,
      policy_version: versionKey,
      reviewed_at: now.toISOString(),
    };
    await insertReview(
      trx,
      row,
      officers.map((o) => ({ userId: o.id, agencyId: o.agency_id })),
    );
    await audit({
      action: 'case_review.create',
      targetType: 'case_review',
      targetId: row.id,
      policyVersion: versionKey,
      after: { ...row, officers: input.officerIds },
      details: { caseReference: row.case_reference, total: row.total, grade: row.grade },
    });
    const named = input.officerIds.map((id) => ({ id, name: officers.find((o) => o.id === id)!.display_name }));
    return presentReview({ ...row, agency_name: handling.agency_name, reviewer_name: actor.displayName ?? '' }, named);
  });
}
