// The SQLite checkpointer's thread (db/checkpointer.ts). Plain JavaScript: it needs nothing of the product but
// better-sqlite3, and starts without the TypeScript loader.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { file, intervalMs, thresholdBytes } = workerData;
const db = new SQLite(file);
// Never wait for a lock: a checkpoint that cannot run now runs at the next tick.
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let stopping = false;

function walBytes() {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

function tick() {
  if (stopping) return;
  if (walBytes() >= thresholdBytes) {
    const started = performance.now();
    try {
      const [r] = checkpoint.all();
      parentPort.postMessage({ type: 'checkpoint', ms: performance.now() - started, log: r.log, checkpointed: r.checkpointed, busy: r.busy });
    } catch (err) {
      parentPort.postMessage({ type: 'skipped', message: String(err?.message ?? err) });
    }
  }
  setTimeout(tick, intervalMs);
}

parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopping = true;
    db.close();
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
setTimeout(tick, intervalMs);
