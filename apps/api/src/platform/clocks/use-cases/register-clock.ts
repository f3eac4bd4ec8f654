import type { ClockSpec } from '@fep/domain';
import type { Actor } from '../../actor.ts';
import { type Deps, transact } from '../../transact.ts';
import { assertAssignable, assertMayRegisterClock } from '../clocks.access.ts';
import { startClock } from '../clocks.service.ts';

export interface RegisterClockInput {
  targetType: string;
  targetId: string;
  title: string;
  unit: ClockSpec['unit'];
  amount: number;
  warnBefore?: number;
  startedAt?: string;
  assigneeUserId?: string;
  legalBasis: { document: string; clause?: string };
}

/** Registers a statutory time limit on a record of the acting agency (e.g. a matter assigned by a higher agency). */
export async function registerClock(deps: Deps, actor: Actor, input: RegisterClockInput): Promise<{ id: string }> {
  const agency = await assertMayRegisterClock(deps, actor, { type: input.targetType, id: input.targetId });
  await assertAssignable(deps, actor, input.assigneeUserId);
  return transact(deps, actor, async (trx, audit) => {
    const now = deps.now();
    const c = await startClock(
      trx,
      {
        ...input,
        agency: { id: agency.agencyId, path: agency.agencyPath, regionCode: agency.regionCode },
        startedAt: input.startedAt ? new Date(input.startedAt).toISOString() : now.toISOString(),
      },
      now,
    );
    await audit({ action: 'clock.create', targetType: 'clock', targetId: c.id, after: c });
    return { id: c.id };
  });
}
