import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DrawInput, type DrawUnit, drawInputLines, parseDrawInput, runDraw, runDrawOnText } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { RandomPlanTable } from '../../db/schema.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call } from '../../test-support/http.ts';
import { drawStandings } from '../credit/index.ts';
import { freezeDrawInput, sm3 } from './draw-input.ts';
import { PLAN_RATES } from './supervision.columns.ts';

/**
 * SUP-08: the draw input publication writes (the store makes the units' lines, page by page) is byte for byte what
 * the domain's `drawInputLines` makes of the directory read row by row — with units drawn before, units inspected
 * for the plan's purpose, a credit standing that changes a unit's stratum, a fire date and a unit without a venue kind.
 */

/** The directory as the draw sees it, read the plain way: one object per unit (the reference the file is checked against). */
async function expectedInput(db: Executor, plan: RandomPlanTable): Promise<DrawInput> {
  const units = await db
    .selectFrom('units')
    .select(['usci', 'risk_level', 'credit_level', 'key_unit', 'venue_kind', 'self_commitment', 'last_fire_on'])
    .where('agency_path', 'like', `${plan.agency_path}%`)
    .execute();
  const history = await db
    .selectFrom('inspection_tasks')
    .innerJoin('random_plans', 'random_plans.id', 'inspection_tasks.plan_id')
    .select(['inspection_tasks.usci', 'random_plans.period_start'])
    .where('inspection_tasks.agency_path', 'like', `${plan.agency_path}%`)
    .where('inspection_tasks.purpose', '=', 'random')
    .execute();
  const inspected = await db
    .selectFrom('inspection_tasks')
    .select('usci')
    .where('agency_path', 'like', `${plan.agency_path}%`)
    .where('trigger_reason', '=', plan.purpose)
    .where('created_at', '>=', `${plan.period_start}T00:00:00`)
    .execute();
  const inspectors = await db
    .selectFrom('inspectors')
    .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
    .innerJoin('users', 'users.id', 'inspectors.user_id')
    .select('inspectors.user_id')
    .where('agencies.path', 'like', `${plan.agency_path}%`)
    .where('inspectors.active', '=', 1)
    .where('users.disabled', '=', 0)
    .where('inspectors.certified_until', '>=', plan.period_start)
    .execute();
  const conflicts = await db.selectFrom('inspector_conflicts').select(['inspector_user_id', 'usci']).execute();
  const standings = await drawStandings(db, plan.agency_path);
  const order = { low: 0, medium: 1, high: 2 } as const;
  return {
    plan: PLAN_RATES.decode(plan.rates_json)!,
    drawDate: plan.period_start,
    units: units.map((u): DrawUnit => {
      const s = standings.get(u.usci);
      return {
        usci: u.usci,
        riskLevel: s && order[s.riskLevel] > order[u.risk_level] ? s.riskLevel : u.risk_level,
        creditLevel: s ? s.creditLevel : u.credit_level,
        keyUnit: u.key_unit === 1,
        venueKind: u.venue_kind,
        selfCommitment: u.self_commitment === 1,
        lastFireOn: u.last_fire_on,
        drawnOn: history.filter((h) => h.usci === u.usci).map((h) => h.period_start),
        inspectedForPurpose: inspected.some((i) => i.usci === u.usci),
      };
    }),
    inspectors: inspectors.map((i) => ({ userId: i.user_id, conflicts: conflicts.filter((c) => c.inspector_user_id === i.user_id).map((c) => c.usci) })),
  };
}

