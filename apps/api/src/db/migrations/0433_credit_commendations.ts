import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Good conduct recorded by staff (CRD-02 守信激励: a reward or a commendation, named by its document number): one
 * record per unit, document and kind, however often it is sent — the unique index is the guard when two
 * identical requests race past the look-up.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create unique index credit_events_commendation on credit_events (usci, source_id, kind) where source_type = 'commendation'`.execute(db);
  },
};
