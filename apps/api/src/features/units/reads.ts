import type { DataScope } from '@fep/domain';
import { defineRead } from '../../platform/workers/read.ts';
import { exportLine } from './units.presenter.ts';
import { unitsAfter } from './units.repository.ts';

/**
 * One page of the directory export as CSV text, run off the event loop on SQLite (platform/workers): a
 * page walks the primary key and filters by the scope's path, so for a small agency in a province's
 * directory it may read many rows to find its own — measured holding the loop for 361 ms on the main thread.
 * Only the page's text and its last id cross between threads.
 */
export const exportPageRead = defineRead('units.exportPage', async (env, { scope, after, limit }: { scope: DataScope; after: string; limit: number }) => {
  const rows = await unitsAfter(env.db, scope, after, limit);
  return { text: rows.length ? rows.map(exportLine).join('\n').concat('\n') : '', last: rows.at(-1)?.id ?? null };
});
