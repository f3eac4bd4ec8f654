import type { LicenceTable } from '../apps/api/src/db/schema.ts';

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
