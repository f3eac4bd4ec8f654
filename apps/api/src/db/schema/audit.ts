import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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

/** A refused request, aggregated per account, route and answered code in a window (platform/audit/refusals.ts). */
export interface SecurityRefusalTable {
  id: string;
  window_start: string;
  actor_user_id: string;
  actor_role: string | null;
  actor_agency_id: string | null;
  agency_path: string | null;
  route: string;
  code: string;
  reason: string;
  count: number;
  first_at: string;
  last_at: string;
  last_target: string | null;
  source_ip: string | null;
  request_id: string | null;
}
export type SecurityRefusal = Selectable<SecurityRefusalTable>;
export type NewSecurityRefusal = Insertable<SecurityRefusalTable>;

/** A checkpoint of the whole record (platform/audit/checkpoints.ts); its line in the outside sink is the authority. */
export interface AuditCheckpointTable {
  seq: number;
  created_at: string;
  leaves: number;
  root: string;
  prev_hash: string;
  signature: string;
  public_key: string;
}
/** A leaf of the latest checkpoint: a chain head (`chain_id`, last seq, last hash) or a row seal (`row:<table>:<id>`, 0, mac). */
export interface AuditCheckpointLeafTable {
  leaf_id: string;
  seq: number;
  hash: string;
}
/** The keyed digest of a business row as the last recorded transaction left it (platform/audit/row-seals.ts). */
export interface AuditRowSealTable {
  table_name: string;
  row_id: string;
  digest: string;
  mac: string;
  sealed_at: string;
}
/** A business row changed and not yet sealed: marked by a trigger with the changing transaction and the row before. */
export interface AuditDirtyRowTable {
  table_name: string;
  row_id: string;
  mark: string;
  old_json: string | null;
  tampered: Generated<number>;
}
export interface AuditTxMarkTable {
  id: number;
  mark: string;
}

export interface AuditTables {
  audit_events: AuditEventTable;
  audit_chain_heads: AuditChainHeadTable;
  security_refusals: SecurityRefusalTable;
  audit_checkpoints: AuditCheckpointTable;
  audit_checkpoint_leaves: AuditCheckpointLeafTable;
  audit_row_seals: AuditRowSealTable;
  audit_dirty_rows: AuditDirtyRowTable;
  audit_tx_mark: AuditTxMarkTable;
}
