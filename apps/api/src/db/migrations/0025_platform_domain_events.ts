import type { Kysely, Migration } from 'kysely';

/**
 * The domain-event outbox: events written in the transaction of their change, and one delivery row per
 * subscriber that the leased dispatcher works through (retries with backoff, dead letters).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('domain_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('agency_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('domain_events_target').on('domain_events').columns(['target_type', 'target_id']).execute();
    await db.schema
      .createTable('event_deliveries')
      .addColumn('event_id', 'text', (c) => c.notNull().references('domain_events.id'))
      .addColumn('subscriber', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('done_at', 'text')
      .addPrimaryKeyConstraint('event_deliveries_pk', ['event_id', 'subscriber'])
      .execute();
    // The dispatcher's scan: pending deliveries in due order.
    await db.schema.createIndex('event_deliveries_due').on('event_deliveries').columns(['status', 'next_attempt_at']).execute();
  },
};
