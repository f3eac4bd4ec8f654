import type { Kysely, Migration } from 'kysely';

/** Conflicts of interest declared by inspectors; the draw and assignment recuse them. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('inspector_conflicts')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('inspector_user_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('note', text)
      .addColumn('declared_at', text, (c) => c.notNull())
      .addUniqueConstraint('inspector_conflicts_pair', ['inspector_user_id', 'usci'])
      .execute();
  },
};
