import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Fire technical service organisations (MKT-01): the register with the practice conditions as checkable facts,
 * declared by the organisation and verified by the agency (JSON documents read through market.columns.ts).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('service_organisations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('usci', text, (c) => c.notNull().unique())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('declared_json', json, (c) => c.notNull())
      .addColumn('verified_json', json)
      .addColumn('failures_json', json, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('verified_by', text)
      .addColumn('verified_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_organisations_scope').on('service_organisations').columns(['agency_path', 'status']).execute();
  },
});
