import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Fire incidents (FIR-01 … FIR-03): the incident with its tier chosen by rule, its conditions and the policy version,
 * the scene sealing and each change of its scope, the loss declared online, the determination and the review by the
 * next-higher agency (JSON documents read through incidents.columns.ts).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('incidents')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('unit_usci', text)
      .addColumn('unit_name', text)
      .addColumn('place', text, (c) => c.notNull())
      .addColumn('reported_at', text, (c) => c.notNull())
      .addColumn('extinguished_at', text, (c) => c.notNull())
      .addColumn('tier', text, (c) => c.notNull())
      .addColumn('conditions_json', json, (c) => c.notNull())
      .addColumn('failing_json', json, (c) => c.notNull())
      .addColumn('investigators_json', json, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('sealing_status', text, (c) => c.notNull())
      .addColumn('sealed_areas_json', json, (c) => c.notNull())
      .addColumn('sealed_photo_ids_json', json, (c) => c.notNull())
      .addColumn('sealed_at', text)
      .addColumn('sealing_lifted_at', text)
      .addColumn('determination_clock_id', text)
      .addColumn('declaration_clock_id', text)
      .addColumn('declared_loss', 'integer')
      .addColumn('declared_note', text)
      .addColumn('declared_at', text)
      .addColumn('cause', text)
      .addColumn('determined_at', text)
      .addColumn('served_at', text)
      .addColumn('review_last_day', text)
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('incidents_scope').on('incidents').columns(['agency_path', 'created_at']).execute();
    await db.schema.createIndex('incidents_unit').on('incidents').columns(['unit_usci']).execute();
    await db.schema
      .createTable('incident_sealing_changes')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('incident_id', text, (c) => c.notNull().references('incidents.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('areas_json', json, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('actor_user_id', text)
      .addUniqueConstraint('incident_sealing_changes_seq', ['incident_id', 'seq'])
      .execute();
    await db.schema
      .createTable('incident_reviews')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('incident_id', text, (c) => c.notNull().references('incidents.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('applicant_user_id', text)
      .addColumn('applied_at', text, (c) => c.notNull())
      .addColumn('reasons', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('accept_clock_id', text)
      .addColumn('file_clock_id', text)
      .addColumn('decision_clock_id', text)
      .addColumn('accepted_at', text)
      .addColumn('outcome', text)
      .addColumn('decision_reasons', text)
      .addColumn('decided_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      // Once only (复核以一次为限): one review per incident.
      .addUniqueConstraint('incident_reviews_once', ['incident_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('incident_reviews').execute();
    await db.schema.dropTable('incident_sealing_changes').execute();
    await db.schema.dropTable('incidents').execute();
  },
});
