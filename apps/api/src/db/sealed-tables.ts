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
};
