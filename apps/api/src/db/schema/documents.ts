import type { Insertable, Selectable, Updateable } from 'kysely';

// Seal keys and document numbering. Conventions: see ../schema.ts.

export interface SealKeyTable {
  id: string;
  agency_id: string;
  public_key: string;
  private_key_enc: string;
  active: number;
  created_at: string;
}
export type SealKey = Selectable<SealKeyTable>;
export type NewSealKey = Insertable<SealKeyTable>;
export type SealKeyUpdate = Updateable<SealKeyTable>;

export interface DocumentSequenceTable {
  agency_id: string;
  kind: string;
  year: number;
  last: number;
}
export type DocumentSequence = Selectable<DocumentSequenceTable>;
export type NewDocumentSequence = Insertable<DocumentSequenceTable>;
export type DocumentSequenceUpdate = Updateable<DocumentSequenceTable>;

/** Attempts of a public look-up per key and window (办件查询 limits). */
export interface AttemptCounterTable {
  key: string;
  window_start: string;
  count: number;
}

export interface DocumentsTables {
  attempt_counters: AttemptCounterTable;
  seal_keys: SealKeyTable;
  document_sequences: DocumentSequenceTable;
}
