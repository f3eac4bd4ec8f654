import { type ComplaintDeadlinesPolicy, policyKind, type RewardsPolicy } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Agency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/** The verification limits in force for an agency on a date (`complaints.deadlines`, CMP-02). */
export async function deadlinesFor(db: Executor, agency: Agency, onDate: string) {
  const [resolved] = await resolveForAgency(db, agency, onDate, ['complaints.deadlines']);
  if (!resolved) throw new Error('complaints.deadlines is not a known policy kind');
  return { policy: resolved.values as ComplaintDeadlinesPolicy, versionKey: resolved.versionKey };
}

/** The reward rule in force for an agency on a date (`complaints.rewards`, CMP-03). */
export async function rewardsFor(db: Executor, agency: Agency, onDate: string) {
  const [resolved] = await resolveForAgency(db, agency, onDate, ['complaints.rewards']);
  if (!resolved) throw new Error('complaints.rewards is not a known policy kind');
  return { policy: resolved.values as RewardsPolicy, versionKey: resolved.versionKey };
}

/** The legal basis a verification clock cites. */
export function deadlinesBasis(): { document: string; clause?: string } {
  const basis = policyKind('complaints.deadlines').fields.deadlines?.legalBasis;
  if (!basis) throw new Error('complaints.deadlines.deadlines has no legal basis');
  return basis;
}
