import type { Kysely, Migration } from 'kysely';

/** Hazards found in the field, each with its photos and whether it is major. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('hazards')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('task_id', text, (c) => c.notNull().references('inspection_tasks.id'))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('item_code', text)
      .addColumn('description', text, (c) => c.notNull())
      .addColumn('major', 'integer', (c) => c.notNull())
      .addColumn('photo_ids_json', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('order_id', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hazards_agency_status').on('hazards').columns(['agency_path', 'status']).execute();
  },
};
