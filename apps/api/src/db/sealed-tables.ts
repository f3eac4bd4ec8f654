/**
 * Business tables whose rows are sealed (platform/audit/row-seals.ts): a change to one of these columns
 * made outside a recorded transaction is found by `verify`. The columns are the row's legal substance;
 * derived columns a job keeps current without a record (a clock's alert state, timestamps) are left out.
 * A migration creates the marking triggers from this list: a change to it needs a migration.
 */
export const SEALED_TABLES: Record<string, readonly string[]> = {
  clocks: [
    'id',
    'target_type',
    'target_id',
    'title',
    'agency_id',
    'assignee_user_id',
    'unit',
    'amount',
    'legal_document',
    'legal_clause',
    'started_at',
    'status',
    'due_date',
    'due_at',
    'provisional',
    'policy_version',
    'event_seq',
  ],
  // An e-licence's legal substance (migration 0773 creates its triggers; the list must match it).
  licences: [
    'id',
    'number',
    'revision',
    'verify_code',
    'agency_id',
    'application_id',
    'usci',
    'holder_name',
    'legal_representative',
    'venue_name',
    'venue_address',
    'venue_kind',
    'path',
    'issued_on',
    'status',
    'superseded_by',
    'pdf_sha256',
    'seal_key_id',
    'seal_digest',
    'qr_signature',
    'revoked_at',
  ],
};
