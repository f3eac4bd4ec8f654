import type { Db, Dialect } from '../../db/database.ts';
import type { AppContext } from '../context.ts';

/**
 * A named read: a function of the store and plain-data arguments to a plain-data result (structured
 * clone: no class instances, no functions). On SQLite it runs in a worker thread of the read pool, on a
 * read-only connection of its own to the same file (WAL lets readers run beside the writer), so that a
 * read taking hundreds of milliseconds — replaying a draw over a province, verifying a long record chain —
 * does not hold the event loop that serves every other request. On PostgreSQL the driver is already
 * asynchronous: the same function runs on the main thread over the shared pool.
 */
export interface ReadEnv {
  db: Db;
  dialect: Dialect;
  dataDir: string;
  auditKey: Buffer;
}

export interface NamedRead<A, R> {
  readonly name: string;
  readonly fn: (env: ReadEnv, args: A) => Promise<R>;
}

export function defineRead<A, R>(name: string, fn: (env: ReadEnv, args: A) => Promise<R>): NamedRead<A, R> {
  return { name, fn };
}

/** Where named reads run: the worker pool (SQLite) — absent on PostgreSQL and in contexts made by hand. */
export interface ReadRunner {
  run<A, R>(read: NamedRead<A, R>, args: A): Promise<R>;
  close(): Promise<void>;
}

/** Runs a named read on the context's pool when there is one, otherwise on this thread. */
export function runRead<A, R>(ctx: Pick<AppContext, 'database' | 'config' | 'auditKey' | 'reads'>, read: NamedRead<A, R>, args: A): Promise<R> {
  if (ctx.reads) return ctx.reads.run(read, args);
  return read.fn({ db: ctx.database.db, dialect: ctx.database.dialect, dataDir: ctx.config.dataDir, auditKey: ctx.auditKey }, args);
}
