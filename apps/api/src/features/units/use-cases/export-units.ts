import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { EXPORT_HEADER, exportLine } from '../units.presenter.ts';
import { unitsAfter } from '../units.repository.ts';

const PAGE = 2000;

/**
 * The directory in the actor's scope as CSV text, streamed page by page (a province never sits in
 * memory); personal data is masked (DESIGN §4). On SQLite every page is read synchronously on the event
 * loop, so the export yields to it (setImmediate) after each page: one page (2,000 rows, a few ms) is the
 * longest it holds the loop. A worker is not needed here — the work is already cut in small batches and
 * the text would cross threads anyway.
 */
export async function* exportUnits(deps: Deps, actor: Actor): AsyncGenerator<string> {
  yield EXPORT_HEADER;
  let after = '';
  for (;;) {
    const rows = await unitsAfter(deps.database.db, actor.scope, after, PAGE);
    if (!rows.length) return;
    yield rows.map(exportLine).join('\n').concat('\n');
    after = rows.at(-1)!.id;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
