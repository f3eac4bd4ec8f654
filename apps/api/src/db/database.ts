import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Kysely as KyselyType, type LogEvent, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type CheckpointerStats, startCheckpointer } from './checkpointer.ts';
import type { DB } from './schema.ts';
import { GroupCommitSqliteDialect } from './sqlite-group-commit.ts';

export type Dialect = 'sqlite' | 'postgres';

/** PostgreSQL's type id of jsonb. */
const JSONB_OID = 3802;
export type Db = KyselyType<DB>;
/** Repositories take either the database or a transaction. */
export type Executor = Db | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /** A short description for logs: never the password. */
  describe: string;
  /** Statements run, counted only with FEP_COUNT_STATEMENTS=1 (benchmarks report statements per request). */
  stats: { statements: number; commits: number };
  /** The SQLite file (read-only worker connections open the same file). */
  file?: string;
  /** SQLite: the WAL checkpoints taken on the checkpointer's thread (db/checkpointer.ts). */
  checkpoints?: CheckpointerStats;
  /**
   * PostgreSQL only: calls `onMessage` with the payload of every NOTIFY on `channel` (sent by any process on
   * the database, delivered when the sending transaction commits), on a connection of its own that is
   * reopened after a loss; `onLost` runs when it was lost, since notifications may have been missed.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onLost: () => void): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves in one schema each). */
  pgSchema?: string | undefined;
  /** PostgreSQL pool size (default 10). */
  pgPoolMax?: number | undefined;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string | undefined;
}

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.databaseUrl) {
    const options = opts.pgSchema ? `-c search_path=${opts.pgSchema}` : undefined;
    // jsonb columns come back as their JSON text, as on SQLite: every JSON column is decoded by its codec
    // (db/json.ts), the same way on both dialects.
    const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === JSONB_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) };
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.pgPoolMax ?? 10, types: types as never, ...(options ? { options } : {}) });
    const stats = { statements: 0, commits: 0 };
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: queryLog(stats) });
    const u = new URL(opts.databaseUrl);
    const listeners: pg.Client[] = [];
    let closed = false;
    const listen = async (channel: string, onMessage: (payload: string) => void, onLost: () => void): Promise<void> => {
      const client = new pg.Client({ connectionString: opts.databaseUrl, ...(options ? { options } : {}) });
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
      });
      client.on('error', () => {
        const i = listeners.indexOf(client);
        if (i >= 0) listeners.splice(i, 1);
        void client.end().catch(() => undefined);
        if (closed) return;
        onLost();
        const retry = () => {
          if (!closed) void listen(channel, onMessage, onLost).catch(() => setTimeout(retry, 1000).unref());
        };
        setTimeout(retry, 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      // Listening alone never keeps a process alive (the pool and the server do while they are open).
      (client as unknown as { connection?: { stream?: { unref?(): void } } }).connection?.stream?.unref?.();
      listeners.push(client);
    };
    return {
      db,
      dialect: 'postgres',
      listen,
      close: async () => {
        closed = true;
        // A listener's socket is unref'd: ending it is waited for with a ref, or a process whose pool clients
        // have all idled out (10 s) would find its event loop empty halfway through closing.
        await Promise.all(
          listeners.splice(0).map((c) => {
            (c as unknown as { connection?: { stream?: { ref?(): void } } }).connection?.stream?.ref?.();
            return c.end().catch(() => undefined);
          }),
        );
        await db.destroy();
      },
      describe: `PostgreSQL ${u.host}${u.pathname}${opts.pgSchema ? ` (schema ${opts.pgSchema})` : ''}`,
      stats,
    };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, opts.sqliteFile ?? 'fep.sqlite');
  const stats = { statements: 0, commits: 0 };
  const count = process.env.FEP_COUNT_STATEMENTS === '1';
  const writer = withStatementCache(openSqlite(file));
  const reader = withStatementCache(openSqlite(file));
  // Reads outside transactions see committed data only; the reader refuses writes outright.
  reader.sqlite.pragma('query_only = ON');
  const slow = Number(process.env.FEP_SLOW_QUERY_MS ?? 0);
  // The driver's own statements (savepoints, the batch's begin and commit) are counted and logged like the rest.
  const onStatement =
    count || slow
      ? (sql: string, ms: number) => {
          if (count) {
            stats.statements++;
            if (sql === 'commit') stats.commits++;
          }
          if (slow && ms >= slow) process.stderr.write(`slow query ${ms.toFixed(1)} ms: ${sql}\n`);
        }
      : undefined;
  const dialect = new GroupCommitSqliteDialect({ writer, reader, ...(onStatement ? { onStatement } : {}) });
  const db = new Kysely<DB>({ dialect, log: queryLog(stats) });
  // WAL checkpoints off the event loop (db/checkpointer.ts); FEP_SQLITE_CHECKPOINT=inline leaves them to the writer.
  const checkpointer = process.env.FEP_SQLITE_CHECKPOINT === 'inline' ? undefined : startCheckpointer(writer.sqlite, file);
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
    describe: `SQLite ${file}`,
    stats,
    file,
    ...(checkpointer ? { checkpoints: checkpointer.stats } : {}),
  };
}

/**
 * FEP_SLOW_QUERY_MS: queries slower than this are written to stderr with their SQL (never the parameters).
 * FEP_COUNT_STATEMENTS=1: statements and commits are counted in `stats` (no hook at all otherwise).
 */
function queryLog(stats: { statements: number; commits: number }) {
  const limit = Number(process.env.FEP_SLOW_QUERY_MS ?? 0);
  const count = process.env.FEP_COUNT_STATEMENTS === '1';
  if (!limit && !count) return undefined;
  return (e: LogEvent) => {
    if (count) {
      stats.statements++;
      if (/^\s*commit\b/i.test(e.query.sql)) stats.commits++;
    }
    if (limit && e.queryDurationMillis >= limit) process.stderr.write(`slow query ${e.queryDurationMillis.toFixed(1)} ms: ${e.query.sql}\n`);
  };
}

/** A connection to the store's file with the product's durability and integrity settings. */
function openSqlite(file: string): SQLite.Database {
  const sqlite = new SQLite(file);
  // Durability and integrity settings (reliability notes B2): WAL, full fsync on commit, foreign keys,
  // and freed pages overwritten so deleted personal data does not linger (等保 8.1.4.10).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A 64 MB page cache instead of SQLite's 2 MB default: a province's directory and its indexes stay hot.
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a point read.
 * Prepared statements are reusable in better-sqlite3, so they are kept in a small LRU keyed by SQL text.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    sqlite,
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

/** Reads the durability settings back, so start-up and tests can assert them. */
export async function sqlitePragmas(database: Database): Promise<Record<string, unknown>> {
  if (database.dialect !== 'sqlite') return {};
  const { sql } = await import('kysely');
  const out: Record<string, unknown> = {};
  for (const p of ['journal_mode', 'synchronous', 'foreign_keys', 'secure_delete']) {
    const r = await sql.raw<Record<string, unknown>>(`PRAGMA ${p}`).execute(database.db);
    out[p] = Object.values(r.rows[0] ?? {})[0];
  }
  return out;
}
