import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A party's request that an officer of its case withdraw (申请回避, ENF-08; 行政处罚法 art. 43 ¶2): decided by the
 * agency's head while the investigation continues (¶3); granted, a certified officer takes the place. One
 * pending request per officer of a case (partial unique index, the same statement on SQLite and PostgreSQL).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('enforcement_recusal_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('officer_user_id', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('requested_by', text)
      .addColumn('requested_at', text, (c) => c.notNull())
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('decision_reason', text)
      .addColumn('replacement_officer_id', text)
      .execute();
    await db.schema.createIndex('enforcement_recusal_requests_case').on('enforcement_recusal_requests').columns(['case_id', 'requested_at']).execute();
    await sql`create unique index enforcement_recusal_requests_pending on enforcement_recusal_requests (case_id, officer_user_id) where status = 'requested'`.execute(
      db,
    );
  },
};
