import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Temporary seals (临时查封, ENF-05) and the party's online requests on them (enter to rectify, lift,
 * re-inspection, resumption). Photos, the map point, the collective discussion's participants and the
 * officers are JSON documents (jsonb on PostgreSQL, read through their codecs in enforcement.columns.ts).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('enforcement_seals')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('number', text)
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('case_id', text, (c) => c.references('enforcement_cases.id'))
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('unit_name', text, (c) => c.notNull())
      .addColumn('situation', text, (c) => c.notNull())
      .addColumn('scope', text, (c) => c.notNull())
      .addColumn('photo_ids_json', json, (c) => c.notNull())
      .addColumn('map_point_json', json)
      .addColumn('inspected_on', text, (c) => c.notNull())
      .addColumn('term_days', 'integer', (c) => c.notNull())
      .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('oral_approval', text)
      .addColumn('confirm_by', text)
      .addColumn('officer_ids_json', json, (c) => c.notNull())
      .addColumn('collective_record', text)
      .addColumn('collective_participants_json', json)
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('start_date', text)
      .addColumn('end_date', text)
      .addColumn('extended_days', 'integer')
      .addColumn('extension_reason', text)
      .addColumn('extended_by', text)
      .addColumn('extended_at', text)
      .addColumn('service_method', text)
      .addColumn('served_on', text)
      .addColumn('lift_reason', text)
      .addColumn('lifted_by', text)
      .addColumn('lifted_at', text)
      .addColumn('expired_at', text)
      .addColumn('term_clock_id', text)
      .addColumn('service_clock_id', text)
      .addColumn('confirm_clock_id', text)
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('enforcement_seals_number', ['agency_id', 'number'])
      .execute();
    await db.schema.createIndex('enforcement_seals_path').on('enforcement_seals').columns(['agency_path', 'created_at']).execute();
    await db.schema.createIndex('enforcement_seals_usci').on('enforcement_seals').columns(['usci', 'created_at']).execute();
    await db.schema.createIndex('enforcement_seals_case').on('enforcement_seals').columns(['case_id', 'created_at']).execute();
    // The end-of-term sweep: seals in force by end date, emergency seals by their confirmation deadline.
    await db.schema.createIndex('enforcement_seals_term').on('enforcement_seals').columns(['status', 'end_date']).execute();
    await db.schema.createIndex('enforcement_seals_confirm').on('enforcement_seals').columns(['status', 'confirm_by']).execute();
    await db.schema
      .createTable('enforcement_seal_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('seal_id', text, (c) => c.notNull().references('enforcement_seals.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', text, (c) => c.notNull())
      .addColumn('photo_ids_json', json, (c) => c.notNull())
      .addColumn('submitted_by', text)
      .addColumn('submitted_at', text, (c) => c.notNull())
      .addColumn('task_id', text)
      .addColumn('inspection_clock_id', text)
      .addColumn('decision_clock_id', text)
      .addColumn('inspection_passed', 'integer')
      .addColumn('inspection_findings', text)
      .addColumn('inspected_by', text)
      .addColumn('inspected_at', text)
      .addColumn('outcome', text)
      .addColumn('decision_reason', text)
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('enforcement_seal_requests_seal').on('enforcement_seal_requests').columns(['seal_id', 'submitted_at']).execute();
  },
});
