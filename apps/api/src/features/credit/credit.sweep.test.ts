import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CreditStandingRow } from '../../db/schema/credit.ts';
import { systemActor } from '../../platform/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { transact } from '../../platform/transact.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { sweepCredit, sweepCreditPerUnit } from './index.ts';
import { recomputeStanding } from './standings.ts';

/**
 * The set-based nightly sweep (CRD-01, CRD-04) stores exactly what the per-unit path stores: on a generated set
 * of units with records of every kind, severity, status and age, the clock moved so that records leave their
 * publicity period, both sweeps leave the same standings, the same level history and the same counts.
 */
const DAY = 86_400_000;
const KINDS = ['penalty', 'false_commitment', 'order_overdue', 'order_refused', 'major_hazard', 'reward', 'commendation'] as const;
const POINTS: Record<(typeof KINDS)[number], [number, number]> = {
  penalty: [-5, -15],
  false_commitment: [-10, -20],
  order_overdue: [-5, -30],
  order_refused: [-10, -20],
  major_hazard: [-5, -10],
  reward: [5, 5],
  commendation: [3, 3],
};

for (const database of DATABASES) {
  describe(`credit sweep [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('CRD-01 CRD-04 the set-based sweep stores the same standings and level history as the per-unit path', async () => {
      const db = t.ctx.database.db;
      const units = await db.selectFrom('units').select(['usci', 'agency_id', 'name']).orderBy('usci').limit(60).execute();
      assert.ok(units.length >= 10, 'the seeded directory has units');
      // Subjects outside the directory are judged under their latest record's agency.
      const subjects = [
        ...units.map((u) => ({ usci: u.usci, agencyId: u.agency_id, name: u.name })),
        ...[1, 2, 3].map((k) => ({ usci: `91000000SWEEP000${k}X`, agencyId: units[k]!.agency_id, name: `目录外单位${k}` })),
      ];
      let seed = 20261207;
      const rnd = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const now = t.clock.now.getTime();
      const records = subjects.flatMap((s, i) =>
        Array.from({ length: Math.floor(rnd() * 5) }, (_, k) => {
          const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
          const serious = rnd() < 0.3;
          const at = new Date(now - Math.floor(rnd() * 4 * 365) * DAY);
          return {
            id: uuidv7(now + i * 10 + k),
            usci: s.usci,
            agency_id: s.agencyId,
            kind,
            severity: serious ? ('serious' as const) : ('general' as const),
            points: POINTS[kind][serious ? 1 : 0],
            reason: '生成的信用记录',
            source_type: 'test',
            source_id: `${s.usci}-${k}`,
            occurred_at: at.toISOString(),
            on_date: at.toISOString().slice(0, 10),
            status: rnd() < 0.85 ? ('active' as const) : ('withdrawn' as const),
            policy_version: null,
            subject_name: s.name,
          };
        }),
      );
      for (let i = 0; i < records.length; i += 100)
        await db
          .insertInto('credit_events')
          .values(records.slice(i, i + 100))
          .execute();
      const withRecords = [...new Set(records.map((r) => r.usci))];
      for (const usci of withRecords)
        await transact(t.ctx, systemActor('test'), async (trx, audit) => {
          await recomputeStanding(trx, usci, t.clock.now, 'record');
          await audit({ action: 'credit_standing.recompute', outcome: 'success', targetType: 'credit_standing', targetId: usci, details: { cause: 'record' } });
        });

      // A year and a half later: records leave their publicity period, levels move.
      t.clock.advance(540 * DAY);
      const snapshot = async () => (await db.selectFrom('credit_standings').selectAll().orderBy('usci').execute()) as CreditStandingRow[];
      const history = async () =>
        (await db.selectFrom('credit_level_history').selectAll().where('cause', '=', 'sweep').orderBy('usci').execute()).map(({ id: _, ...h }) => h);
      const stale = await snapshot();
      assert.equal(stale.length, withRecords.length);

      const perUnit = await sweepCreditPerUnit(t.ctx, 'test-per-unit');
      const expected = await snapshot();
      const expectedHistory = await history();
      assert.ok(perUnit.written > 0 && perUnit.changed > 0, `the generated set moves (${JSON.stringify(perUnit)})`);
      assert.ok(perUnit.written < withRecords.length, 'and some standings stay');

      // Back to the stale standings, then the set-based sweep in small pages (paging and chunks exercised).
      await db.deleteFrom('credit_level_history').where('cause', '=', 'sweep').execute();
      for (const row of stale) await db.updateTable('credit_standings').set(row).where('usci', '=', row.usci).execute();
      assert.deepEqual(await snapshot(), stale);
      const batched = await sweepCredit(t.ctx, 'test-batched', 7);
      assert.deepEqual(batched, perUnit);
      assert.deepEqual(await snapshot(), expected);
      assert.deepEqual(await history(), expectedHistory);

      // Again on the same day: nothing moves, nothing is written.
      const again = await sweepCredit(t.ctx, 'test-batched', 7);
      assert.deepEqual([again.recomputed, again.written, again.changed], [withRecords.length, 0, 0]);
      assert.deepEqual(await snapshot(), expected);
    });

    test('CRD-04 the sweep is lease-protected: while another instance holds the lease it does not run', async () => {
      const other = await sweepCredit(t.ctx, 'test-holder-a');
      assert.equal(other.ran, true);
      // A lease held by another instance: the second sweep does not run.
      const { acquireLease, releaseLease } = await import('../../platform/jobs/lease.ts');
      assert.equal(await acquireLease(t.ctx.database.db, 'credit-sweep', 'other-instance', t.clock.now, 60_000), true);
      assert.deepEqual(await sweepCredit(t.ctx, 'test-holder-b'), { ran: false, recomputed: 0, written: 0, changed: 0 });
      await releaseLease(t.ctx.database.db, 'credit-sweep', 'other-instance');
    });
  });
}
