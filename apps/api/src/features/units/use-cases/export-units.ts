import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { runRead } from '../../../platform/workers/read.ts';
import { exportPageRead } from '../reads.ts';
import { EXPORT_HEADER } from '../units.presenter.ts';

const PAGE = 2000;

/**
 * The directory in the actor's scope as CSV text, streamed page by page (a province never sits in
 * memory); personal data is masked (DESIGN §4). Each page is read in the read pool (a worker thread with
 * its own read-only connection on SQLite; the async pool on PostgreSQL), so the event loop only writes text.
 */
export async function* exportUnits(deps: Deps, actor: Actor): AsyncGenerator<string> {
  yield EXPORT_HEADER;
  let after = '';
  for (;;) {
    const page = await runRead(deps, exportPageRead, { scope: actor.scope, after, limit: PAGE });
    if (!page.last) return;
    yield page.text;
    after = page.last;
  }
}
