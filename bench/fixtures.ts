import { completeUsci, POLICY_KINDS, recordPoints, VENUE_KINDS } from '@fep/domain';
import type { Kysely } from 'kysely';
import type { DB, LicenceTable, UnitTable } from '../apps/api/src/db/schema.ts';
import { uuidv7 } from '../apps/api/src/platform/ids.ts';
import { seededRandom } from '../apps/api/src/platform/seeded-random.ts';

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

/** A seeded PRNG, so generated data and its ground truth are the same on every run. */
export const prng = seededRandom;

/**
 * `count` units of one agency, each with 1–3 credit records (seeded) and a stale standing (level D under a
 * policy version that no longer holds), bulk-inserted 500 at a time: the store a nightly recomputation finds
 * after a policy version takes effect (its worst night). Used by the credit and the levels benchmarks.
 */
export async function seedStaleCreditUnits(
  db: Kysely<DB>,
  agency: { id: string; path: string; region_code: string },
  count: number,
  nowIso: string,
): Promise<void> {
  const national = { deductions: POLICY_KINDS['credit.deductions'].nationalDefault, levels: POLICY_KINDS['credit.levels'].nationalDefault };
  const r = prng(424242);
  const kinds = ['penalty', 'false_commitment', 'order_overdue', 'reward'] as const;
  for (let i = 0; i < count; i += 500) {
    const units = [];
    const records = [];
    const standings = [];
    for (let k = i; k < Math.min(count, i + 500); k++) {
      const usci = `91211002B${String(k).padStart(8, '0')}X`;
      units.push({
        id: uuidv7(),
        usci,
        name: `基准单位${k}`,
        address: `白塔区基准路${k % 999}号`,
        region_code: agency.region_code,
        agency_id: agency.id,
        agency_path: agency.path,
        venue_kind: VENUE_KINDS[k % VENUE_KINDS.length]!,
        floor_area: 100 + (k % 5000),
        key_unit: k % 10 === 0 ? 1 : 0,
        risk_level: 'low' as const,
        credit_level: 'A' as const,
        owner_user_id: null,
        contact_name: '张三',
        contact_phone: '13800001234',
        created_at: nowIso,
        updated_at: nowIso,
        self_commitment: 0,
        last_fire_on: null,
        responsible_name: null,
        responsible_key: null,
        manager_name: null,
        manager_key: null,
      });
      for (let j = 0, n = 1 + Math.floor(r() * 3); j < n; j++) {
        const kind = kinds[Math.floor(r() * kinds.length)]!;
        const on = `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
        records.push({
          id: uuidv7(),
          usci,
          agency_id: agency.id,
          kind,
          severity: 'general' as const,
          points: recordPoints(national.deductions, national.levels, kind, 'general'),
          reason: '基准测试',
          source_type: 'bench',
          source_id: `${usci}-${j}`,
          occurred_at: `${on}T02:00:00.000Z`,
          on_date: on,
          policy_version: null,
          subject_name: `基准单位${k}`,
        });
      }
      standings.push({
        usci,
        agency_id: agency.id,
        agency_path: agency.path,
        subject_name: `基准单位${k}`,
        score: 0,
        level: 'D' as const,
        blacklisted: 0,
        explanation_json: '{"rule":"","scoreLevel":"D","blacklistReasons":[],"counted":[]}',
        risk_score: 0,
        risk_level: 'low' as const,
        risk_factors_json: '[]',
        policy_version: 'stale',
        version: 0,
        computed_at: nowIso,
      });
    }
    await db.insertInto('units').values(units).execute();
    await db.insertInto('credit_events').values(records).execute();
    await db.insertInto('credit_standings').values(standings).execute();
  }
}
