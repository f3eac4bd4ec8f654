import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * What makes the enforcement record survive an insider with write access to the database (等保 2.0
 * 8.1.4.3 c; issue 10 item 5):
 * - `audit_checkpoints` / `audit_checkpoint_leaves`: periodic checkpoints, a Merkle root over every chain
 *   head and row seal, SM2-signed and also appended to a sink outside the database; the leaves of the
 *   latest checkpoint are kept so that a chain cut back or deleted since is found.
 * - `audit_row_seals`: a keyed digest of each business row of the sealed tables (db/sealed-tables.ts) as
 *   the last recorded transaction left it; `audit_dirty_rows`: rows changed by a transaction not yet
 *   sealed, marked by a trigger with the transaction that changed them and the row as it was before, so
 *   that an edit made outside the product (no record event) is never sealed afterwards.
 * - `audit_tx_mark`: on SQLite (one writer) the mark of the running transaction; PostgreSQL marks by txid.
 */
/** The sealed tables as this migration first made them (frozen: later tables get their own migration, e.g. 0773). */
const SEALED_TABLES: Record<string, readonly string[]> = {
  clocks: [
    'id',
    'target_type',
    'target_id',
    'title',
    'agency_id',
    'assignee_user_id',
    'unit',
    'amount',
    'legal_document',
    'legal_clause',
    'started_at',
    'status',
    'due_date',
    'due_at',
    'provisional',
    'policy_version',
    'event_seq',
  ],
};

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('leaves', 'integer', (c) => c.notNull())
        .addColumn('root', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_checkpoint_leaves')
        .addColumn('leaf_id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_row_seals')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('mac', 'text', (c) => c.notNull())
        .addColumn('sealed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_row_seals_pk', ['table_name', 'row_id'])
        .execute();
      await db.schema
        .createTable('audit_dirty_rows')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('mark', 'text', (c) => c.notNull())
        .addColumn('old_json', 'text')
        .addColumn('tampered', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('audit_dirty_rows_pk', ['table_name', 'row_id'])
        .execute();
      await db.schema.createIndex('audit_dirty_rows_mark').on('audit_dirty_rows').column('mark').execute();
      await db.schema
        .createTable('audit_tx_mark')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('mark', 'text', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO audit_tx_mark (id, mark) VALUES (1, 'initial')`.execute(db);

      if (dialect === 'postgres')
        await sql`CREATE FUNCTION audit_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_dirty_rows (table_name, row_id, mark, old_json)
  VALUES (TG_TABLE_NAME, NEW.id, txid_current()::text, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD)::text ELSE NULL END)
  ON CONFLICT (table_name, row_id) DO UPDATE SET
    mark = EXCLUDED.mark,
    old_json = CASE WHEN audit_dirty_rows.mark = EXCLUDED.mark THEN audit_dirty_rows.old_json ELSE EXCLUDED.old_json END;
  RETURN NULL;
END $$`.execute(db);
      for (const [table, columns] of Object.entries(SEALED_TABLES)) {
        const cols = sql.raw(columns.join(', '));
        if (dialect === 'postgres') {
          await sql`CREATE TRIGGER ${sql.raw(`${table}_mark_dirty`)} AFTER INSERT OR UPDATE OF ${cols} ON ${sql.raw(table)} FOR EACH ROW EXECUTE FUNCTION audit_mark_dirty()`.execute(
            db,
          );
        } else {
          const old = sql.raw(`json_object(${columns.map((c) => `'${c}', OLD.${c}`).join(', ')})`);
          const upsert = (oldJson: ReturnType<typeof sql.raw>) =>
            sql`INSERT INTO audit_dirty_rows (table_name, row_id, mark, old_json) SELECT ${sql.lit(table)}, NEW.id, mark, ${oldJson} FROM audit_tx_mark WHERE id = 1
              ON CONFLICT (table_name, row_id) DO UPDATE SET mark = excluded.mark,
              old_json = CASE WHEN audit_dirty_rows.mark = excluded.mark THEN audit_dirty_rows.old_json ELSE excluded.old_json END;`;
          await sql`CREATE TRIGGER ${sql.raw(`${table}_mark_dirty_insert`)} AFTER INSERT ON ${sql.raw(table)} BEGIN ${upsert(sql.raw('NULL'))} END`.execute(db);
          await sql`CREATE TRIGGER ${sql.raw(`${table}_mark_dirty_update`)} AFTER UPDATE OF ${cols} ON ${sql.raw(table)} BEGIN ${upsert(old)} END`.execute(db);
        }
        // Rows that exist when the seals start are sealed at the next start (they are what the record describes).
        await sql`INSERT INTO audit_dirty_rows (table_name, row_id, mark) SELECT ${table}, id, 'initial' FROM ${sql.raw(table)}`.execute(db);
      }
    },
  };
}
