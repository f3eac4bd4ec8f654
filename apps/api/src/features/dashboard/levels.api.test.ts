import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { CREDIT_LEVEL_CHANGED, creditLevelCounts, recordCreditEvent, sweepCredit } from '../credit/index.ts';
import { UNITS_DIRECTORY_CHANGED } from '../units/index.ts';
import { dashboardSubscribers, levelFigures } from './index.ts';

/**
 * MON-02: the credit and risk distribution of the leaders' dashboard comes from a rollup the domain events keep
 * (credit.level_changed, units.directory_changed, licensing.permit_granted), not from counting the units. Its
 * figures equal the credit feature's own count (CRD-04: a unit's standing, else its directory levels) for every
 * agency of the demo store, move when a level moves (after the event is dispatched), and count a unit once
 * however many deliveries of its events race.
 */
const N = 20;
const key = (c: { level: string; risk: string; units: number }) => `${c.level}|${c.risk}|${c.units}`;

for (const database of DATABASES) {
  describe(`dashboard: credit and risk distribution from the rollup [${database}]`, () => {
    let t: TestApp;
    let leader: string;
    let brigade: { id: string; path: string };
    before(async () => {
      t = await startTestApp(database);
      leader = await t.login('leader.211000');
      brigade = await t.ctx.database.db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', '211002').executeTakeFirstOrThrow();
    });
    after(() => t.close());

    const rollup = dashboardSubscribers[0]!;
    /** The rollup's figures and the credit feature's count of the same scope, for every agency of the store. */
    const agreeEverywhere = async () => {
      const db = t.ctx.database.db;
      const agencies = await db.selectFrom('agencies').select('path').execute();
      assert.ok(agencies.length > 5);
      for (const a of agencies) {
        const counted = (await creditLevelCounts(db, { kind: 'agency_and_below', agencyPath: a.path })).map(key).sort();
        assert.deepEqual((await levelFigures(db, a.path)).map(key).sort(), counted, a.path);
      }
    };
    const levels = async () => {
      const r = await call(t, leader, 'GET', `/api/v1/dashboard?agencyId=${brigade.id}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return {
        credit: Object.fromEntries((r.body.creditLevels as Json[]).map((c) => [c.label, c.n])),
        risk: Object.fromEntries((r.body.riskLevels as Json[]).map((c) => [c.label, c.n])),
      };
    };
    const unitWithoutStanding = async () => {
      const db = t.ctx.database.db;
      const u = await db
        .selectFrom('units')
        .leftJoin('credit_standings', 'credit_standings.usci', 'units.usci')
        .select(['units.usci', 'units.credit_level', 'units.risk_level'])
        .where('units.agency_path', '=', brigade.path)
        .where('credit_standings.usci', 'is', null)
        .orderBy('units.usci', 'desc')
        .executeTakeFirstOrThrow();
      return u;
    };
    const directoryEvent = (uscis: string[], id = uuidv7()): DomainEvent => ({
      id,
      type: UNITS_DIRECTORY_CHANGED,
      targetType: 'unit',
      targetId: uscis[0]!,
      agencyId: brigade.id,
      payload: { uscis },
      actorUserId: null,
      occurredAt: t.clock.now.toISOString(),
    });

    test('MON-02 the rollup seeded with the demo units gives the credit feature’s count for every agency', async () => {
      await agreeEverywhere();
    });

    test('MON-02 a unit’s credit level moving moves the dashboard’s distribution once its event is dispatched', async () => {
      const u = await unitWithoutStanding();
      const before = await levels();
      await recordCreditEvent(t.ctx, systemActor(), {
        usci: u.usci,
        agencyId: brigade.id,
        kind: 'false_commitment',
        severity: 'serious',
        reason: '驾驶舱分布测试',
        sourceType: 'commendation',
        sourceId: `levels-${database}-1`,
        occurredAt: t.clock.now.toISOString(),
      });
      const standing = await t.ctx.database.db.selectFrom('credit_standings').selectAll().where('usci', '=', u.usci).executeTakeFirstOrThrow();
      assert.notEqual(standing.level, u.credit_level, 'the record moves the level');
      const event = await t.ctx.database.db
        .selectFrom('domain_events')
        .selectAll()
        .where('type', '=', CREDIT_LEVEL_CHANGED)
        .where('target_id', '=', u.usci)
        .executeTakeFirstOrThrow();
      assert.ok(event.agency_id);
      assert.deepEqual(await levels(), before, 'not before the event is dispatched');
      await t.drain();
      const after = await levels();
      assert.equal(after.credit[`${standing.level}级`], before.credit[`${standing.level}级`] + 1);
      assert.equal(after.credit[`${u.credit_level}级`], before.credit[`${u.credit_level}级`] - 1);
      await agreeEverywhere();
    });

    test('MON-02 the nightly recomputation announces the units of a chunk in one event, and the distribution follows', async () => {
      const db = t.ctx.database.db;
      const standing = await db
        .selectFrom('credit_standings')
        .innerJoin('units', 'units.usci', 'credit_standings.usci')
        .select(['credit_standings.usci', 'credit_standings.level'])
        .where('units.agency_path', '=', brigade.path)
        .execute();
      assert.ok(standing.length >= 1, 'the earlier test gave a unit a standing');
      const uscis = standing.map((s) => s.usci);
      // Standings made stale behind the rollup's back, and the rollup told of it: it counts them at the stale level.
      const stale = standing[0]!.level === 'A' ? 'B' : 'A';
      await db.updateTable('credit_standings').set({ level: stale, policy_version: 'stale' }).where('usci', 'in', uscis).execute();
      await rollup.handle({ ...t.ctx }, directoryEvent(uscis));
      const staleFigures = await levels();
      const events = async () =>
        Number(
          (
            await db
              .selectFrom('domain_events')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('type', '=', CREDIT_LEVEL_CHANGED)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await events();
      const earlier = new Set((await db.selectFrom('domain_events').select('id').where('type', '=', CREDIT_LEVEL_CHANGED).execute()).map((e) => e.id));
      const run = await sweepCredit(t.ctx, 'levels-test');
      assert.ok(run.written >= uscis.length, JSON.stringify(run));
      assert.equal(await events(), before + 1, 'one event for the chunk');
      // The sweep's event (ids of one test-clock millisecond do not sort by time: the new one is the one not seen before).
      const event = (await db.selectFrom('domain_events').selectAll().where('type', '=', CREDIT_LEVEL_CHANGED).execute()).find((e) => !earlier.has(e.id))!;
      const listed = (JSON.parse(event.payload) as { units: { usci: string; levelFrom: string }[] }).units;
      for (const u of uscis) assert.equal(listed.find((x) => x.usci === u)?.levelFrom, stale);
      assert.deepEqual(await levels(), staleFigures, 'not before the event is dispatched');
      await t.drain();
      assert.notDeepEqual(await levels(), staleFigures);
      await agreeEverywhere();
    });

    test('MON-02 a unit registered is counted in its agency’s distribution', async () => {
      const clerk = await t.login('clerk.211000');
      const before = await levels();
      const r = await call(t, clerk, 'POST', '/api/v1/units', {
        usci: completeUsci(`91211002MA10${database === 'sqlite' ? '1' : '2'}0088`),
        name: '辽阳分布测试商贸有限公司',
        address: '白塔区测试路12号',
        regionCode: '211002',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      await t.drain();
      const after = await levels();
      const total = (m: Record<string, number>) => Object.values(m).reduce((s, n) => s + n, 0);
      assert.equal(total(after.credit), total(before.credit) + 1);
      assert.equal(total(after.risk), total(before.risk) + 1);
      await agreeEverywhere();
    });

    test('MON-02 units imported, then re-imported at another credit level, move the distribution once dispatched', async () => {
      const clerk = await t.login('clerk.211000');
      const header = '统一社会信用代码,单位名称,地址,行政区划代码,场所类别,建筑面积,重点单位,风险等级,信用等级,自我管理承诺,联系人,联系电话';
      const usci = (n: number) => completeUsci(`91211002MA${database === 'sqlite' ? '3' : '4'}${String(n).padStart(6, '0')}`);
      const send = async (level: string) => {
        const csv = [
          header,
          `${usci(1)},分布导入一,白塔区导入路1号,211002,,,否,高,${level},否,,`,
          `${usci(2)},分布导入二,白塔区导入路2号,211002,,,否,高,${level},否,,`,
        ].join('\n');
        const mp = multipartFile('units.csv', Buffer.from(csv), 'text/csv');
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/units/import', headers: { ...bearer(clerk), ...mp.headers }, payload: mp.payload });
        assert.equal(r.statusCode, 200, r.body);
      };
      const before = await levels();
      await send('C');
      assert.deepEqual(await levels(), before, 'not before the event is dispatched');
      await t.drain();
      const imported = await levels();
      assert.equal(imported.credit['C级'], before.credit['C级'] + 2);
      assert.equal(imported.risk['高风险'], before.risk['高风险'] + 2);
      await send('D');
      await t.drain();
      const moved = await levels();
      assert.equal(moved.credit['C级'], before.credit['C级']);
      assert.equal(moved.credit['D级'], before.credit['D级'] + 2);
      await agreeEverywhere();
    });

    test('MON-02 20 parallel deliveries of one event, then 20 different events of one unit, count the unit once', async () => {
      const db = t.ctx.database.db;
      const u = await unitWithoutStanding();
      const to = u.credit_level === 'D' ? 'A' : 'D';
      const before = await levels();
      // The directory's level rewritten (as an import rewrites it), then its event delivered 20 times at once.
      await db.updateTable('units').set({ credit_level: to }).where('usci', '=', u.usci).execute();
      const one = directoryEvent([u.usci]);
      const rs = await Promise.allSettled(Array.from({ length: N }, () => rollup.handle({ ...t.ctx }, one)));
      assert.deepEqual(
        rs.filter((r) => r.status === 'rejected'),
        [],
      );
      const moved = await levels();
      assert.equal(moved.credit[`${to}级`], before.credit[`${to}级`] + 1);
      assert.equal(moved.credit[`${u.credit_level}级`], before.credit[`${u.credit_level}级`] - 1);
      await agreeEverywhere();
      // Back, announced by 20 different events of that unit and others at once: each unit still counted once.
      await db.updateTable('units').set({ credit_level: u.credit_level }).where('usci', '=', u.usci).execute();
      const others = (await db.selectFrom('units').select('usci').where('agency_path', '=', brigade.path).limit(5).execute()).map((x) => x.usci);
      const rs2 = await Promise.allSettled(
        Array.from({ length: N }, (_, i) => rollup.handle({ ...t.ctx }, directoryEvent(i % 2 ? [u.usci, ...others] : [...others, u.usci]))),
      );
      assert.deepEqual(
        rs2.filter((r) => r.status === 'rejected'),
        [],
      );
      assert.deepEqual(await levels(), before);
      await agreeEverywhere();
    });
  });
}
