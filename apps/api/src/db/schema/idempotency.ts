import type { Insertable, Selectable, Updateable } from 'kysely';

// Idempotency-Key records of mutating public endpoints. Conventions: see ../schema.ts.

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status: 'in_progress' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}
export type IdempotencyKey = Selectable<IdempotencyKeyTable>;
export type NewIdempotencyKey = Insertable<IdempotencyKeyTable>;
export type IdempotencyKeyUpdate = Updateable<IdempotencyKeyTable>;

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeyTable;
}
