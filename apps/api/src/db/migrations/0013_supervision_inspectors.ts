import type { Kysely, Migration } from 'kysely';

/** Certified inspectors (a user with a certificate and an agency). Created with the permit flow, which first needed two certified inspectors per check. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('inspectors')
      .addColumn('user_id', text, (c) => c.primaryKey().references('users.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('certificate_no', text, (c) => c.notNull())
      .addColumn('certified_until', text, (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
  },
};
