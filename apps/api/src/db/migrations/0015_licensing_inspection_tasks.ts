import type { Kysely, Migration } from 'kysely';

/** Inspection tasks as the permit flow first needed them (opening checks, commitment verification); supervision adds its columns in 0022. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('inspection_tasks')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('purpose', text, (c) => c.notNull())
      .addColumn('application_id', text)
      .addColumn('licence_id', text)
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('venue_address', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('inspector_ids_json', text, (c) => c.notNull())
      .addColumn('appointment_at', text)
      .addColumn('off_hours', 'integer', (c) => c.notNull())
      .addColumn('checklist_json', text)
      .addColumn('result', text)
      .addColumn('findings', text)
      .addColumn('clock_id', text)
      .addColumn('policy_version', text)
      .addColumn('completed_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('inspection_tasks_agency_status').on('inspection_tasks').columns(['agency_path', 'status']).execute();
  },
};
