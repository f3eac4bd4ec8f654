import {
  type ApprovalPolicy,
  type CheckItemsPolicy,
  type CommitmentPolicy,
  chinaDateOf,
  type ExemptionPolicy,
  type InspectionPathPolicy,
  type LicensingNumberingPolicy,
  type MaterialsPolicy,
  type PendingDocumentsPolicy,
  type Provenance,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { type Agency, findAgency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/** The licensing policy in force for an agency on a date, with the version keys decisions store. */
export interface LicensingPolicy {
  exemption: ExemptionPolicy;
  commitment: CommitmentPolicy;
  inspection: InspectionPathPolicy;
  approval: ApprovalPolicy;
  pending: PendingDocumentsPolicy;
  materials: MaterialsPolicy;
  checkItems: CheckItemsPolicy;
  /** The form of the application reference and permit numbers. */
  numbering: LicensingNumberingPolicy;
  versions: Record<string, string>;
  /** Where each value came from (national default or an agency's version), with its legal basis. */
  provenance: Record<string, Record<string, Provenance>>;
  at: string;
}

export type LicensingPolicyKind = (typeof KINDS)[keyof typeof KINDS];

/**
 * The legal basis of one policy value as resolved: a Guangdong 5-working-day check cites the Guangdong
 * document that set it, the national default cites the law (e.g. 消防法 art. 15).
 */
export function basisOf(p: LicensingPolicy, kind: LicensingPolicyKind, field: string): { document: string; clause?: string } {
  const b = p.provenance[kind]?.[field]?.legalBasis;
  if (!b) throw new Error(`no provenance for ${kind}.${field}`);
  return { document: b.document, ...(b.clause ? { clause: b.clause } : {}) };
}

const KINDS = {
  exemption: 'licensing.exemption',
  commitment: 'licensing.commitment',
  inspection: 'licensing.inspection',
  approval: 'licensing.approval',
  pending: 'licensing.pending_documents',
  materials: 'licensing.materials',
  checkItems: 'licensing.check_items',
  numbering: 'licensing.numbering',
} as const;

export async function licensingPolicy(db: Executor, agency: Agency, now: Date): Promise<LicensingPolicy> {
  const at = chinaDateOf(now);
  const resolved = await resolveForAgency(db, agency, at, Object.values(KINDS));
  const out: Record<string, unknown> = { versions: {}, provenance: {}, at };
  for (const [key, kind] of Object.entries(KINDS)) {
    const r = resolved.find((p) => p.kind === kind)!;
    out[key] = r.values;
    (out.versions as Record<string, string>)[kind] = r.versionKey;
    (out.provenance as Record<string, unknown>)[kind] = r.provenance;
  }
  return out as unknown as LicensingPolicy;
}

/**
 * The agency that handles an application for a venue in `regionCode`: the agency of the region (or the
 * nearest above it), moved up the tree when the region's policy sets the approval authority higher
 * (e.g. a city detachment).
 */
export async function handlingAgency(db: Executor, regionCode: string, now: Date): Promise<{ agency: Agency; policy: LicensingPolicy }> {
  let agency = await findAgency(db, regionCode);
  if (!agency) throw new AppError('LICENSING.INVALID_APPLICATION', '场所所在地不在本平台服务的辖区内', { field: 'regionCode' });
  let policy = await licensingPolicy(db, agency, now);
  const rank = { corps: 0, detachment: 1, brigade: 2 } as const;
  while (rank[agency.level] > rank[policy.approval.authorityLevel] && agency.parent_id) {
    const parent = await db.selectFrom('agencies').selectAll().where('id', '=', agency.parent_id).executeTakeFirstOrThrow();
    agency = parent;
    policy = await licensingPolicy(db, agency, now);
  }
  return { agency, policy };
}

/** Whether the region offers the commitment path (LIC-03). */
export function commitmentOffered(p: LicensingPolicy): boolean {
  return p.commitment.enabled && p.commitment.scope !== 'none';
}
