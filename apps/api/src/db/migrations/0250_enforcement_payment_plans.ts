import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * 暂缓或者分期缴纳罚款 (ENF-06; 行政处罚法 art. 66 ¶2): the party's request for a deferral or instalments and
 * the agency's answer. An approved schedule sets the due dates the late fee runs from. At most one request
 * pending or approved per case (partial unique index, the same statement on SQLite and PostgreSQL).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('enforcement_payment_plans')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('schedule_json', json, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('requested_by', text)
      .addColumn('requested_at', text, (c) => c.notNull())
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('decision_reason', text)
      .execute();
    await db.schema.createIndex('enforcement_payment_plans_case').on('enforcement_payment_plans').columns(['case_id', 'requested_at']).execute();
    await sql`create unique index enforcement_payment_plans_open on enforcement_payment_plans (case_id) where status in ('requested', 'approved')`.execute(db);
  },
});
