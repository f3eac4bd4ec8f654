import type { Kysely, Migration } from 'kysely';

/** Rectification orders as the commitment verification first needed them; supervision adds its columns in 0024. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('rectification_orders')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('source_type', text, (c) => c.notNull())
      .addColumn('source_id', text, (c) => c.notNull())
      .addColumn('items_json', text, (c) => c.notNull())
      .addColumn('deadline_date', text, (c) => c.notNull())
      .addColumn('clock_id', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rectification_orders_usci').on('rectification_orders').column('usci').execute();
  },
};
