import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import type { WorkerData, WorkerReply, WorkerRequest } from './pool.ts';
import type { NamedRead, ReadEnv } from './read.ts';

/**
 * One worker of the read pool: a read-only connection of its own to the store's file and the named reads
 * of the registry module. One request at a time (better-sqlite3 is synchronous); results and errors go
 * back as plain data.
 */
const data = workerData as WorkerData;
const sqlite = new SQLite(data.file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('cache_size = -32768');
const env: ReadEnv = {
  db: new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) }),
  dialect: 'sqlite',
  dataDir: data.dataDir,
  auditKey: Buffer.from(data.auditKeyHex, 'hex'),
};
const registry = (await import(data.registry)) as { READS: NamedRead<unknown, unknown>[] };
const reads = new Map(registry.READS.map((r) => [r.name, r]));
const port = parentPort!;

port.on('message', async (m: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const read = reads.get(m.name);
    if (!read) throw new Error(`unknown read ${m.name}`);
    reply = { id: m.id, ok: true, value: await read.fn(env, m.args) };
  } catch (err) {
    reply =
      err instanceof AppError
        ? { id: m.id, ok: false, app: { code: err.code, message: err.message, details: err.details } }
        : { id: m.id, ok: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
