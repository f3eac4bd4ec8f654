import type { Executor } from '../../../db/database.ts';
import type { UnitTable } from '../../../db/schema.ts';
import type { AppContext } from '../../../platform/context.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import type { Audit } from '../../../platform/transact.ts';
import { unitDefaults } from '../units.repository.ts';

/** What licensing knows of the applicant's unit when its permit is granted. */
export interface ApplicationUnitInput {
  applicationId: string;
  usci: string;
  name: string;
  address: string;
  regionCode: string;
  agencyId: string;
  venueKind: string | null;
  floorArea: number | null;
  ownerUserId: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

/**
 * SUP-01: a granted opening permit enters its unit in the directory of the handling agency, inside the
 * licensing transaction that grants it (the unit and the permit commit together). A unit already in the
 * directory is left as it is. A new one gets the agency's `units.defaults` levels, and its record event
 * names that policy version. Two permits of one unit decided at the same moment: the insert gives way
 * on the USCI's unique index and the second finds the first's row.
 */
export async function enterUnitFromApplication(
  trx: Executor,
  deps: AppContext,
  audit: Audit,
  input: ApplicationUnitInput,
): Promise<{ id: string; created: boolean }> {
  const found = await trx.selectFrom('units').select('id').where('usci', '=', input.usci).executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const agency = await agencyById(trx, input.agencyId);
  if (!agency) throw new Error(`unit of unknown agency ${input.agencyId}`);
  const now = deps.now();
  const defaults = await unitDefaults(trx, agency, now);
  const nowIso = now.toISOString();
  const row: UnitTable = {
    id: uuidv7(now.getTime()),
    usci: input.usci,
    name: input.name,
    address: input.address,
    region_code: input.regionCode,
    agency_id: agency.id,
    agency_path: agency.path,
    venue_kind: input.venueKind,
    floor_area: input.floorArea,
    key_unit: 0,
    risk_level: defaults.values.riskLevel,
    credit_level: defaults.values.creditLevel,
    owner_user_id: input.ownerUserId,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    created_at: nowIso,
    updated_at: nowIso,
    self_commitment: 0,
    last_fire_on: null,
    responsible_name: null,
    responsible_key: null,
    manager_name: null,
    manager_key: null,
    lat: null,
    lng: null,
    position_set_at: null,
  };
  const r = await trx
    .insertInto('units')
    .values(row)
    .onConflict((oc) => oc.column('usci').doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) {
    const again = await trx.selectFrom('units').select('id').where('usci', '=', input.usci).executeTakeFirstOrThrow();
    return { id: again.id, created: false };
  }
  await audit({
    action: 'unit.create',
    targetType: 'unit',
    targetId: row.id,
    after: row,
    details: { source: 'application', application: input.applicationId },
    policyVersion: defaults.versionKey,
  });
  return { id: row.id, created: true };
}
