import type { Generated, Selectable } from 'kysely';

// The partner gateway (MON-03): tables of platform/partners.
// Conventions: see ../schema.ts.

export type PartnerKind = 'unified_portal' | 'elicence_sharing' | 'random_inspection' | 'evaluation_system' | 'credit_platform' | 'hotline_12345';

export interface GatewayPartnerTable {
  id: string;
  kind: PartnerKind;
  name: string;
  /** The partner's public key id (header x-partner-key). */
  key_id: string;
  /** The signing secret, SM4-sealed under the seal master key (needed in clear to check and make signatures). */
  secret_enc: string;
  /** JSON array of scopes (PARTNER_SCOPES). */
  scopes_json: string;
  callback_url: string | null;
  agency_id: string | null;
  /** The area the partner serves (its agency's materialised path); null: the whole country. */
  agency_path: string | null;
  status: 'active' | 'revoked';
  /**
   * SHA-256 fingerprint of the partner's client certificate (64 lowercase hex, migration 0771): set, the partner
   * authenticates by mutual TLS behind the trusted proxy instead of signed requests; null, by signature.
   */
  client_cert_sha256: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface GatewayNonceTable {
  partner_id: string;
  nonce: string;
  seen_at: string;
}

export interface GatewayInboundLogTable {
  id: string;
  partner_id: string | null;
  method: string;
  path: string;
  outcome: 'accepted' | 'refused';
  code: string | null;
  reason: string | null;
  ip: string | null;
  at: string;
}

export type DeliveryStatus = 'pending' | 'failed' | 'delivered' | 'dead';

export interface GatewayDeliveryTable {
  id: string;
  partner_id: string;
  /** What is pushed (DELIVERY_TOPICS): portal.application_status, elicence.changed, random_inspection.result, evaluation.submitted. */
  topic: string;
  /** One delivery per partner and fact (the event id and what it is about): a retried subscriber queues nothing twice. */
  dedupe_key: string;
  /** What the delivery is about, for the log (a reference number, a permit number, a task). */
  subject: string;
  /** The agency whose fact it tells: the delivery log is read in the administrator's scope. */
  agency_path: string;
  payload_json: string;
  status: DeliveryStatus;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string;
  /** The last moment the law allows for this push (双随机 results: 20 days after the check), or null. */
  due_at: string | null;
  due_basis: string | null;
  last_error: string | null;
  last_http_status: number | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** Pushes that must arrive in order (a 12345 work order's reports): the sequence, and the place in it; else null. */
  sequence_key: string | null;
  sequence_no: number | null;
}

export interface GatewayDeliveryAttemptTable {
  id: string;
  delivery_id: string;
  attempt: number;
  /** 'send' (the sender tried) or 'replay' (an administrator put the delivery back in line). */
  kind: 'send' | 'replay';
  outcome: 'delivered' | 'failed' | 'dead' | 'requeued';
  http_status: number | null;
  error: string | null;
  duration_ms: number | null;
  actor_user_id: string | null;
  at: string;
}

export interface GatewayIdentityTable {
  partner_id: string;
  subject: string;
  user_id: string;
  usci: string;
  created_at: string;
}

export type GatewayPartner = Selectable<GatewayPartnerTable>;
export type GatewayDelivery = Selectable<GatewayDeliveryTable>;
export type GatewayDeliveryAttempt = Selectable<GatewayDeliveryAttemptTable>;

export interface PartnersTables {
  gateway_partners: GatewayPartnerTable;
  gateway_nonces: GatewayNonceTable;
  gateway_inbound_log: GatewayInboundLogTable;
  gateway_deliveries: GatewayDeliveryTable;
  gateway_delivery_attempts: GatewayDeliveryAttemptTable;
  gateway_identities: GatewayIdentityTable;
}
