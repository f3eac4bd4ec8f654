import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { runCompiled } from '../../db/compiled.ts';
import type { Dialect, Executor } from '../../db/database.ts';
import { canonicalJson, JsonObject, jsonColumn } from '../../db/json.ts';
import { SEALED_TABLES } from '../../db/sealed-tables.ts';
import { sm3Hex } from './chain.ts';

/**
 * Row seals (issue 10 item 5, tamper class “a business row edited without an event”): every transaction
 * that records an event also seals the rows of the sealed tables it changed — a keyed digest (HMAC-SM3)
 * of the row's substance as the transaction left it. A trigger marks each changed row with the changing
 * transaction (PostgreSQL: its txid; SQLite, one writer: the mark `transact` sets first) and the row as
 * it was before. A row changed outside a recorded transaction is therefore never sealed: its digest no
 * longer matches its seal, and a later recorded change to it finds the row-before off its seal and leaves
 * it marked as tampered instead of sealing over the edit.
 */
const OLD_ROW = jsonColumn('audit_dirty_rows.old_json', JsonObject);

export function rowDigest(table: string, row: Record<string, unknown>): string {
  const columns = SEALED_TABLES[table]!;
  return sm3Hex(canonicalJson([table, ...columns.map((c) => row[c] ?? null)]));
}

export function rowMac(key: Buffer, table: string, rowId: string, digest: string): string {
  return createHmac('sm3', key).update(`${table}\n${rowId}\n${digest}`, 'utf8').digest('hex');
}

/**
 * SQLite: sets the mark of the transaction now running (the marking trigger reads it) and returns it.
 * PostgreSQL marks by txid, read where it is needed (null here: no extra round trip).
 */
export async function markTransaction(trx: Executor, dialect: Dialect): Promise<string | null> {
  if (dialect === 'postgres') return null;
  const mark = randomBytes(12).toString('hex');
  await trx.updateTable('audit_tx_mark').set({ mark }).where('id', '=', 1).execute();
  return mark;
}

async function rowsOf(trx: Executor, table: string, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += 200) {
    const rows = (
      await sql<
        Record<string, unknown>
      >`select ${sql.join(SEALED_TABLES[table]!.map((c) => sql.ref(c)))} from ${sql.table(table)} where id in (${sql.join(ids.slice(i, i + 200))})`.execute(trx)
    ).rows;
    for (const r of rows) out.set(String(r.id), r);
  }
  return out;
}

/**
 * The changed rows with the digest of their current seal, in one statement per 200 rows (a left join);
 * the seals of rows no longer there (deleted in this transaction) are read apart.
 */
async function rowsWithSeals(
  trx: Executor,
  table: string,
  ids: string[],
): Promise<{ rows: Map<string, Record<string, unknown>>; sealDigests: Map<string, string> }> {
  const rows = new Map<string, Record<string, unknown>>();
  const sealDigests = new Map<string, string>();
  const t = sql.table(table);
  for (let i = 0; i < ids.length; i += 200) {
    const part = ids.slice(i, i + 200);
    const found = (
      await sql<Record<string, unknown>>`select ${sql.join(SEALED_TABLES[table]!.map((c) => sql.ref(`${table}.${c}`)))}, s.digest as fep_seal_digest
        from ${t} left join audit_row_seals s on s.table_name = ${table} and s.row_id = ${sql.ref(`${table}.id`)}
        where ${sql.ref(`${table}.id`)} in (${sql.join(part)})`.execute(trx)
    ).rows;
    for (const r of found) {
      const { fep_seal_digest: digest, ...row } = r;
      rows.set(String(row.id), row);
      if (typeof digest === 'string') sealDigests.set(String(row.id), digest);
    }
  }
  const gone = ids.filter((id) => !rows.has(id));
  for (let i = 0; i < gone.length; i += 200) {
    const seals = await trx
      .selectFrom('audit_row_seals')
      .select(['row_id', 'digest'])
      .where('table_name', '=', table)
      .where('row_id', 'in', gone.slice(i, i + 200))
      .execute();
    for (const x of seals) sealDigests.set(x.row_id, x.digest);
  }
  return { rows, sealDigests };
}

/**
 * Seals the rows this transaction changed (those carrying its mark). A row whose state before this
 * transaction is off its seal was edited outside the product: it is left marked as tampered.
 */
export async function sealChangedRows(trx: Executor, dialect: Dialect, key: Buffer, mark: string | null, now: Date): Promise<void> {
  // Taken off the list and read in one statement; a row found tampered goes back on it, marked.
  const dirty = await trx
    .deleteFrom('audit_dirty_rows')
    .where('mark', '=', mark ?? sql<string>`txid_current()::text`)
    .where('tampered', '=', 0)
    .returningAll()
    .execute();
  if (dirty.length === 0) return;
  await sealRows(trx, key, dirty, now, dialect, true);
}

