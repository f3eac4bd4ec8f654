import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call } from '../../test-support/http.ts';
import { DEMO_CENTRE, ingestMessage, sweepMonitoringTriggers } from './index.ts';

/**
 * MON-01 → SUP-06: a unit whose remote monitoring passes the thresholds of `monitoring.check_trigger` (national
 * defaults: 30 days, 5 fire alarms, 20 faults or supervisory alarms, a device silent 72 hours) is inspected apart
 * from the random draw: one task per unit and month with the reasons, raised once however often the sweep runs.
 */
const TOPIC = `fep/v1/centres/${DEMO_CENTRE.code}/events`;

for (const database of DATABASES) {
  describe(`monitoring: checks triggered by alarms, faults and silent devices [${database}]`, () => {
    let t: TestApp;
    const usci = new Map<string, string>();
    let n = 0;
    before(async () => {
      t = await startTestApp(database);
      for (const d of await t.ctx.database.db.selectFrom('monitoring_devices').select(['device_code', 'usci']).execute()) usci.set(d.device_code, d.usci);
    });
    after(() => t.close());
    const at = (secondsAgo: number) => new Date(t.clock.now.getTime() - secondsAgo * 1000).toISOString();
    const send = async (deviceId: string, type: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const r = await ingestMessage(t.ctx, { topic: TOPIC, payload: JSON.stringify({ messageId: `trig-${n++}`, deviceId, type, occurredAt: at(600 + i) }) });
        assert.equal(r.outcome, 'stored');
      }
    };
    const tasksOf = (u: string) =>
      t.ctx.database.db.selectFrom('inspection_tasks').selectAll().where('usci', '=', u).where('purpose', '=', 'monitoring_alert').execute();

    test('MON-01/SUP-06 20 faults in the window open one check with the reason; 4 fire alarms do not; a second sweep raises nothing', async () => {
      await send('UITD-LY-0002', 'fault', 12);
      await send('UITD-LY-0002', 'supervisory', 8);
      await send('UITD-LY-0001', 'fire_alarm', 4);
      await t.drain();
      const first = await sweepMonitoringTriggers(t.ctx, 'night-1');
      assert.deepEqual(first, { ran: true, raised: 1 });
      await t.drain();
      const tasks = await tasksOf(usci.get('UITD-LY-0002')!);
      assert.equal(tasks.length, 1);
      assert.match(tasks[0]!.trigger_reason ?? '', /^远程监控：近30天故障和监管报警 20 次（达到 20 次）$/);
      assert.equal((await tasksOf(usci.get('UITD-LY-0001')!)).length, 0, 'four fire alarms are under the threshold');
      assert.deepEqual(await sweepMonitoringTriggers(t.ctx, 'night-2'), { ran: true, raised: 0 });
      await t.drain();
      assert.equal((await tasksOf(usci.get('UITD-LY-0002')!)).length, 1);
      // The task reads in the inspectors' queue with its purpose in Chinese.
      const clerk = await t.login('clerk.211000');
      const task = await call(t, clerk, 'GET', `/api/v1/inspection-tasks/${tasks[0]!.id}`);
      assert.equal(task.status, 200, JSON.stringify(task.body));
      assert.equal(task.body.purposeLabel, '远程监控异常检查');
      assert.match(task.body.reason, /故障和监管报警 20 次/);
      const audit = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'monitoring.check_triggered')
        .where('target_id', '=', usci.get('UITD-LY-0002')!)
        .execute();
      assert.equal(audit.length, 1);
    });

    test('MON-01/SUP-06 the fifth fire alarm: 20 parallel sweeps open one check', async () => {
      await send('UITD-LY-0001', 'fire_alarm', 1);
      await t.drain();
      const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => sweepMonitoringTriggers(t.ctx, `parallel-${i}`)));
      assert.equal(
        runs.reduce((s, r) => s + r.raised, 0),
        1,
      );
      await t.drain();
      const tasks = await tasksOf(usci.get('UITD-LY-0001')!);
      assert.equal(tasks.length, 1);
      assert.match(tasks[0]!.trigger_reason ?? '', /火警信号 5 次/);
    });

    test('MON-01/SUP-06 a device silent for 72 hours opens a check naming the hours', async () => {
      const silent = usci.get('UITD-LY-0003')!;
      assert.deepEqual(await sweepMonitoringTriggers(t.ctx, 'night-3'), { ran: true, raised: 0 }, 'registered just now, never heard: not yet');
      t.clock.advance(73 * 3_600_000);
      await sweepMonitoringTriggers(t.ctx, 'night-4');
      await t.drain();
      const tasks = await tasksOf(silent);
      assert.equal(tasks.length, 1);
      assert.match(tasks[0]!.trigger_reason ?? '', /用户信息传输装置离线 7[3-4] 小时（达到 72 小时）/);
    });
  });
}
