import type { Kysely, Migration } from 'kysely';

/** The supervision columns of rectification orders (number, guidance, sealed PDF, listing, re-inspection) and extension requests. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema.alterTable('rectification_orders').addColumn('number', text).execute();
    await db.schema.alterTable('rectification_orders').addColumn('guidance', text).execute();
    await db.schema.alterTable('rectification_orders').addColumn('pdf_sha256', text).execute();
    await db.schema
      .alterTable('rectification_orders')
      .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('rectification_orders').addColumn('reinspection_task_id', text).execute();
    await db.schema.alterTable('rectification_orders').addColumn('closed_at', text).execute();

    await db.schema
      .createTable('order_extensions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('order_id', text, (c) => c.notNull().references('rectification_orders.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('requested_days', 'integer', (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('requested_by', text, (c) => c.notNull())
      .addColumn('requested_at', text, (c) => c.notNull())
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('decision_reason', text)
      .execute();
  },
};
