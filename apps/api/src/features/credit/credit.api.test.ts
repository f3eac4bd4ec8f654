import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { transact } from '../../platform/transact.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { overridePolicy } from '../../test-support/policy.ts';
import { FALSE_COMMITMENT_FOUND, type FalseCommitmentFound } from '../enforcement/index.ts';

/**
 * CRD: a false commitment's credit deduction is the finding agency's credit.deductions policy on the
 * day of the finding, and the credit event and its record event name the version used.
 */
const DAY = 86_400_000;

for (const database of DATABASES) {
  describe(`credit: deductions from policy [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    let n = 0;
    async function findFalseCommitment(regionCode: string, serious: boolean): Promise<string> {
      const agency = (await findAgency(t.ctx.database.db, regionCode))!;
      const taskId = `task-credit-${database}-${++n}`;
      const payload: FalseCommitmentFound = {
        taskId,
        licenceId: null,
        applicationId: null,
        agencyId: agency.id,
        agencyPath: agency.path,
        usci: completeUsci(`9144010600000${String(n).padStart(4, '0')}`),
        subjectName: '信用测试餐饮有限公司',
        findings: '安全出口被锁闭，与承诺不符',
        serious,
      };
      await transact(t.ctx, systemActor(), async (_trx, audit, emit) => {
        await audit({ action: 'inspection_task.verify', targetType: 'inspection_task', targetId: taskId, details: { outcome: 'false_commitment' } });
        emit({ type: FALSE_COMMITMENT_FOUND, targetType: 'inspection_task', targetId: taskId, agencyId: agency.id, payload: payload as never });
      });
      return taskId;
    }
    const creditEvent = (taskId: string) => t.ctx.database.db.selectFrom('credit_events').selectAll().where('source_id', '=', taskId).executeTakeFirstOrThrow();
    const recordEvent = (id: string) =>
      t.ctx.database.db
        .selectFrom('audit_events')
        .select(['policy_version'])
        .where('action', '=', 'credit_event.record')
        .where('target_id', '=', id)
        .executeTakeFirstOrThrow();

    test("CRD a jurisdiction's override changes a false commitment's points from the day it takes effect; findings before it keep the national points", async () => {
      const tomorrow = new Date(t.clock.now.getTime() + DAY).toISOString().slice(0, 10);
      const key = await overridePolicy(t, '440106', 'credit.deductions', { falseCommitment: { general: 5, serious: 30 } }, tomorrow);
      assert.equal(key, 'credit.deductions@440106v1');
      const before = await findFalseCommitment('440106', true);
      t.clock.advance(2 * DAY);
      const serious = await findFalseCommitment('440106', true);
      const general = await findFalseCommitment('440106', false);
      const elsewhere = await findFalseCommitment('211002', true);
      await t.drain();
      const table: Array<[string, string, number, string]> = [
        ['found before the override took effect (delivered after)', before, -20, 'credit.deductions@national'],
        ['serious, under the override', serious, -30, 'credit.deductions@national+440106v1'],
        ['general, under the override', general, -5, 'credit.deductions@national+440106v1'],
        ['another jurisdiction', elsewhere, -20, 'credit.deductions@national'],
      ];
      for (const [what, taskId, points, version] of table) {
        const e = await creditEvent(taskId);
        assert.equal(e.points, points, what);
        assert.equal(e.policy_version, version, what);
        assert.equal((await recordEvent(e.id)).policy_version, version, `${what}: the record event cites the version`);
      }
    });
  });
}
