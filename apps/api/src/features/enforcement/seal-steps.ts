import {
  type SealAction,
  type SealRequestAction,
  type SealRequestKind,
  SealRequestTransitionError,
  type SealStatus,
  SealTransitionError,
  sealRequestTransition,
  sealTransition,
} from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementSeal, EnforcementSealRequest, EnforcementSealRequestUpdate, EnforcementSealUpdate } from '../../db/schema/enforcement.ts';
import type { DB } from '../../db/schema.ts';
import { applyClockEvent } from '../../platform/clocks/clocks.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Audit } from '../../platform/transact.ts';
import { findTask, updateTaskIf } from '../inspections/index.ts';

/**
 * One step of a seal: the transition table decides the next status (a step not allowed now is a 409), and
 * the row is written by compare-and-set on its version inside the caller's transaction: of two identical
 * requests exactly one takes effect; the other gets the same 409 whether it read before or after the winner.
 */
export async function advanceSeal(
  trx: Transaction<DB>,
  s: EnforcementSeal,
  action: SealAction,
  patch: EnforcementSealUpdate,
  now: Date,
): Promise<EnforcementSeal> {
  let to: SealStatus;
  try {
    to = sealTransition(s.status, action);
  } catch (err) {
    if (err instanceof SealTransitionError) throw new AppError('ENFORCEMENT.SEAL_STATE', err.message, { status: s.status, action });
    throw err;
  }
  return updateSealIf(trx, s, { ...patch, status: to }, now);
}

export async function updateSealIf(trx: Transaction<DB>, s: EnforcementSeal, patch: EnforcementSealUpdate, now: Date): Promise<EnforcementSeal> {
  const set = { ...patch, version: s.version + 1, updated_at: now.toISOString() };
  const r = await trx.updateTable('enforcement_seals').set(set).where('id', '=', s.id).where('version', '=', s.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.SEAL_STATE', '该临时查封已被他人办理，请刷新后查看', { sealId: s.id });
  return { ...s, ...set } as EnforcementSeal;
}

/** One step of a request, by the same compare-and-set on the request's version. */
export async function advanceSealRequest(
  trx: Transaction<DB>,
  r: EnforcementSealRequest,
  action: SealRequestAction,
  patch: EnforcementSealRequestUpdate,
  now: Date,
): Promise<EnforcementSealRequest> {
  let to: EnforcementSealRequest['status'];
  try {
    to = sealRequestTransition(r.kind as SealRequestKind, r.status, action);
  } catch (err) {
    if (err instanceof SealRequestTransitionError) throw new AppError('ENFORCEMENT.SEAL_REQUEST_STATE', err.message, { status: r.status, action });
    throw err;
  }
  const set = { ...patch, status: to, version: r.version + 1, updated_at: now.toISOString() };
  const u = await trx.updateTable('enforcement_seal_requests').set(set).where('id', '=', r.id).where('version', '=', r.version).executeTakeFirst();
  if (Number(u.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.SEAL_REQUEST_STATE', '该申请已被他人办理，请刷新后查看', { requestId: r.id });
  return { ...r, ...set } as EnforcementSealRequest;
}

/** Stops a clock of a seal or request if it still counts (a step that ends its duty). */
export async function stopClock(trx: Transaction<DB>, clockId: string | null, reason: string, userId: string | null, now: Date): Promise<void> {
  if (!clockId) return;
  const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
  if (clock && (clock.status === 'running' || clock.status === 'paused')) await applyClockEvent(trx, clock, { type: 'stop', reason }, userId, now);
}

/**
 * A seal that ends (lifted, released after an emergency) closes the party's requests still open on it: their
 * clocks stop and their inspection tasks are cancelled, so nothing stays overdue for a seal that is gone.
 */
export async function closeOpenRequests(trx: Transaction<DB>, audit: Audit, s: EnforcementSeal, reason: string, userId: string | null, now: Date) {
  const open = await trx
    .selectFrom('enforcement_seal_requests')
    .selectAll()
    .where('seal_id', '=', s.id)
    .where('status', 'in', ['submitted', 'inspected'])
    .execute();
  for (const r of open) {
    await advanceSealRequest(trx, r, 'close', {}, now);
    await stopClock(trx, r.inspection_clock_id, reason, userId, now);
    await stopClock(trx, r.decision_clock_id, reason, userId, now);
    const task = r.task_id ? await findTask(trx, r.task_id) : undefined;
    if (task && (task.status === 'assigned' || task.status === 'unassigned')) {
      const nowIso = now.toISOString();
      await updateTaskIf(trx, task, [task.status], { status: 'cancelled', updated_at: nowIso });
      await audit({ action: 'inspection_task.cancel', targetType: 'inspection_task', targetId: task.id, details: { reason } });
    }
    await audit({ action: 'seal_request.close', targetType: 'seal_request', targetId: r.id, details: { sealId: s.id, reason } });
  }
}
