import type { Kysely, Migration } from 'kysely';

/**
 * A repair or objection request runs on a platform clock (CRD-03: each step with its clock): the request
 * names it, so the decision stops it and the clerks' lists, the due-soon warnings and the overdue alerts are
 * the ones every other time limit has.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('credit_requests').addColumn('clock_id', 'text').execute();
  },
};
