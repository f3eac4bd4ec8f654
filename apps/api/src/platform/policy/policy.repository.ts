import { getPolicyKind, POLICY_KIND_IDS, type PolicyVersion, type ResolvedPolicy, resolvePolicy } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { PolicyVersionTable } from '../../db/schema.ts';
import { bumpReferenceVersion, cacheHolder, forgetVersions, referenceVersion } from '../cache.ts';
import { type Agency, agencyChain } from '../org/agencies.repository.ts';
import { policyValues } from './policy.columns.ts';

export function toPolicyVersion(r: PolicyVersionTable): PolicyVersion {
  return {
    id: r.id,
    kind: r.kind,
    agencyId: r.agency_id,
    version: r.version,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    values: policyValues(r.kind).decode(r.values_json)!,
    legalBasis: { document: r.legal_document, ...(r.legal_clause ? { clause: r.legal_clause } : {}) },
    note: r.note,
  };
}

type Cache = Map<string, { version: number; resolved: ResolvedPolicy[] }>;
const caches = new WeakMap<object, Cache>();
const MAX_ENTRIES = 5000;

/**
 * Resolves policy kinds for an agency on a date. Use cases call this and store `versionKey` with the
 * decision that used it. Outside a transaction the answer is cached per process by the policy version
 * counter (platform/cache.ts): a version created in this process is used at once, one created in
 * another process within a second; a transaction that created a policy version reads afresh.
 */
export async function resolveForAgency(db: Executor, agency: Agency, at: string, kinds: readonly string[] = POLICY_KIND_IDS): Promise<ResolvedPolicy[]> {
  const holder = cacheHolder(db, 'policy');
  if (!holder) return resolveUncached(db, agency, at, kinds);
  let cache = caches.get(holder);
  if (!cache) {
    cache = new Map();
    caches.set(holder, cache);
  }
  const version = await referenceVersion(db, 'policy');
  const key = `${agency.id}|${agency.path}|${at}|${kinds.join(',')}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.resolved;
  const resolved = await resolveUncached(db, agency, at, kinds);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { version, resolved });
  return resolved;
}

/** Marks a new policy version, inside its transaction. */
export function bumpPolicyVersion(trx: Executor): Promise<void> {
  return bumpReferenceVersion(trx, 'policy');
}

/** After a policy version committed in this process: the next resolution re-checks at once. */
export function invalidatePolicies(): void {
  forgetVersions('policy');
}

async function resolveUncached(db: Executor, agency: Agency, at: string, kinds: readonly string[]): Promise<ResolvedPolicy[]> {
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
