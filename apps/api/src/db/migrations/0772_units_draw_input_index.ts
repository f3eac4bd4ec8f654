import type { Kysely, Migration } from 'kysely';

/**
 * The draw input as one read of an index (SUP-08): publication reads every unit of the plan's area in USCI
 * order with the columns the draw depends on. Through the USCI index alone that was one table lookup per unit,
 * in random order — with two million units, minutes of page reads. This index carries those columns in USCI
 * order, so the read is a scan of the index and never touches the table.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('units_draw_input')
      .on('units')
      .columns(['usci', 'agency_path', 'risk_level', 'credit_level', 'key_unit', 'venue_kind', 'self_commitment', 'last_fire_on'])
      .execute();
  },
};
