import { type PolicyKindId, type PolicyValueMap, policyKind } from './kinds.ts';
import { JURISDICTION_PRESETS } from './presets.ts';
import { resolvePolicy } from './resolver.ts';
import type { AgencyRef, PolicyVersion, ResolvedPolicy } from './types.ts';

/**
 * The five source jurisdictions' agency chains and preset rows, for table-driven tests of rules that
 * take resolved policy (the API resolves the same rows from the database).
 */
const agency = (regionCode: string, level: AgencyRef['level']): AgencyRef => ({ id: `a${regionCode}`, name: `机构${regionCode}`, level, regionCode });
export const PRESET_CHAINS: Record<string, AgencyRef[]> = {
  '360102': [agency('360000', 'corps'), agency('360100', 'detachment'), agency('360102', 'brigade')],
  '440106': [agency('440000', 'corps'), agency('440100', 'detachment'), agency('440106', 'brigade')],
  '150102': [agency('150000', 'corps'), agency('150100', 'detachment'), agency('150102', 'brigade')],
  '211002': [agency('210000', 'corps'), agency('211000', 'detachment'), agency('211002', 'brigade')],
  '210502': [agency('210000', 'corps'), agency('210500', 'detachment'), agency('210502', 'brigade')],
};
export const PRESET_ROWS: PolicyVersion[] = JURISDICTION_PRESETS.map((p, i) => ({
  id: `p${i}`,
  kind: p.kind,
  agencyId: `a${p.regionCode}`,
  version: 1,
  effectiveFrom: p.effectiveFrom,
  effectiveTo: null,
  values: p.values,
  legalBasis: p.legalBasis,
  note: p.note,
}));

export function resolvePreset<K extends PolicyKindId>(
  kind: K,
  county: string,
  extra: PolicyVersion[] = [],
  at = '2026-11-23',
): ResolvedPolicy<PolicyValueMap[K]> {
  const chain = PRESET_CHAINS[county];
  if (!chain) throw new Error(`no preset chain for ${county}`);
  return resolvePolicy(policyKind(kind), chain, [...PRESET_ROWS, ...extra], at);
}
