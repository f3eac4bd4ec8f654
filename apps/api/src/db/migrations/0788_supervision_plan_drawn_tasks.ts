import type { Kysely, Migration } from 'kysely';

/**
 * A drawn plan keeps the result of its draw as a file (`result_sha256`, the drawn units and their inspectors in the
 * order drawn) and counts the drawn units whose inspection tasks are still to be written (`tasks_pending`). A
 * province's draw writes its first tasks in the draw's own transaction and the rest in short transactions after
 * it. Plans drawn before this step wrote every task in the draw's transaction: no file, nothing pending.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('random_plans').addColumn('result_sha256', 'text').execute();
    await db.schema
      .alterTable('random_plans')
      .addColumn('tasks_pending', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
