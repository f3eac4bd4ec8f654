import type { Kysely, Migration } from 'kysely';

/**
 * Periods of administrative review or litigation against a decision (ENF-06; 行政处罚法 art. 73 ¶3): recorded
 * by officers with their start and end; no late fee accrues on the days inside one.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('enforcement_remedy_periods')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('started_on', text, (c) => c.notNull())
      .addColumn('ended_on', text)
      .addColumn('note', text, (c) => c.notNull())
      .addColumn('end_note', text)
      .addColumn('recorded_by', text)
      .addColumn('recorded_at', text, (c) => c.notNull())
      .addColumn('ended_by', text)
      .addColumn('ended_at', text)
      .execute();
    await db.schema.createIndex('enforcement_remedy_periods_case').on('enforcement_remedy_periods').columns(['case_id', 'started_on']).execute();
  },
};
