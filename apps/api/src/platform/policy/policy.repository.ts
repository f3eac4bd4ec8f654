import { getPolicyKind, POLICY_KIND_IDS, type PolicyVersion, type ResolvedPolicy, resolvePolicy } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { PolicyVersionTable } from '../../db/schema.ts';
import { type Agency, agencyChain } from '../org/agencies.repository.ts';

export function toPolicyVersion(r: PolicyVersionTable): PolicyVersion {
  return {
    id: r.id,
    kind: r.kind,
    agencyId: r.agency_id,
    version: r.version,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    values: JSON.parse(r.values_json) as Record<string, unknown>,
    legalBasis: { document: r.legal_document, ...(r.legal_clause ? { clause: r.legal_clause } : {}) },
    note: r.note,
  };
}

/**
 * Resolves policy kinds for an agency on a date. Use cases call this and store `versionKey` with the
 * decision that used it.
 */
export async function resolveForAgency(db: Executor, agency: Agency, at: string, kinds: readonly string[] = POLICY_KIND_IDS): Promise<ResolvedPolicy[]> {
  const chain = await agencyChain(db, agency);
  const rows = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where(
      'agency_id',
      'in',
      chain.map((a) => a.id),
    )
    .where('kind', 'in', [...kinds])
    .execute();
  const versions = rows.map(toPolicyVersion);
  return kinds.map((k) => {
    const def = getPolicyKind(k);
    if (!def) throw new Error(`unknown policy kind ${k}`);
    return resolvePolicy(def, chain, versions, at);
  });
}
