import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface CheckpointerStats {
  checkpoints: number;
  skipped: number;
  /** The longest checkpoint so far (ms), spent on the checkpointer's thread, not the server's. */
  maxMs: number;
  /** Whether checkpoints run on the thread (false: it stopped or failed, and the writer checkpoints again itself). */
  running: boolean;
}

export interface Checkpointer {
  stats: CheckpointerStats;
  stop(): Promise<void>;
}

/** SQLite's own default: a checkpoint once the WAL holds 1,000 pages of 4 KiB. */
const DEFAULT_THRESHOLD = 4 * 1024 * 1024;

/**
 * WAL checkpoints on a thread of their own. With `synchronous = FULL` a checkpoint copies the WAL's pages into the
 * database file and fsyncs both; SQLite runs it inside the commit that crosses `wal_autocheckpoint`, i.e. on the
 * writer — the server's event loop — and every request waits for it (the mixed soak's periodic pauses). Here the
 * writer's automatic checkpoint is switched off and a worker thread with its own connection runs a PASSIVE
 * checkpoint whenever the WAL has grown past the threshold: PASSIVE never blocks the writer or the readers, and
 * durability is unchanged (a commit is durable once its WAL frames are synced, checkpointed or not).
 * If the thread fails, the writer takes checkpoints back (`wal_autocheckpoint` restored), so the WAL never grows
 * without bound.
 */
export function startCheckpointer(writer: SQLite.Database, file: string, opts: { intervalMs?: number; thresholdBytes?: number } = {}): Checkpointer {
  const stats: CheckpointerStats = { checkpoints: 0, skipped: 0, maxMs: 0, running: true };
  const previous = writer.pragma('wal_autocheckpoint', { simple: true }) as number;
  writer.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: opts.intervalMs ?? 250, thresholdBytes: opts.thresholdBytes ?? DEFAULT_THRESHOLD },
  });
  const fallBack = () => {
    if (!stats.running) return;
    stats.running = false;
    try {
      if (writer.open) writer.pragma(`wal_autocheckpoint = ${previous || 1000}`);
    } catch {
      // the writer is closing
    }
  };
  let stopped: (() => void) | undefined;
  worker.on('message', (m: { type: string; ms?: number }) => {
    if (m.type === 'checkpoint') {
      stats.checkpoints++;
      stats.maxMs = Math.max(stats.maxMs, m.ms ?? 0);
    } else if (m.type === 'skipped') stats.skipped++;
    else if (m.type === 'stopped') stopped?.();
  });
  worker.on('error', fallBack);
  worker.on('exit', () => {
    fallBack();
    stopped?.();
  });
  // After the listeners: adding a 'message' listener refs a worker again, and a store that is never closed (a start
  // that failed after opening it) must not keep the process alive.
  worker.unref();
  return {
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!stats.running) return resolve();
        stopped = () => {
          stopped = undefined;
          fallBack();
          resolve();
        };
        // Held open until the thread has closed its connection: an unref'd worker alone would let the loop end first.
        worker.ref();
        worker.postMessage('stop');
      }),
  };
}
