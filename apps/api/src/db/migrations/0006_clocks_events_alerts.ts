import type { Kysely, Migration } from 'kysely';

/** Statutory clocks, their pause/extend history and the alerts the sweep has raised. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('clocks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('warn_before', 'integer', (c) => c.notNull())
      .addColumn('legal_document', 'text', (c) => c.notNull())
      .addColumn('legal_clause', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('due_at', 'text')
      .addColumn('due_soon_at', 'text')
      .addColumn('provisional', 'integer', (c) => c.notNull())
      .addColumn('alert_state', 'text', (c) => c.notNull())
      .addColumn('policy_version', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('clocks_due').on('clocks').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('clocks_agency_path').on('clocks').column('agency_path').execute();
    await db.schema.createIndex('clocks_target').on('clocks').columns(['target_type', 'target_id']).execute();

    await db.schema
      .createTable('clock_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('clock_id', 'text', (c) => c.notNull().references('clocks.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('amount', 'integer')
      .addColumn('reason', 'text')
      .addColumn('actor_user_id', 'text')
      .addUniqueConstraint('clock_events_clock_seq', ['clock_id', 'seq'])
      .execute();

    // One row per clock and alert kind: the primary key is what makes the sweep raise an alert once,
    // even if two processes race past the lease.
    await db.schema
      .createTable('clock_alerts')
      .addColumn('clock_id', 'text', (c) => c.notNull().references('clocks.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('clock_alerts_pk', ['clock_id', 'kind'])
      .execute();
  },
};
