import type { Kysely, Migration } from 'kysely';

/** The instalment an online payment order pays (ENF-06; art. 66 ¶2): null for the whole fine. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('enforcement_payment_orders').addColumn('instalment', 'integer').execute();
  },
};