for (const database of DATABASES) {
  describe(`supervision draw input [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('SUP-08 the published file is the domain’s text of the directory, whatever the page size; the draw over the text is the draw over the parsed input', async () => {
      const db = t.ctx.database.db;
      const leader = await t.login('leader.211000');
      const plan = async (periodStart: string, rates: Record<string, number>) => {
        const created = await call(t, leader, 'POST', '/api/v1/supervision/plans', {
          title: `抽查计划 ${periodStart}`,
          purpose: '日常监督抽查',
          periodStart,
          periodEnd: '2027-12-31',
          defaultRate: 0.3,
          rates,
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        return created.body.id as string;
      };
      // A first plan drawn: its units have a draw history in the next one, and (the next one's period having begun
      // before they were drawn) count as inspected for the purpose.
      const first = await plan('2026-06-01', {});
      const pub = await call(t, leader, 'POST', `/api/v1/supervision/plans/${first}/publish`, { publicValueSource: '2026-06-01 中国福利彩票3D开奖号码' });
      assert.equal(pub.status, 200, JSON.stringify(pub.body));
      const drawn = await call(t, leader, 'POST', `/api/v1/supervision/plans/${first}/draw`, { publicValue: '2026-06-01 3D 1 2 3' });
      assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
      assert.ok(drawn.body.summary.drawn > 0);

      const units = await db
        .selectFrom('units')
        .select(['usci', 'agency_id', 'agency_path', 'name'])
        .where('region_code', '=', '211000')
        .orderBy('usci')
        .execute();
      assert.ok(units.length >= 6, 'the demo directory of 辽阳 has units to vary');
      await db.updateTable('units').set({ last_fire_on: '2026-03-04' }).where('usci', '=', units[1]!.usci).execute();
      await db.updateTable('units').set({ venue_kind: null }).where('usci', '=', units[2]!.usci).execute();
      await db.updateTable('units').set({ risk_level: 'low', credit_level: 'A' }).where('usci', '=', units[3]!.usci).execute();
      await db
        .insertInto('credit_standings')
        .values({
          usci: units[3]!.usci,
          agency_id: units[3]!.agency_id,
          agency_path: units[3]!.agency_path,
          subject_name: units[3]!.name,
          score: 55,
          level: 'D',
          blacklisted: 0,
          explanation_json: '[]',
          risk_score: 80,
          risk_level: 'high',
          risk_factors_json: '[]',
          policy_version: 'test',
          version: 1,
          computed_at: new Date().toISOString(),
        })
        .execute();

      const second = await plan('2026-01-01', { 'high|D|general': 1 });
      const row = await db.selectFrom('random_plans').selectAll().where('id', '=', second).executeTakeFirstOrThrow();
      const expected = await expectedInput(db, row);
      assert.ok(
        expected.units.some((u) => u.drawnOn.length > 0 && u.inspectedForPurpose),
        'units of the first draw have a history',
      );
      const text = [...drawInputLines(expected)].join('');
      for (const unitsPerPage of [1, 4, 7, 50_000]) {
        const frozen = await freezeDrawInput(db, t.config.dataDir, row, unitsPerPage);
        const file = (await readBlob(t.config.dataDir, frozen.sha256)).toString('utf8');
        assert.equal(file, text, `pages of ${unitsPerPage}`);
        assert.equal(frozen.inputsHash, sm3(text));
        assert.equal(frozen.units, expected.units.length);
      }
      const standing = parseDrawInput(text).units.find((u) => u.usci === units[3]!.usci)!;
      assert.deepEqual([standing.riskLevel, standing.creditLevel], ['high', 'D'], 'the credit standing sets the unit’s stratum');

      // The draw reads the file as text; the replay parses it whole: the same result.
      for (const publicValue of ['2026-12-01 3D 5 8 1', 'x']) {
        assert.deepEqual(runDrawOnText(text, publicValue, sm3, sm3(text)), runDraw(parseDrawInput(text), publicValue, sm3, sm3(text)));
      }
      // A file whose units are out of order is sorted before it is drawn, as runDraw sorts them.
      const lines = text.split('\n');
      const firstUnit = lines.findIndex((l) => l.startsWith('unit\t'));
      [lines[firstUnit], lines[firstUnit + 1]] = [lines[firstUnit + 1]!, lines[firstUnit]!];
      const shuffled = lines.join('\n');
      assert.deepEqual(runDrawOnText(shuffled, 'y', sm3, 'h'), runDraw(parseDrawInput(shuffled), 'y', sm3, 'h'));
    });
  });
}
