import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * MON-03, CMP-01: pushes that must arrive in order. The 12345 progress and result reports of one work order now go
 * through the gateway's one outbox; the platform must never hear the result before the progress, so a delivery may
 * name a sequence (the order) and its place in it, and the sender holds it while an earlier one of the same sequence
 * is not delivered. Null for every other push. The pushes still waiting in `credit_deliveries` and
 * `work_order_reports` are copied into the outbox on start, not here: their receiver becomes a gateway partner whose
 * secret is sealed under the seal master key, which only the running process holds.
 */
export const migration = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('gateway_deliveries').addColumn('sequence_key', 'text').execute();
    await db.schema.alterTable('gateway_deliveries').addColumn('sequence_no', 'integer').execute();
    await db.schema.createIndex('gateway_deliveries_sequence').on('gateway_deliveries').columns(['sequence_key', 'sequence_no']).execute();
  },
});
