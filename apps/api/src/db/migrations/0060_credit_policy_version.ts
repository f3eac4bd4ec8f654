import type { Kysely, Migration } from 'kysely';

/**
 * The `credit.deductions` policy version a credit event's points came from: a deduction is a decision
 * on policy, and a later change of the jurisdiction's points never rewrites an event already recorded.
 * Events recorded before policy drove the points have none.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('credit_events').addColumn('policy_version', 'text').execute();
  },
};
