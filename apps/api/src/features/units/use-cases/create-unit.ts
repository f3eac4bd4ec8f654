import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { directoryChanged } from '../events.ts';
import { agencyForUnit, responsiblePerson, validUsci } from '../units.access.ts';
import { presentUnit, type UnitViewData } from '../units.presenter.ts';
import { insertUnitIfNew, unitByUsci, unitDefaults } from '../units.repository.ts';

export interface CreateUnitInput {
  usci: string;
  name: string;
  address: string;
  regionCode: string;
  venueKind?: string;
  floorArea?: number;
  keyUnit?: boolean;
  contactName?: string;
  contactPhone?: string;
  responsible?: { name: string; idNumber: string };
  manager?: { name: string; idNumber: string };
}

const duplicate = () => new AppError('UNIT.DUPLICATE', '该统一社会信用代码的单位已登记', { field: 'usci' });

/**
 * SUP-01: registers a unit in the directory of the agency supervising its region. A USCI names one
 * unit: the check runs inside the transaction, after the Idempotency-Key's reservation (a retry of a
 * committed request is answered from the key, not refused as a duplicate), and the insert itself gives
 * way on the unique index (a concurrent registration of the same USCI is a 409, never a 500). Its risk
 * and credit level are the agency's `units.defaults` policy, whose version the record event names.
 */
export async function createUnit(deps: Deps, actor: Actor, input: CreateUnitInput): Promise<UnitViewData> {
  const usci = validUsci(input.usci);
  const responsible = responsiblePerson(input.responsible, 'responsible');
  const manager = responsiblePerson(input.manager, 'manager');
  const agency = await agencyForUnit(deps, actor, input.regionCode);
  return transact(deps, actor, async (trx, audit, emit) => {
    if (await unitByUsci(trx, usci, null)) throw duplicate();
    const now = deps.now().toISOString();
    const defaults = await unitDefaults(trx, agency, deps.now());
    const row = {
      id: uuidv7(),
      usci,
      name: input.name.trim(),
      address: input.address.trim(),
      region_code: input.regionCode,
      agency_id: agency.id,
      agency_path: agency.path,
      venue_kind: input.venueKind ?? null,
      floor_area: input.floorArea ?? null,
      key_unit: input.keyUnit ? 1 : 0,
      risk_level: defaults.values.riskLevel,
      credit_level: defaults.values.creditLevel,
      owner_user_id: null,
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      created_at: now,
      updated_at: now,
      self_commitment: 0,
      last_fire_on: null,
      responsible_name: responsible?.name ?? null,
      responsible_key: responsible?.key ?? null,
      manager_name: manager?.name ?? null,
      manager_key: manager?.key ?? null,
      lat: null,
      lng: null,
      position_set_at: null,
    };
    if (!(await insertUnitIfNew(trx, row))) throw duplicate();
    await audit({ action: 'unit.create', targetType: 'unit', targetId: row.id, after: row, policyVersion: defaults.versionKey });
    emit(directoryChanged(agency.id, [usci]));
    return presentUnit(row, true);
  });
}
