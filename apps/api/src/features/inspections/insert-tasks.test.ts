import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { INSPECTOR_IDS } from './inspections.columns.ts';
import { insertTasks, inspectorIdsOf } from './inspections.repository.ts';
import { newInspectionTask } from './new-task.ts';

/**
 * SUP-05 at province scale: a draw writes its tasks in one transaction of many statements. On SQLite the driver answers
 * synchronously, so without a turn of the event loop between statements every other request would wait for all of
 * them; `insertTasks` lets the loop turn between its statements.
 */
for (const database of DATABASES) {
  describe(`inserting many tasks [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('SUP-05 the event loop turns while a draw’s tasks are written; every task and its inspectors are written once', async () => {
      const db = t.ctx.database.db;
      const agency = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211000').executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      const rows = Array.from({ length: 1200 }, (_, i) =>
        newInspectionTask(
          {
            agency_id: agency.id,
            agency_path: agency.path,
            region_code: agency.region_code,
            purpose: 'random',
            usci: `X${String(i).padStart(17, '0')}`,
            subject_name: `单位${i}`,
            venue_address: '某路1号',
            status: 'assigned',
            inspector_ids_json: INSPECTOR_IDS.encode([`u-${i % 7}`, `u-${(i % 7) + 1}`]),
          },
          now,
        ),
      );
      let turned = false;
      await db.transaction().execute(async (trx) => {
        setImmediate(() => {
          turned = true;
        });
        await insertTasks(trx, rows);
        assert.equal(turned, true, 'a callback queued for the next turn of the loop ran before the inserts ended');
      });
      const ids = rows.map((r) => r.id);
      const written = await db.selectFrom('inspection_tasks').select(['id', 'inspector_ids_json']).where('usci', 'like', 'X%').execute();
      assert.equal(written.length, 1200);
      assert.ok(written.every((w) => ids.includes(w.id)));
      const joined = await db.selectFrom('inspection_task_inspectors').select(['task_id', 'user_id']).where('user_id', 'in', ['u-0', 'u-3']).execute();
      const expected = rows.reduce((n, r) => n + inspectorIdsOf(r).filter((u) => u === 'u-0' || u === 'u-3').length, 0);
      assert.equal(joined.length, expected);
    });
  });
}
