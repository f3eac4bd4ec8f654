import { workerData } from 'node:worker_threads';
import { renderRequest, serveRenders } from '../platform/documents/render-worker.ts';

/**
 * A render worker that fails on purpose (render-pool tests): the first `failures` documents the pool hands
 * to any of its workers make that worker exit (`mode: 'crash'`) or never answer (`mode: 'hang'`); after
 * that it renders like the real worker. With `mode: 'stall'` the first `failures` workers never finish starting.
 * The count is shared by every worker of the pool.
 */
const { test } = workerData as { test: { failures: SharedArrayBuffer; mode: 'crash' | 'hang' | 'stall' } };
const left = new Int32Array(test.failures);

// 'stall': the first `failures` workers never finish starting (they stay alive and never say they are ready).
if (test.mode === 'stall' && Atomics.sub(left, 0, 1) > 0) setInterval(() => {}, 1000);
else
  serveRenders(async (m) => {
    if (Atomics.sub(left, 0, 1) > 0) {
      if (test.mode === 'crash')
        setImmediate(() => {
          throw new Error('render worker crashed on purpose');
        });
      if (test.mode === 'crash') return new Promise(() => {});
      return new Promise(() => {});
    }
    return renderRequest(m);
  });
