import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { insertConflict } from '../supervision.repository.ts';

/**
 * An inspector declares a reason to be recused from a unit (回避, 消防监督检查规定): relatives, a former
 * employer, another declared reason. One declaration per inspector and unit (unique index): a second
 * one is a 409, not a second record.
 */
export async function declareConflict(deps: Deps, actor: Actor, input: { usci: string; kind: 'relative' | 'former_employer' | 'declared'; note?: string }) {
  return transact(deps, actor, async (trx, audit) => {
    const row = {
      id: uuidv7(deps.now().getTime()),
      inspector_user_id: userIdOf(actor),
      usci: input.usci.toUpperCase(),
      kind: input.kind,
      note: input.note ?? null,
      declared_at: deps.now().toISOString(),
    };
    if (!(await insertConflict(trx, row))) throw new AppError('SUPERVISION.CONFLICT_DECLARED', '已申报过与该单位的回避事项', { usci: row.usci });
    await audit({ action: 'inspector_conflict.declare', targetType: 'user', targetId: row.inspector_user_id, after: row });
    return row;
  });
}
