import type { CaseReviewChecklistView } from '@fep/contracts';
import { CASE_FILE_KIND_LABELS, type CaseReviewPolicy, chinaDateOf } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/**
 * The case review checklist in force for the reviewing agency on a date: the `oversight.case_review` policy
 * (national default laid over by the corps, detachment and brigade versions) with its version key, which
 * every review stores.
 */
export async function checklistFor(db: Executor, agencyId: string, at: Date) {
  const agency = await agencyById(db, agencyId);
  if (!agency) throw notFound('机构');
  const [resolved] = await resolveForAgency(db, agency, chinaDateOf(at), ['oversight.case_review']);
  if (!resolved) throw new Error('oversight.case_review is not a known policy kind');
  return { policy: resolved.values as CaseReviewPolicy, versionKey: resolved.versionKey };
}

export function presentChecklist(policy: CaseReviewPolicy, versionKey: string): CaseReviewChecklistView {
  return {
    policyVersion: versionKey,
    vetoItems: policy.vetoItems,
    items: policy.items,
    grades: policy.grades,
    fileKinds: policy.fileKinds.map((k) => ({ value: k, label: CASE_FILE_KIND_LABELS[k] })),
  };
}
