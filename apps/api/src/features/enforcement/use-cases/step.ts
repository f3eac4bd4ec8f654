import type { CaseView } from '@fep/contracts';
import { chinaDateOf, type EnforcementProcedurePolicy } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementCase } from '../../../db/schema/enforcement.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { type Agency, agencyById } from '../../../platform/org/agencies.repository.ts';
import { type Audit, type Deps, type Emit, transact } from '../../../platform/transact.ts';
import { loadCase } from '../cases.access.ts';
import { presentCase } from '../cases.presenter.ts';
import { procedureFor } from '../procedure.policy.ts';

export interface StepContext {
  trx: Transaction<DB>;
  audit: Audit;
  emit: Emit;
  /** The case as read inside the transaction (the compare-and-set compares its version). */
  c: EnforcementCase;
  agency: Agency;
  policy: EnforcementProcedurePolicy;
  policyVersion: string;
  now: Date;
  today: string;
}

/**
 * The frame of every step on a case: the case is found in the caller's scope first (outside it: the same
 * 404 as a missing case, and the attempt recorded), then read again inside the step's transaction, where
 * the step checks its preconditions and writes by compare-and-set. The answer is the case as it now is.
 */
export async function caseStep(deps: Deps, actor: Actor, caseId: string, body: (s: StepContext) => Promise<EnforcementCase>): Promise<CaseView> {
  await loadCase(deps, actor, deps.database.db, caseId);
  return transact(deps, actor, async (trx, audit, emit) => {
    const now = deps.now();
    const today = chinaDateOf(now);
    const c = await trx.selectFrom('enforcement_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const agency = await agencyById(trx, c.agency_id);
    if (!agency) throw new Error(`agency ${c.agency_id} of case ${c.id} not found`);
    const { policy, versionKey } = await procedureFor(trx, agency, today);
    const after = await body({ trx, audit, emit, c, agency, policy, policyVersion: versionKey, now, today });
    return presentCase(trx, after, actor, now);
  });
}
