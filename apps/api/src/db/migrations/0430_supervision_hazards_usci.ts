import type { Kysely, Migration } from 'kysely';

/**
 * Open hazards by unit (CRD-04): the nightly credit sweep counts each page's units' open and major hazards in
 * one grouped read by USCI; without this index every page scanned the hazards table.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('hazards_usci_status').on('hazards').columns(['usci', 'status']).execute();
  },
};
