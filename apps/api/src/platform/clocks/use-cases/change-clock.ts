import type { ClockEvent } from '@fep/domain';
import type { ClockTable } from '../../../db/schema.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { type Deps, transact } from '../../transact.ts';
import { clockInScope } from '../clocks.access.ts';
import { applyClockEvent } from '../clocks.service.ts';

export interface ClockChangeInput {
  id: string;
  reason?: string | null;
  amount?: number | null;
  /** The clock's `version` the caller saw; a change made since is refused (409 CLOCK.STALE_VERSION). */
  version?: number;
}

/**
 * One change of a clock by a person, shared by the four use cases: the clock is loaded in the actor's
 * scope, re-read inside the transaction and changed by compare-and-set (`applyClockEvent`).
 */
export async function changeClock(deps: Deps, actor: Actor, type: ClockEvent['type'], input: ClockChangeInput): Promise<ClockTable> {
  await clockInScope(deps, actor, input.id);
  return transact(deps, actor, async (trx, audit) => {
    const current = await trx.selectFrom('clocks').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    if (input.version !== undefined && current.event_seq !== input.version)
      throw new AppError('CLOCK.STALE_VERSION', '该时限已被他人修改，请刷新后重试', { version: current.event_seq });
    const r = await applyClockEvent(trx, current, { type, amount: input.amount ?? undefined, reason: input.reason ?? null }, actor.userId, deps.now());
    await audit({
      action: `clock.${type}`,
      targetType: 'clock',
      targetId: current.id,
      before: r.before,
      after: r.after,
      details: { reason: input.reason ?? null, amount: input.amount ?? null },
    });
    return r.after;
  });
}
