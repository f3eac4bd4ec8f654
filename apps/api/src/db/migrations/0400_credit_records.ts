import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Credit records, standings, repair and objection requests, and deliveries to the national credit platform
 * (CRD-01 … CRD-04). `credit_events` gains its life (status with compare-and-set version, severity, the
 * decision day its publicity counts from, the publicity window); `credit_standings` holds each unit's
 * current score, level, list status and risk with their explanation; `credit_level_history` every change of
 * level; `credit_requests` repair and objection requests with their due day; `credit_deliveries` the
 * outbound 双公示 pushes (signed, retried).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    const alter = () => db.schema.alterTable('credit_events');
    await alter()
      .addColumn('severity', text, (c) => c.notNull().defaultTo('general'))
      .execute();
    await alter()
      .addColumn('status', text, (c) => c.notNull().defaultTo('active'))
      .execute();
    await alter()
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await alter().addColumn('on_date', text).execute();
    await alter().addColumn('subject_name', text).execute();
    await alter().addColumn('status_reason', text).execute();
    await alter().addColumn('status_changed_at', text).execute();
    // Records written before this step count from the day of their finding (UTC day of the instant; the
    // sweep recomputes standings from it).
    await sql`update credit_events set on_date = substr(occurred_at, 1, 10) where on_date is null`.execute(db);
    await db.schema.createIndex('credit_events_source').on('credit_events').columns(['source_type', 'source_id']).execute();

    await db.schema
      .createTable('credit_standings')
      .addColumn('usci', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('level', text, (c) => c.notNull())
      .addColumn('blacklisted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('explanation_json', json, (c) => c.notNull())
      .addColumn('risk_score', 'real', (c) => c.notNull())
      .addColumn('risk_level', text, (c) => c.notNull())
      .addColumn('risk_factors_json', json, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('computed_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credit_standings_scope').on('credit_standings').columns(['agency_path', 'level', 'risk_level']).execute();

    await db.schema
      .createTable('credit_level_history')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('level_from', text)
      .addColumn('level_to', text, (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('blacklisted', 'integer', (c) => c.notNull())
      .addColumn('cause', text, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credit_level_history_usci').on('credit_level_history').columns(['usci', 'at']).execute();

    await db.schema
      .createTable('credit_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('record_id', text, (c) => c.notNull().references('credit_events.id'))
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('evidence_json', json, (c) => c.notNull())
      .addColumn('conditions_json', json, (c) => c.notNull())
      .addColumn('due_on', text, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('submitted_by', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('decision_reason', text)
      .execute();
    await db.schema.createIndex('credit_requests_queue').on('credit_requests').columns(['agency_path', 'status', 'created_at']).execute();
    await db.schema.createIndex('credit_requests_usci').on('credit_requests').columns(['usci', 'created_at']).execute();
    // One open request per record and kind: a double click does not file two.
    await sql`create unique index credit_requests_open on credit_requests (record_id, kind) where status = 'pending'`.execute(db);

    await db.schema
      .createTable('credit_deliveries')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('record_id', text, (c) => c.notNull().references('credit_events.id'))
      .addColumn('action', text, (c) => c.notNull())
      .addColumn('payload_json', json, (c) => c.notNull())
      .addColumn('signature', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', text)
      .addColumn('next_attempt_at', text, (c) => c.notNull())
      .addColumn('delivered_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credit_deliveries_due').on('credit_deliveries').columns(['status', 'next_attempt_at']).execute();
  },
});
