import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Registered fire engineer registration by commitment (LIC-12): the application with the commitment text as
 * signed and the uploaded materials, the decision (certificate number or reasons) on a platform clock, and the
 * courier step for the certificate and seal.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('engineer_registrations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('user_id', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('id_number', text, (c) => c.notNull())
      .addColumn('level', text, (c) => c.notNull())
      .addColumn('qualification_no', text, (c) => c.notNull())
      .addColumn('employer', text, (c) => c.notNull())
      .addColumn('employer_usci', text, (c) => c.notNull())
      .addColumn('phone', text, (c) => c.notNull())
      .addColumn('mailing_address', text, (c) => c.notNull())
      .addColumn('materials_json', json, (c) => c.notNull())
      .addColumn('commitment_text', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('reasons', text)
      .addColumn('certificate_no', text, (c) => c.unique())
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('courier', text)
      .addColumn('tracking_no', text)
      .addColumn('dispatched_by', text)
      .addColumn('dispatched_at', text)
      .addColumn('clock_id', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('engineer_registrations_scope').on('engineer_registrations').columns(['agency_path', 'status']).execute();
    // One live registration per person: a refused one may be applied for again; parallel applications lose here.
    await sql`create unique index engineer_registrations_live on engineer_registrations (id_number) where status <> 'refused'`.execute(db);
    await db.schema.createIndex('engineer_registrations_user').on('engineer_registrations').columns(['user_id']).execute();
  },
});
