import { type CaseAction, type CaseStatus, CaseTransitionError, caseTransition, chinaDateOf } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementCase, EnforcementCaseUpdate } from '../../db/schema/enforcement.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Audit, type Deps, transact } from '../../platform/transact.ts';

/**
 * One step of a case: the transition table decides the next status (a step not allowed now is a 409), and
 * the row is written by compare-and-set on its version inside the caller's transaction, so of two identical
 * requests exactly one takes effect; the other gets the same 409 whether it read before or after the winner.
 */
export async function advanceCase(
  trx: Transaction<DB>,
  c: EnforcementCase,
  action: CaseAction,
  patch: EnforcementCaseUpdate,
  now: Date,
): Promise<EnforcementCase> {
  let to: CaseStatus;
  try {
    to = caseTransition(c.status as CaseStatus, action);
  } catch (err) {
    if (err instanceof CaseTransitionError) throw new AppError('ENFORCEMENT.CASE_STATE', err.message, { status: c.status, action });
    throw err;
  }
  return updateCaseIf(trx, c, { ...patch, status: to }, now);
}

/** A change of a case's facts without a change of step (evidence, a statement), by the same compare-and-set. */
export async function updateCaseIf(trx: Transaction<DB>, c: EnforcementCase, patch: EnforcementCaseUpdate, now: Date): Promise<EnforcementCase> {
  const set = { ...patch, version: c.version + 1, updated_at: now.toISOString() };
  const r = await trx.updateTable('enforcement_cases').set(set).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.CASE_STATE', '该案件已被他人办理，请刷新后查看', { caseId: c.id });
  return { ...c, ...set } as EnforcementCase;
}

/**
 * Raises an oversight alert (OVS-01) on a target, once per kind and target (a unique key: the same deviation
 * recorded twice raises one alert), and records it in the enforcement record. True when the alert is new.
 */
export async function raiseAlert(
  trx: Transaction<DB>,
  audit: Audit,
  input: { agencyId: string; agencyPath: string; kind: string; targetType: string; targetId: string; message: string },
  now: Date,
): Promise<boolean> {
  const row = {
    id: uuidv7(now.getTime()),
    agency_id: input.agencyId,
    agency_path: input.agencyPath,
    kind: input.kind,
    target_type: input.targetType,
    target_id: input.targetId,
    message: input.message,
    raised_at: now.toISOString(),
  };
  const r = await trx
    .insertInto('oversight_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'target_type', 'target_id']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await audit({
    action: 'oversight_alert.raise',
    targetType: input.targetType,
    targetId: input.targetId,
    details: { kind: input.kind, message: input.message },
  });
  return true;
}

/**
 * An officer acting outside the jurisdiction (OVS-01): the attempt is recorded (denied) and an alert goes to the
 * oversight of the agency that acted, once per officer, place and day; the answer is a recorded refusal (403).
 * `act` names the attempted step in the record (`enforcement_case.create`), `what` in words (立案).
 */
export async function refuseOutsideJurisdiction(
  deps: Deps,
  actor: Actor,
  agency: { id: string; path: string; name: string; region_code: string },
  act: { action: string; what: string },
): Promise<never> {
  const now = deps.now();
  await transact({ ...deps, idempotency: undefined }, actor, async (trx, audit) => {
    await audit({ action: act.action, outcome: 'denied', targetType: 'agency', targetId: agency.id, details: { reason: 'outside_jurisdiction' } });
    await raiseAlert(
      trx,
      audit,
      {
        agencyId: actor.agencyId ?? agency.id,
        agencyPath: actor.agencyPath ?? agency.path,
        kind: 'outside_jurisdiction',
        targetType: 'user',
        targetId: `${actor.userId ?? 'anonymous'}:${agency.region_code}:${chinaDateOf(now)}`,
        message: `${actor.displayName ?? '未知用户'}（${actor.agencyName ?? '未知机构'}）试图在${agency.name}辖区${act.what}，已拒绝`,
      },
      now,
    );
  });
  throw new AppError('ENFORCEMENT.OUTSIDE_JURISDICTION', `该地不属于本机构管辖，不能${act.what}；此次操作已记入执法监督`, { field: 'regionCode' }).refused({
    reason: 'out_of_scope',
    target: { type: 'agency', id: agency.id },
  });
}
