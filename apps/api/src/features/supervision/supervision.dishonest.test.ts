import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { agencyId, bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { recordCreditEvent } from '../credit/index.ts';
import { openDishonestTask } from './index.ts';

/**
 * CRD-02, SUP-06: a unit put on the serious-dishonesty list is inspected as a non-random trigger — credit's
 * `credit.inspection_triggered` event becomes one inspection task of purpose `dishonest`, in the task queue
 * with its reason in Chinese, once per unit and period (also under 20 parallel identical triggers).
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;

for (const database of DATABASES) {
  describe(`dishonest units inspected as a non-random trigger [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const dishonestTasks = (usci: string) =>
      t.ctx.database.db.selectFrom('inspection_tasks').selectAll().where('usci', '=', usci).where('purpose', '=', 'dishonest').execute();

    test('CRD-02 SUP-06 a unit listed as seriously dishonest gets one inspection task, in the queue with its reason', async () => {
      const db = t.ctx.database.db;
      const unit = await db.selectFrom('units').selectAll().where('agency_path', 'like', '%').orderBy('usci').executeTakeFirstOrThrow();
      assert.deepEqual(await dishonestTasks(unit.usci), []);
      // A major hazard not rectified by its deadline: the blacklist criterion of the national sanctions policy.
      await recordCreditEvent(t.ctx, systemActor(), {
        usci: unit.usci,
        agencyId: unit.agency_id,
        kind: 'order_overdue',
        severity: 'serious',
        reason: '重大火灾隐患逾期未整改（测试）',
        sourceType: 'rectification_order',
        sourceId: `dishonest-${database}`,
        occurredAt: t.clock.now.toISOString(),
      });
      const standing = await db.selectFrom('credit_standings').select(['level', 'blacklisted']).where('usci', '=', unit.usci).executeTakeFirstOrThrow();
      assert.deepEqual(standing, { level: 'D', blacklisted: 1 });
      await t.drain();
      const tasks = await dishonestTasks(unit.usci);
      assert.equal(tasks.length, 1);
      const task = tasks[0]!;
      assert.equal(task.trigger_key, `dishonest:${unit.usci}:${t.clock.now.toISOString().slice(0, 4)}`);
      assert.match(task.trigger_reason ?? '', /^列入严重失信主体名单（重大火灾隐患逾期未整改），作为非随机触发对象实施检查$/);
      assert.ok(['assigned', 'unassigned'].includes(task.status));

      // The queue of the unit's agency shows it with the reason, in Chinese.
      const login = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select('users.username')
        .where('agencies.id', '=', unit.agency_id)
        .where('users.username', 'like', 'leader.%')
        .executeTakeFirst();
      const leader = await t.login(login?.username ?? 'leader.210000');
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/inspection-task-queue?purpose=dishonest&pageSize=100', headers: bearer(leader) });
      assert.equal(r.statusCode, 200, r.body);
      const item = (r.json() as Json).items.find((i: Json) => i.id === task.id);
      assert.ok(item, 'in the queue');
      assert.equal(item.purposeLabel.length > 0 && /[\u4e00-\u9fff]/.test(item.purposeLabel), true);
      assert.match(item.reason, /严重失信/);

      // Another record on the listed unit: still listed, no second trigger; a second sweep of events adds nothing.
      await recordCreditEvent(t.ctx, systemActor(), {
        usci: unit.usci,
        agencyId: unit.agency_id,
        kind: 'order_refused',
        severity: 'general',
        reason: '拒不改正（测试）',
        sourceType: 'rectification_order',
        sourceId: `dishonest-2-${database}`,
        occurredAt: t.clock.now.toISOString(),
      });
      await t.drain();
      assert.equal((await dishonestTasks(unit.usci)).length, 1);
    });

    test('CRD-02 20 parallel identical triggers open one task; the next period opens its own', async () => {
      const db = t.ctx.database.db;
      const unit = await db.selectFrom('units').selectAll().orderBy('usci', 'desc').executeTakeFirstOrThrow();
      const trigger = {
        usci: unit.usci,
        agencyId: await agencyId(t, unit.region_code).catch(() => unit.agency_id),
        period: '2031',
        level: 'D' as const,
        blacklisted: false,
        reason: '信用等级为D级（失信），作为非随机触发对象实施检查',
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => openDishonestTask(t.ctx, systemActor('credit-trigger'), trigger)));
      assert.equal(results.filter((x) => x !== null).length, 1);
      const tasks = (await dishonestTasks(unit.usci)).filter((x) => x.trigger_key === `dishonest:${unit.usci}:2031`);
      assert.equal(tasks.length, 1);
      assert.equal(tasks[0]!.trigger_reason, trigger.reason);
      const created = await db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'inspection_task.create')
        .where('target_id', '=', tasks[0]!.id)
        .execute();
      assert.equal(created.length, 1);
      assert.notEqual(await openDishonestTask(t.ctx, systemActor('credit-trigger'), { ...trigger, period: '2032' }), null);
      assert.equal((await dishonestTasks(unit.usci)).filter((x) => x.trigger_key?.endsWith(':2032')).length, 1);
    });
  });
}
