import type { Kysely, Migration } from 'kysely';

/**
 * A unit's 消防安全责任人 and 消防安全管理人 (公安部令第61号 arts. 4–7), credit subjects of their own (CRD-01): the
 * name, and the person's credit subject key — a one-way hash of the citizen ID number, which is not kept.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const c of ['responsible_name', 'responsible_key', 'manager_name', 'manager_key']) {
      await db.schema.alterTable('units').addColumn(c, 'text').execute();
    }
    await db.schema.createIndex('units_responsible_key').on('units').column('responsible_key').execute();
    await db.schema.createIndex('units_manager_key').on('units').column('manager_key').execute();
  },
};
