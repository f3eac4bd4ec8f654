import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/** FIR-04: the accountability investigation of a fatal or high-impact fire, one per incident, and its one-year evaluation. */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('incident_accountability')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('incident_id', text, (c) => c.notNull().unique().references('incidents.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('deaths', 'integer', (c) => c.notNull())
      .addColumn('high_impact', 'integer', (c) => c.notNull())
      .addColumn('team_lead', text, (c) => c.notNull())
      .addColumn('team_members_json', json, (c) => c.notNull())
      .addColumn('parties_json', json, (c) => c.notNull())
      .addColumn('measures', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('evaluation', text)
      .addColumn('evaluated_by', text)
      .addColumn('evaluated_at', text)
      .addColumn('clock_id', text)
      .addColumn('recorded_by', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
  },
});
