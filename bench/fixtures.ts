import { completeUsci } from '@fep/domain';
import type { Kysely } from 'kysely';
import type { DB, LicenceTable, UnitTable } from '../apps/api/src/db/schema.ts';
import { uuidv7 } from '../apps/api/src/platform/ids.ts';

const USCI_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * `n` generated units named 压测单位<k> with valid, deterministic USCIs, spread round-robin over `agencies`, inserted in
 * pages of 1,000; returns the USCIs in order (a unit already present keeps its row).
 */
export async function generateUnits(db: Kysely<DB>, agencies: readonly { id: string; path: string; region_code: string }[], n: number): Promise<string[]> {
  const uscis: string[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < n; i += 1000) {
    const rows: UnitTable[] = [];
    for (let k = i; k < Math.min(n, i + 1000); k++) {
      let body = '';
      let x = k * 2654435761;
      for (let j = 0; j < 9; j++) {
        body += USCI_CHARS[x % 31];
        x = Math.floor(x / 31) + j * 7919;
      }
      const usci = completeUsci(`92211000${body}`);
      const a = agencies[k % agencies.length]!;
      uscis.push(usci);
      rows.push({
        id: uuidv7(),
        usci,
        name: `压测单位${k}`,
        address: `白塔区测试路${k % 999}号`,
        region_code: a.region_code,
        agency_id: a.id,
        agency_path: a.path,
        venue_kind: 'restaurant',
        floor_area: 100 + (k % 5000),
        key_unit: k % 10 === 0 ? 1 : 0,
        risk_level: 'low',
        credit_level: 'A',
        owner_user_id: null,
        contact_name: '张三',
        contact_phone: '13800001234',
        created_at: now,
        updated_at: now,
        self_commitment: 0,
        last_fire_on: null,
        responsible_name: null,
        responsible_key: null,
        manager_name: null,
        manager_key: null,
        lat: null,
        lng: null,
        position_set_at: null,
      });
    }
    await db
      .insertInto('units')
      .values(rows)
      .onConflict((oc) => oc.column('usci').doNothing())
      .execute();
  }
  return uscis;
}

/** A permit row for the render + seal benchmarks (never stored): an agency, its seal key and a number. */
export function benchPermit(agency: { id: string; path: string }, sealKeyId: string, number: string): LicenceTable {
  return {
    id: 'bench',
    number,
    revision: 1,
    verify_code: 'ABCDEFGHJKLM',
    agency_id: agency.id,
    agency_path: agency.path,
    application_id: 'bench',
    applicant_user_id: 'bench',
    usci: '91211002MA0000000X',
    holder_name: '辽阳星光娱乐有限公司',
    legal_representative: '赵刚',
    venue_name: '星光KTV',
    venue_address: '白塔区新运大街8号',
    venue_kind: 'ktv',
    floor_area: 860,
    path: 'inspection',
    issued_on: '2026-11-26',
    status: 'valid',
    superseded_by: null,
    pdf_sha256: '',
    seal_key_id: sealKeyId,
    seal_digest: '',
    qr_signature: '0'.repeat(128),
    revoked_at: null,
    revocation_json: null,
    delivery_json: null,
    policy_version: null,
    created_at: '',
    updated_at: '',
  };
}