async function sealRows(
  trx: Executor,
  key: Buffer,
  dirty: { table_name: string; row_id: string; mark: string; old_json: string | null }[],
  now: Date,
  _dialect: Dialect,
  /** The dirty rows were already deleted from the list (by the statement that read them). */
  removed = false,
): Promise<void> {
  const byTable = new Map<string, typeof dirty>();
  for (const d of dirty) if (SEALED_TABLES[d.table_name]) byTable.set(d.table_name, [...(byTable.get(d.table_name) ?? []), d]);
  const at = now.toISOString();
  for (const [table, list] of byTable) {
    const ids = list.map((d) => d.row_id);
    const { rows, sealDigests } = await rowsWithSeals(trx, table, ids);
    for (const d of list) {
      const sealDigest = sealDigests.get(d.row_id);
      if (sealDigest !== undefined && d.old_json) {
        const before = OLD_ROW.decode(d.old_json) as Record<string, unknown>;
        if (rowDigest(table, before) !== sealDigest) {
          if (removed)
            await trx.insertInto('audit_dirty_rows').values({ table_name: table, row_id: d.row_id, mark: d.mark, old_json: d.old_json, tampered: 1 }).execute();
          else await trx.updateTable('audit_dirty_rows').set({ tampered: 1 }).where('table_name', '=', table).where('row_id', '=', d.row_id).execute();
          continue;
        }
      }
      const row = rows.get(d.row_id);
      if (row) {
        const digest = rowDigest(table, row);
        const mac = rowMac(key, table, d.row_id, digest);
        await runCompiled(trx, 'audit_row_seals:seal', [table, d.row_id, digest, mac, at, digest, mac, at], () =>
          trx
            .insertInto('audit_row_seals')
            .values({ table_name: table, row_id: d.row_id, digest, mac, sealed_at: at })
            .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet({ digest, mac, sealed_at: at })),
        );
      } else await trx.deleteFrom('audit_row_seals').where('table_name', '=', table).where('row_id', '=', d.row_id).execute();
      if (!removed)
        await trx.deleteFrom('audit_dirty_rows').where('table_name', '=', table).where('row_id', '=', d.row_id).where('mark', '=', d.mark).execute();
    }
  }
}

/** At start: seals the rows that existed when sealing began (migration 0270 marks them `initial`). */
export async function sealInitialRows(db: Executor, dialect: Dialect, key: Buffer, now: Date): Promise<number> {
  let n = 0;
  for (;;) {
    const batch = await db.selectFrom('audit_dirty_rows').selectAll().where('mark', '=', 'initial').where('tampered', '=', 0).limit(1000).execute();
    if (batch.length === 0) return n;
    await sealRows(db, key, batch, now, dialect);
    n += batch.length;
  }
}

export interface RowFinding {
  table: string;
  rowId: string;
  reason: 'changed_without_record' | 'seal_forged' | 'seal_missing';
}

/** Every sealed row against its seal; a row changed outside the record, or a seal not made with the key. */
export async function verifyRowSeals(db: Executor, key: Buffer, only?: { table: string; ids: string[] }): Promise<RowFinding[]> {
  const findings: RowFinding[] = [];
  for (const table of only ? [only.table] : Object.keys(SEALED_TABLES)) {
    let q = db.selectFrom('audit_row_seals').selectAll().where('table_name', '=', table);
    if (only) q = q.where('row_id', 'in', only.ids);
    const seals = await q.execute();
    const rows = await rowsOf(
      db,
      table,
      seals.map((s) => s.row_id),
    );
    for (const s of seals) {
      if (rowMac(key, table, s.row_id, s.digest) !== s.mac) findings.push({ table, rowId: s.row_id, reason: 'seal_forged' });
      else {
        const row = rows.get(s.row_id);
        if (!row || rowDigest(table, row) !== s.digest) findings.push({ table, rowId: s.row_id, reason: 'changed_without_record' });
      }
    }
    // A row marked by a transaction that never sealed it (or found tampered when a recorded change came).
    let d = db.selectFrom('audit_dirty_rows').select(['row_id', 'mark', 'tampered']).where('table_name', '=', table).where('mark', '!=', 'initial');
    if (only) d = d.where('row_id', 'in', only.ids);
    for (const r of await d.execute())
      if (!findings.some((f) => f.table === table && f.rowId === r.row_id)) findings.push({ table, rowId: r.row_id, reason: 'changed_without_record' });
  }
  return findings;
}
