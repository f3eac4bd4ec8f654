import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Database, Db, Dialect, Executor } from '../../db/database.ts';
import { noteCommit } from '../../platform/cache.ts';

/**
 * Live updates of the leaders' dashboard (MON-02): the rollup announces each change it committed; the
 * server-sent event stream of every open dashboard forwards it, and the page reloads its figures.
 *
 * On PostgreSQL several API processes share the store and any of them may dispatch the event: the rollup sends a
 * NOTIFY on FIGURES_CHANNEL inside its transaction (delivered when it commits, never for a rollback), and every
 * process — the one that counted included — hears it on its LISTEN connection and tells its own streams. The
 * payload is the schema of the store, so stores sharing one database (tests' schemas) do not hear each other.
 * On SQLite there is one process: it tells its streams after the commit. A lost LISTEN connection may have missed
 * announcements: the streams are told once when it is lost, and the page reloads.
 *
 * Kept per database object: two app instances in one process (tests) each have their own.
 */
export const FIGURES_CHANNEL = 'fep_dashboard';

interface Live {
  emitter: EventEmitter;
  version: number;
  /** The schema whose announcements this process hears (PostgreSQL, once listening). */
  listening: boolean;
}
const lives = new WeakMap<object, Live>();

function liveOf(db: object): Live {
  let l = lives.get(db);
  if (!l) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    l = { emitter, version: 0, listening: false };
    lives.set(db, l);
  }
  return l;
}

/**
 * Inside the rollup's transaction: on PostgreSQL, the NOTIFY every listening process hears when it commits.
 * Returns whether the caller must still tell this process itself after the commit (SQLite, or not listening).
 */
export async function announceFiguresChanged(trx: Executor, dialect: Dialect, db: Db): Promise<boolean> {
  if (dialect !== 'postgres' || !liveOf(db).listening) return true;
  await sql`select pg_notify(${FIGURES_CHANNEL}, current_schema())`.execute(trx);
  return false;
}

/** Tells this process's streams (after the commit of a change, or when an announcement arrived). */
export function notifyFiguresChanged(db: Db): void {
  const l = liveOf(db);
  l.version++;
  noteCommit();
  l.emitter.emit('changed', l.version);
}
export function figuresVersion(db: object): number {
  return liveOf(db).version;
}
export function onFiguresChanged(db: Db, listener: (version: number) => void): () => void {
  const { emitter } = liveOf(db);
  emitter.on('changed', listener);
  return () => emitter.off('changed', listener);
}

/** Every process hears the announcements of its store's schema (PostgreSQL; nothing to do on SQLite). */
export async function watchFiguresAnnouncements(database: Database): Promise<void> {
  if (!database.listen) return;
  const { db } = database;
  const row = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  const schema = row.rows[0]?.s ?? '';
  await database.listen(
    FIGURES_CHANNEL,
    (payload) => {
      if (payload === schema) notifyFiguresChanged(db);
    },
    () => notifyFiguresChanged(db),
  );
  liveOf(db).listening = true;
}
