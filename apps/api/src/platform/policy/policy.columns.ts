import { POLICY_KIND_IDS, type PolicyKindId, policyKind } from '@fep/domain';
import { type TSchema, Type } from 'typebox';
import { type JsonCodec, jsonColumn } from '../../db/json.ts';

/**
 * `policy_versions.values_json`: an agency's override of one policy kind. Its schema is the kind's own
 * (packages/domain policy kinds), as an override: only the kind's fields, each optional, null meaning
 * "inherit" (the same rule `validateOverride` applies to a new version, with its Chinese messages). One
 * codec per kind, compiled once.
 */
const POLICY_VALUES = new Map<string, JsonCodec<Record<string, unknown>>>(
  POLICY_KIND_IDS.map((kind) => {
    const props = (policyKind(kind).schema as unknown as { properties: Record<string, TSchema> }).properties;
    const override = Type.Object(Object.fromEntries(Object.entries(props).map(([field, s]) => [field, Type.Optional(Type.Union([s, Type.Null()]))])), {
      additionalProperties: false,
      minProperties: 1,
    });
    return [kind, jsonColumn(`policy_versions.values_json (${kind})`, override) as JsonCodec<Record<string, unknown>>];
  }),
);

/** The codec of one kind's values; an unknown kind has none (its versions cannot be read or written). */
export function policyValues(kind: PolicyKindId | string): JsonCodec<Record<string, unknown>> {
  const codec = POLICY_VALUES.get(kind);
  if (!codec) throw new Error(`policy_versions.values_json: unknown policy kind ${kind}`);
  return codec;
}
