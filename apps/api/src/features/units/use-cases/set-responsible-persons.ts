import type { UnitResponsiblePersonsBody } from '@fep/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { responsiblePerson } from '../units.access.ts';
import { presentUnit, type UnitViewData } from '../units.presenter.ts';
import { unitById } from '../units.repository.ts';

/**
 * A unit's 消防安全责任人 and 消防安全管理人 (CRD-01; 公安部令第61号 arts. 4–7), set by staff of its agency: from
 * then on the unit's credit records extend to them as the policy `credit.person_liability` says. Both roles are
 * sent at once (null clears one). The update is a compare-and-set on the keys read in the transaction: the same
 * change sent twice changes once (the second finds it done), a change racing another is a 409.
 */
export async function setResponsiblePersons(deps: Deps, actor: Actor, unitId: string, input: UnitResponsiblePersonsBody): Promise<UnitViewData> {
  const responsible = responsiblePerson(input.responsible, 'responsible');
  const manager = responsiblePerson(input.manager, 'manager');
  return transact(deps, actor, async (trx, audit): Promise<UnitViewData> => {
    const u = await unitById(trx, unitId, actor.scope);
    if (!u) throw notFound('单位');
    const next = {
      responsible_name: responsible?.name ?? null,
      responsible_key: responsible?.key ?? null,
      manager_name: manager?.name ?? null,
      manager_key: manager?.key ?? null,
    };
    const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => u[k] === next[k]);
    // Already so (a retry, or the same change sent twice): nothing to write or record; the transaction rolls back.
    if (same) throw new AlreadySet(presentUnit(u, true));
    let q = trx
      .updateTable('units')
      .set({ ...next, updated_at: deps.now().toISOString() })
      .where('id', '=', u.id);
    for (const k of ['responsible_key', 'manager_key', 'responsible_name', 'manager_name'] as const)
      q = u[k] === null ? q.where(k, 'is', null) : q.where(k, '=', u[k]);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('REQUEST.CONFLICT', '该单位的责任人员已被他人更改，请刷新后重试');
    // The record keeps names and subject keys, never the ID numbers.
    await audit({
      action: 'unit.responsible_persons',
      targetType: 'unit',
      targetId: u.id,
      before: { responsible_name: u.responsible_name, responsible_key: u.responsible_key, manager_name: u.manager_name, manager_key: u.manager_key },
      after: next,
    });
    return presentUnit({ ...u, ...next }, true);
  }).catch((err: unknown) => {
    if (err instanceof AlreadySet) return err.view;
    throw err;
  });
}

class AlreadySet extends Error {
  constructor(readonly view: UnitViewData) {
    super('already set');
  }
}
