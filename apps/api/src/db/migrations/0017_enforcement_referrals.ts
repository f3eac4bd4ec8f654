import type { Kysely, Migration } from 'kysely';

/** Cases referred to enforcement (a false commitment, an order not rectified). */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('enforcement_referrals')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('source_type', text, (c) => c.notNull())
      .addColumn('source_id', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
  },
};
