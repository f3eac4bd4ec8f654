import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DrawnUnit, parseDrawResult } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call } from '../../test-support/http.ts';
import { tasksOfPlan } from '../inspections/index.ts';
import { writePendingDrawTasks } from './use-cases/write-drawn-tasks.ts';

/**
 * SUP-05: a draw writes its first `FEP_DRAW_TASKS_PER_TRANSACTION` inspection tasks in its own transaction and keeps
 * the result as a file; the rest are written after it, a batch per transaction, each unit's task once — through the
 * event the draw leaves, by parallel writers, and after a writer failed half-way.
 */
const PER = 2;

for (const database of DATABASES) {
  describe(`tasks of a large draw, written after it [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database, { env: { FEP_DRAW_TASKS_PER_TRANSACTION: String(PER) } });
    });
    after(() => t.close());

    /** A plan of every unit of 辽阳 (rate 1), published and drawn; the draw's answer and its kept result. */
    async function drawAll(periodStart: string) {
      const leader = await t.login('leader.211000');
      const created = await call(t, leader, 'POST', '/api/v1/supervision/plans', {
        title: `全量抽查 ${periodStart}`,
        purpose: `大规模抽取 ${periodStart}`,
        periodStart,
        periodEnd: `${periodStart.slice(0, 4)}-12-31`,
        defaultRate: 1,
        rates: {},
        excludeSelfCommitted: false,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      const pub = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/publish`, { publicValueSource: '中国福利彩票3D开奖号码' });
      assert.equal(pub.status, 200, JSON.stringify(pub.body));
      const drawn = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/draw`, { publicValue: `${periodStart} 3D 4 5 6` });
      assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
      const row = await t.ctx.database.db.selectFrom('random_plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.ok(row.result_sha256, 'the result is kept with the plan');
      const result = parseDrawResult((await readBlob(t.dataDir, row.result_sha256!)).toString('utf8'));
      return { id, leader, body: drawn.body, result };
    }

    const key = (usci: string, inspectors: readonly string[]) => `${usci}:${inspectors.join(',')}`;
    async function assertEachOnce(id: string, drawn: readonly DrawnUnit[]) {
      const tasks = await tasksOfPlan(t.ctx.database.db, id);
      assert.equal(tasks.length, drawn.length, 'one task per drawn unit');
      assert.deepEqual(tasks.map((x) => key(x.usci, x.inspectorIds)).sort(), drawn.map((d) => key(d.usci, d.inspectors)).sort(), 'the drawn inspectors');
    }

    test('SUP-05 the draw answers with the first tasks written and the rest pending; its event writes the rest, a batch per transaction; the replay compares with the kept result', async () => {
      const { id, leader, body, result } = await drawAll('2027-01-01');
      const drawn = body.summary.drawn as number;
      assert.ok(drawn > 3 * PER, `enough units for several batches (${drawn})`);
      assert.equal(body.tasksPending, drawn - PER);
      assert.equal(result.drawn.length, drawn);
      assert.equal(result.seed, body.seed);
      const db = t.ctx.database.db;
      const firstTasks = await tasksOfPlan(db, id);
      assert.deepEqual(
        firstTasks.map((x) => key(x.usci, x.inspectorIds)).sort(),
        result.drawn
          .slice(0, PER)
          .map((d) => key(d.usci, d.inspectors))
          .sort(),
        'the draw wrote the tasks of the first units drawn',
      );
      const shown = await call(t, leader, 'GET', `/api/v1/supervision/plans/${id}`);
      assert.equal(shown.body.tasksPending, drawn - PER, 'the plan shows how many are still to be written');

      // Until they are written, the draw history another plan of the area would freeze is incomplete: its publication waits.
      const next = await call(t, leader, 'POST', '/api/v1/supervision/plans', {
        title: '下一轮抽查',
        purpose: '下一轮',
        periodStart: '2027-07-01',
        periodEnd: '2027-12-31',
        defaultRate: 0.1,
        rates: {},
      });
      assert.equal(next.status, 201, JSON.stringify(next.body));
      const early = await call(t, leader, 'POST', `/api/v1/supervision/plans/${next.body.id}/publish`, { publicValueSource: '中国福利彩票3D开奖号码' });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.equal(early.body.code, 'SUPERVISION.DRAW_TASKS_PENDING');
      assert.match(early.body.message, /检查任务尚在生成/);

      await t.drain();
      await assertEachOnce(id, result.drawn);
      assert.equal((await call(t, leader, 'GET', `/api/v1/supervision/plans/${id}`)).body.tasksPending, 0);
      const later = await call(t, leader, 'POST', `/api/v1/supervision/plans/${next.body.id}/publish`, { publicValueSource: '中国福利彩票3D开奖号码' });
      assert.equal(later.status, 200, JSON.stringify(later.body));
      const batches = await db
        .selectFrom('audit_events')
        .select('details')
        .where('target_id', '=', id)
        .where('action', '=', 'random_plan.write_tasks')
        .execute();
      assert.equal(batches.length, Math.ceil((drawn - PER) / PER), 'one recorded transaction per batch');
      const delivery = await db
        .selectFrom('event_deliveries')
        .innerJoin('domain_events', 'domain_events.id', 'event_deliveries.event_id')
        .select(['event_deliveries.status'])
        .where('domain_events.target_id', '=', id)
        .where('event_deliveries.subscriber', '=', 'supervision.write_draw_tasks')
        .execute();
      assert.deepEqual(
        delivery.map((d) => d.status),
        ['done'],
      );
      const replay = await call(t, null, 'GET', `/api/v1/public/plans/${id}/replay`);
      assert.equal(replay.status, 200, JSON.stringify(replay.body));
      assert.equal(replay.body.identical, true);
      const results = await call(t, null, 'GET', `/api/v1/public/plans/${id}/results`);
      assert.equal(results.body.items.length, drawn);
    });

    test('SUP-05 twenty writers of the same pending tasks at once write each unit’s task once', async () => {
      const { id, body, result } = await drawAll('2028-01-01');
      const drawn = body.summary.drawn as number;
      const runs = await Promise.all(Array.from({ length: 20 }, () => writePendingDrawTasks(t.ctx, systemActor('test'), { planId: id })));
      assert.equal(
        runs.reduce((s, r) => s + r.written, 0),
        drawn - PER,
        'together they wrote exactly the pending tasks',
      );
      await assertEachOnce(id, result.drawn);
      await t.drain(); // the draw's own event finds nothing left
      await assertEachOnce(id, result.drawn);
    });

    test('SUP-05 a writer that fails half-way leaves whole batches; the next one resumes where the count stands', async () => {
      const { id, body, result } = await drawAll('2026-01-01');
      const drawn = body.summary.drawn as number;
      const db = t.ctx.database.db;
      // The unit of the third batch disappears from the directory under the writer (a fault it cannot write past).
      const lost = result.drawn[3 * PER]!.usci;
      await db.updateTable('units').set({ usci: 'GONE' }).where('usci', '=', lost).execute();
      await assert.rejects(writePendingDrawTasks(t.ctx, systemActor('test'), { planId: id }), /not in the directory/);
      assert.equal((await tasksOfPlan(db, id)).length, 3 * PER, 'the draw’s batch and the two before the fault');
      const plan = await db.selectFrom('random_plans').select('tasks_pending').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(plan.tasks_pending, drawn - 3 * PER);
      await db.updateTable('units').set({ usci: lost }).where('usci', '=', 'GONE').execute();
      assert.equal((await writePendingDrawTasks(t.ctx, systemActor('test'), { planId: id })).written, drawn - 3 * PER);
      await assertEachOnce(id, result.drawn);
    });
  });
}
