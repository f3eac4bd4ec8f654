import type { TSchema } from 'typebox';

/** A legal basis: the document (number or title) and, where there is one, the clause. */
export interface LegalBasis {
  document: string;
  clause?: string;
}

export type AgencyLevel = 'corps' | 'detachment' | 'brigade';

/** One field of a policy kind: its meaning for people, and its national default with the law behind it. */
export interface PolicyFieldDef {
  label: string;
  help?: string;
  legalBasis: LegalBasis;
}

export interface PolicyKindDef<V extends Record<string, unknown> = Record<string, unknown>> {
  kind: string;
  title: string;
  description: string;
  schema: TSchema;
  nationalDefault: V;
  fields: Record<keyof V & string, PolicyFieldDef>;
}

/** A stored override: some fields of one kind for one agency, valid from a date, with its legal basis. */
export interface PolicyVersion {
  id: string;
  kind: string;
  agencyId: string;
  version: number;
  effectiveFrom: string;
  /** Exclusive end, if the version was withdrawn for later dates. */
  effectiveTo: string | null;
  values: Record<string, unknown>;
  legalBasis: LegalBasis;
  note?: string | null;
}

export interface AgencyRef {
  id: string;
  name: string;
  level: AgencyLevel;
  regionCode: string;
}

export type Provenance =
  | { source: 'national'; legalBasis: LegalBasis }
  | {
      source: 'agency';
      agencyId: string;
      agencyName: string;
      level: AgencyLevel;
      regionCode: string;
      versionId: string;
      version: number;
      effectiveFrom: string;
      legalBasis: LegalBasis;
    };

export interface ResolvedPolicy<V = Record<string, unknown>> {
  kind: string;
  at: string;
  values: V;
  provenance: Record<string, Provenance>;
  /** Identifies exactly which versions produced these values; decisions store it. */
  versionKey: string;
}
