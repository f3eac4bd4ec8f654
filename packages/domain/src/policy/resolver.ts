import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { validationMessage } from './labels.ts';
import type { AgencyRef, PolicyKindDef, PolicyVersion, Provenance, ResolvedPolicy } from './types.ts';

/** The version of one agency's override that is in force on `at` (YYYY-MM-DD), if any. */
export function versionInForce(rows: readonly PolicyVersion[], at: string): PolicyVersion | undefined {
  let best: PolicyVersion | undefined;
  for (const r of rows) {
    if (r.effectiveFrom > at) continue;
    if (r.effectiveTo !== null && r.effectiveTo <= at) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.version > best.version)) best = r;
  }
  return best;
}

/**
 * Resolves one policy kind for an agency on a date: national default first, then each agency of the
 * chain from the top (corps → detachment → brigade) lays its override in force over it. A field absent
 * or null in an override inherits. Every value carries where it came from.
 */
export function resolvePolicy<V extends Record<string, unknown>>(
  def: PolicyKindDef<V>,
  chain: readonly AgencyRef[],
  rows: readonly PolicyVersion[],
  at: string,
): ResolvedPolicy<V> {
  const values: Record<string, unknown> = structuredClone(def.nationalDefault);
  const provenance: Record<string, Provenance> = {};
  for (const field of Object.keys(def.fields)) {
    provenance[field] = { source: 'national', legalBasis: def.fields[field as keyof V & string].legalBasis };
  }
  const applied: string[] = [];
  for (const agency of chain) {
    const v = versionInForce(
      rows.filter((r) => r.kind === def.kind && r.agencyId === agency.id),
      at,
    );
    if (!v) continue;
    let used = false;
    for (const [field, value] of Object.entries(v.values)) {
      if (value === null || value === undefined || !(field in def.fields)) continue;
      values[field] = structuredClone(value);
      provenance[field] = {
        source: 'agency',
        agencyId: agency.id,
        agencyName: agency.name,
        level: agency.level,
        regionCode: agency.regionCode,
        versionId: v.id,
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        legalBasis: v.legalBasis,
      };
      used = true;
    }
    if (used) applied.push(`${agency.regionCode}v${v.version}`);
  }
  const versionKey = `${def.kind}@${['national', ...applied].join('+')}`;
  return { kind: def.kind, at, values: values as V, provenance, versionKey };
}

export interface OverrideProblem {
  path: string;
  message: string;
}

/** Checks an override's values: only known fields, each of the kind's schema. Null means "inherit". */
export function validateOverride(def: PolicyKindDef, values: Record<string, unknown>): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  const keys = Object.keys(values);
  if (keys.length === 0) problems.push({ path: '/', message: '至少需要覆盖一个参数' });
  const props = (def.schema as unknown as { properties: Record<string, unknown> }).properties;
  for (const k of keys) {
    if (!(k in def.fields)) {
      problems.push({ path: `/${k}`, message: `未知参数 ${k}` });
      continue;
    }
    const v = values[k];
    if (v === null) continue;
    const fieldSchema = Type.Object({ [k]: props[k] as never });
    const label = def.fields[k]?.label ?? k;
    const seen = new Set<string>();
    for (const e of Value.Errors(fieldSchema, { [k]: v })) {
      // A choice (anyOf of consts) fails once per option: one message per place is enough for a person.
      const message = `${label}：${validationMessage(e.keyword, e.params as Record<string, unknown>)}`;
      const path = e.instancePath || `/${k}`;
      if (seen.has(`${path} ${message}`)) continue;
      seen.add(`${path} ${message}`);
      problems.push({ path, message });
    }
  }
  return problems;
}
