import type { SealView } from '@fep/contracts';
import { chinaDateOf, type EnforcementProcedurePolicy } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementSeal, EnforcementSealRequest } from '../../../db/schema/enforcement.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { type Agency, agencyById } from '../../../platform/org/agencies.repository.ts';
import { type Audit, type Deps, type Emit, transact } from '../../../platform/transact.ts';
import { procedureFor } from '../procedure.policy.ts';
import { emitSealChanged } from '../seal-map.ts';
import { loadOwnSeal, loadSeal, loadSealRequest } from '../seals.access.ts';
import { presentSeal } from '../seals.presenter.ts';

export interface SealStepContext {
  trx: Transaction<DB>;
  audit: Audit;
  emit: Emit;
  /** The seal as read inside the transaction (the compare-and-set compares its version). */
  s: EnforcementSeal;
  agency: Agency;
  policy: EnforcementProcedurePolicy;
  policyVersion: string;
  now: Date;
  today: string;
}

async function context(trx: Transaction<DB>, sealId: string, now: Date) {
  const s = await trx.selectFrom('enforcement_seals').selectAll().where('id', '=', sealId).executeTakeFirstOrThrow();
  const agency = await agencyById(trx, s.agency_id);
  if (!agency) throw new Error(`agency ${s.agency_id} of seal ${s.id} not found`);
  const today = chinaDateOf(now);
  const { policy, versionKey } = await procedureFor(trx, agency, today);
  return { s, agency, policy, policyVersion: versionKey, today };
}

/**
 * The frame of every staff step on a seal: found in the caller's scope first (outside it: the same 404 as a
 * missing seal, and the attempt recorded), then read again inside the step's transaction, where the step
 * checks its preconditions and writes by compare-and-set. The answer is the seal as it now is. A step that
 * changes the seal's status announces it in the same transaction (`enforcement.seal_changed`, the map's seals).
 */
export async function sealStep(deps: Deps, actor: Actor, sealId: string, body: (c: SealStepContext) => Promise<EnforcementSeal>): Promise<SealView> {
  await loadSeal(deps, actor, deps.database.db, sealId);
  return transact(deps, actor, async (trx, audit, emit) => {
    const now = deps.now();
    const c = await context(trx, sealId, now);
    const after = await body({ trx, audit, emit, now, ...c });
    emitSealChanged(emit, c.s, after);
    return presentSeal(trx, after, { kind: 'staff', actor }, now);
  });
}

/** The unit's step on its own seal in the portal (a request), in the same frame. */
export async function ownSealStep(deps: Deps, actor: Actor, sealId: string, body: (c: SealStepContext) => Promise<EnforcementSeal>): Promise<SealView> {
  await loadOwnSeal(deps, actor, deps.database.db, sealId);
  return transact(deps, actor, async (trx, audit, emit) => {
    const now = deps.now();
    const c = await context(trx, sealId, now);
    const after = await body({ trx, audit, emit, now, ...c });
    emitSealChanged(emit, c.s, after);
    return presentSeal(trx, after, { kind: 'party', actor }, now);
  });
}

/** A staff step on a request: the request and its seal read inside the transaction; the answer is the seal. */
export async function sealRequestStep(
  deps: Deps,
  actor: Actor,
  requestId: string,
  body: (c: SealStepContext & { r: EnforcementSealRequest }) => Promise<EnforcementSeal>,
): Promise<SealView> {
  const { seal } = await loadSealRequest(deps, actor, deps.database.db, requestId);
  return transact(deps, actor, async (trx, audit, emit) => {
    const now = deps.now();
    const r = await trx.selectFrom('enforcement_seal_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    const c = await context(trx, seal.id, now);
    const after = await body({ trx, audit, emit, now, r, ...c });
    emitSealChanged(emit, c.s, after);
    return presentSeal(trx, after, { kind: 'staff', actor }, now);
  });
}
