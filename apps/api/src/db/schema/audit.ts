import type { Insertable, Selectable, Updateable } from 'kysely';

// The enforcement record (append-only; the database refuses UPDATE and DELETE). Conventions: see ../schema.ts.

export interface AuditEventTable {
  id: string;
  chain_id: string;
  seq: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_agency_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  outcome: 'success' | 'failure' | 'denied';
  source_ip: string | null;
  request_id: string | null;
  policy_version: string | null;
  change_digest: string;
  details: string;
  prev_hash: string;
  hash: string;
}
export type AuditEvent = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type AuditEventUpdate = Updateable<AuditEventTable>;

export interface AuditChainHeadTable {
  chain_id: string;
  last_seq: number;
  last_hash: string;
  updated_at: string;
}
export type AuditChainHead = Selectable<AuditChainHeadTable>;
export type NewAuditChainHead = Insertable<AuditChainHeadTable>;
export type AuditChainHeadUpdate = Updateable<AuditChainHeadTable>;

export interface AuditTables {
  audit_events: AuditEventTable;
  audit_chain_heads: AuditChainHeadTable;
}
