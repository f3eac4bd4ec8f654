import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf, type DataScope } from '@fep/domain';
import { type Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { type Executor, openDatabase } from '../../db/database.ts';
import { migrateToLatest, migrations } from '../../db/migrations/index.ts';
import type { InspectionTaskTable } from '../../db/schema.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { seededRandom as prng } from '../../platform/seeded-random.ts';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { findTask, listTasks, newInspectionTask, updateTaskIf } from '../inspections/index.ts';
import { supervisionFigures } from './figures.ts';

/**
 * SUP-13 figures from the task rollup equal the figures counted from the records (the computation the
 * figures route made before the rollup, kept here as the reference), after random operations and after
 * the migration backfills an existing store; and the task list's keyset pages are the sorted list.
 */

/** The figures as the route computed them before the rollup: counting the records in scope. */
async function directFigures(db: Executor, scope: DataScope, today: string) {
  // biome-ignore lint/suspicious/noExplicitAny: one counting helper over four tables with the same scope column
  const count = async <T extends 'random_plans' | 'inspection_tasks' | 'hazards' | 'rectification_orders'>(table: T, extra: (q: any) => any = (q) => q) => {
    const q = extra(
      db
        .selectFrom(table as 'hazards')
        .select(sql<number>`count(*)`.as('n'))
        .where(scopeFilter(scope, { agencyPath: `${table}.agency_path` as 'hazards.agency_path' })),
    );
    return Number((await q.executeTakeFirst())?.n ?? 0);
  };
  return {
    plans: await count('random_plans'),
    randomTasks: await count('inspection_tasks', (q) => q.where('purpose', '=', 'random')),
    randomTasksDone: await count('inspection_tasks', (q) => q.where('purpose', '=', 'random').where('status', '=', 'done')),
    otherTasks: await count('inspection_tasks', (q) => q.where('purpose', 'in', ['complaint', 'superior_order', 'dishonest'])),
    hazardsFound: await count('hazards'),
    hazardsFixed: await count('hazards', (q) => q.where('status', '=', 'closed')),
    majorHazardsOpen: await count('hazards', (q) => q.where('major', '=', 1).where('status', '=', 'ordered')),
    ordersOpen: await count('rectification_orders', (q) => q.where('status', 'in', ['open', 'reported'])),
    ordersOverdue: await count('rectification_orders', (q) => q.where('status', '=', 'open').where('deadline_date', '<', today)),
    ordersEscalated: await count('rectification_orders', (q) => q.where('status', '=', 'escalated')),
  };
}

/** Every task count of the rollup equals a count of the tasks (no key drifts, none is negative). */
async function assertRollupExact(db: Executor) {
  const rolled = await db.selectFrom('inspection_task_rollups').select(['agency_path', 'purpose', 'status', 'result', 'n']).where('n', '!=', 0).execute();
  const counted = await db
    .selectFrom('inspection_tasks')
    .select(['agency_path', 'purpose', 'status', sql<string>`coalesce(result, '')`.as('result'), sql<number>`count(*)`.as('n')])
    .groupBy(['agency_path', 'purpose', 'status', sql`coalesce(result, '')`])
    .execute();
  const key = (r: { agency_path: string; purpose: string; status: string; result: string; n: unknown }) =>
    `${r.agency_path}|${r.purpose}|${r.status}|${r.result}|${Number(r.n)}`;
  assert.deepEqual(rolled.map(key).sort(), counted.map(key).sort());
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;

for (const database of DATABASES) {
  describe(`supervision figures from rollups [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const call = async (token: string, method: string, url: string, payload?: unknown) => {
      const r = await t.app.inject({ method: method as 'GET', url, headers: bearer(token), ...(payload !== undefined ? { payload: payload as string } : {}) });
      return { status: r.statusCode, body: r.json() as Json, headers: r.headers };
    };
    const file = async (token: string) => {
      const mp = multipartFile('s.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
      return r.json().id as string;
    };

    test('SUP-13 after random creates, draws, records, re-inspections, cancellations and days passing, the rollup figures equal the counted ones in every scope', async () => {
      const db = t.ctx.database.db;
      const rnd = prng(database === 'sqlite' ? 13 : 31);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      // Sessions are logged in again after the clock moves (they time out).
      const names = ['clerk.211000', 'leader.211000', 'leader.210500', 'inspector.211000', 'inspector2.211000', 'applicant.211000'];
      const viewers = ['leader.210000', 'leader.211000', 'leader.211002', 'leader.210500', 'leader.440000'];
      const tokens = new Map<string, string>();
      const loginAll = async () => {
        for (const v of new Set([...names, ...viewers])) tokens.set(v, await t.login(v));
      };
      await loginAll();
      const tok = (u: string) => tokens.get(u)!;
      const ids = await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', ['inspector.211000', 'inspector2.211000'])
        .orderBy('username')
        .execute();
      const usernameOf = new Map(ids.map((u) => [u.id, u.username]));
      const inspectorOf = (json: string) => usernameOf.get((JSON.parse(json) as string[]).find((i) => usernameOf.has(i))!)!;
      const units = await db.selectFrom('units').select('usci').where('region_code', 'in', ['211000', '211002']).orderBy('usci').limit(40).execute();
      const applicantUsci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const sigs = [await file(tok('clerk.211000')), await file(tok('clerk.211000'))];

      const check = async (label: string) => {
        const today = chinaDateOf(t.ctx.now());
        for (const v of viewers) {
          const got = await call(tok(v), 'GET', '/api/v1/supervision/figures');
          assert.equal(got.status, 200);
          const agencyPath = (await db.selectFrom('agencies').select('path').where('region_code', '=', v.split('.')[1]!).executeTakeFirstOrThrow()).path;
          assert.deepEqual(got.body, await directFigures(db, { kind: 'agency_and_below', agencyPath }, today), `${label}: ${v}`);
        }
        const own = (await db.selectFrom('agencies').select('id').where('region_code', '=', '211000').executeTakeFirstOrThrow()).id;
        for (const scope of [{ kind: 'all' }, { kind: 'own_agency', agencyId: own }, { kind: 'none' }] as DataScope[])
          assert.deepEqual(await supervisionFigures(db, scope, today), await directFigures(db, scope, today), `${label}: ${scope.kind}`);
        await assertRollupExact(db);
      };

      let draws = 0;
      for (let step = 0; step < 40; step++) {
        const r = rnd();
        if (r < 0.3) {
          const created = await call(tok('clerk.211000'), 'POST', '/api/v1/supervision/tasks', {
            usci: rnd() < 0.3 ? applicantUsci : pick(units).usci,
            trigger: pick(['complaint', 'superior_order', 'dishonest'] as const),
            reason: '随机操作：举报或交办',
            inspectorIds: ids.map((u) => u.id),
          });
          assert.equal(created.status, 201, JSON.stringify(created.body));
        } else if (r < 0.36 && draws < 2) {
          const who = draws === 0 ? 'leader.211000' : 'leader.210500';
          const token = tok(who);
          const plan = await call(token, 'POST', '/api/v1/supervision/plans', {
            title: `随机操作抽查计划${step}`,
            purpose: '日常监督抽查',
            periodStart: '2027-01-01',
            periodEnd: '2027-03-31',
            defaultRate: 0.05,
          });
          assert.equal(plan.status, 201, `${who} ${JSON.stringify(plan.body)}`);
          await call(token, 'POST', `/api/v1/supervision/plans/${plan.body.id}/publish`, { publicValueSource: '次日福利彩票3D开奖号码' });
          const drawn = await call(token, 'POST', `/api/v1/supervision/plans/${plan.body.id}/draw`, { publicValue: `3D ${step}` });
          assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
          draws++;
        } else if (r < 0.65) {
          // Record an assigned task one of our inspectors holds: passed, or hazards with an order.
          const open = await db
            .selectFrom('inspection_tasks')
            .select(['id', 'inspector_ids_json'])
            .where('status', '=', 'assigned')
            .where('purpose', 'in', ['random', 'complaint', 'superior_order', 'dishonest'])
            .orderBy('id')
            .execute();
          const mine = open.filter((x) => (JSON.parse(x.inspector_ids_json) as string[]).some((i) => usernameOf.has(i)));
          if (!mine.length) continue;
          const task = pick(mine);
          const token = tok(inspectorOf(task.inspector_ids_json));
          const detail = await call(token, 'GET', `/api/v1/inspection-tasks/${task.id}`);
          const hazards = rnd() < 0.6;
          const rec = await call(token, 'POST', `/api/v1/inspection-tasks/${task.id}/record`, {
            mode: 'remote',
            checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: !hazards })),
            hazards: hazards ? [{ description: '疏散指示标志损坏', major: rnd() < 0.5, photoIds: [] }] : [],
            findings: hazards ? '发现隐患' : '未发现问题',
            signatures: { inspectors: sigs, representative: null },
            ...(hazards ? { order: { deadlineWorkingDays: 1 + Math.floor(rnd() * 5), guidance: '限期更换疏散指示标志' } } : {}),
          });
          assert.equal(rec.status, 200, JSON.stringify(rec.body));
        } else if (r < 0.8) {
          // The unit of the applicant reports an open order fixed; the re-inspection closes or escalates it.
          const orders = await db
            .selectFrom('rectification_orders')
            .select('id')
            .where('usci', '=', applicantUsci)
            .where('status', '=', 'open')
            .orderBy('id')
            .execute();
          if (!orders.length) continue;
          const reported = await call(tok('applicant.211000'), 'POST', `/api/v1/portal/orders/${pick(orders).id}/rectified`, { note: '已整改', photoIds: [] });
          if (reported.status !== 200) continue;
          const re = await findTask(db, reported.body.reinspectionTaskId);
          const token = tok(inspectorOf(re!.inspector_ids_json));
          const done = await call(token, 'POST', `/api/v1/inspection-tasks/${re!.id}/reinspection`, { fixed: rnd() < 0.5, findings: '复查结论' });
          assert.equal(done.status, 200, JSON.stringify(done.body));
        } else if (r < 0.9) {
          // A generic change through the repository: a task cancelled (any writer of tasks is counted).
          const open = await db.selectFrom('inspection_tasks').selectAll().where('status', 'in', ['unassigned', 'assigned']).orderBy('id').execute();
          if (!open.length) continue;
          const task = pick(open);
          await db.transaction().execute(async (trx) => {
            assert.ok(await updateTaskIf(trx, task, [task.status], { status: 'cancelled', updated_at: t.ctx.now().toISOString() }));
          });
        } else {
          t.clock.advance(Math.floor(1 + rnd() * 6) * 86_400_000);
          await loginAll();
        }
        if (step % 8 === 7) await check(`step ${step}`);
      }
      await check('end');
      const totals = await supervisionFigures(db, { kind: 'all' }, chinaDateOf(t.ctx.now()));
      assert.ok(totals.randomTasks > 0 && totals.otherTasks > 0 && totals.hazardsFound > 0, JSON.stringify(totals));
    });

    test('the task list pages by keyset: the pages, in order, are the whole list newest first, in every scope and filter', async () => {
      const db = t.ctx.database.db;
      const all = await db.selectFrom('inspection_tasks').selectAll().execute();
      const sorted = (rows: InspectionTaskTable[]) =>
        [...rows].sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : -1)).map((r) => r.id);
      const agencies = await db.selectFrom('agencies').select(['id', 'path']).execute();
      const scopes: DataScope[] = [
        { kind: 'all' },
        ...agencies.map((a) => ({ kind: 'agency_and_below' as const, agencyPath: a.path })),
        { kind: 'own_agency', agencyId: agencies[0]!.id },
      ];
      for (const scope of scopes)
        for (const statuses of [undefined, ['assigned'], ['done', 'cancelled']]) {
          const expected = sorted(
            all.filter(
              (r) =>
                (scope.kind === 'all' ||
                  (scope.kind === 'agency_and_below' && r.agency_path.startsWith(scope.agencyPath)) ||
                  (scope.kind === 'own_agency' && r.agency_path.endsWith(`/${scope.agencyId}/`))) &&
                (!statuses || statuses.includes(r.status)),
            ),
          );
          const got: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 100; i++) {
            const page = await listTasks(db, scope, { statuses, cursor, limit: 7 });
            got.push(...page.rows.map((r) => r.id));
            if (!page.nextCursor) break;
            cursor = page.nextCursor;
          }
          assert.deepEqual(got, expected, `${JSON.stringify(scope)} ${statuses}`);
        }
      // Over HTTP: the first page is the list as before; the next page's cursor comes in a header.
      const leader = await t.login('leader.210000');
      const first = await call(leader, 'GET', '/api/v1/inspection-tasks');
      assert.equal(first.status, 200);
      assert.ok(Array.isArray(first.body));
      const bad = await call(leader, 'GET', '/api/v1/inspection-tasks?cursor=xyz');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'REQUEST.INVALID');
    });
  });

  describe(`task rollup migration [${database}]`, () => {
    test('SUP-13 migration 0050 backfills the rollup of an existing store: its figures equal the counted ones', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fep-mig50-'));
      const pgSchema = database === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
      const admin = async (q: string) => {
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(q);
        await c.end();
      };
      if (pgSchema) await admin(`CREATE SCHEMA ${pgSchema}`);
      const store = openDatabase({ dataDir, databaseUrl: database === 'postgres' ? process.env.DATABASE_URL : undefined, pgSchema });
      try {
        const db = store.db;
        const migrator = new Migrator({
          db: db as unknown as Kysely<unknown>,
          provider: { getMigrations: async () => migrations(store.dialect) },
          ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
        });
        assert.ifError((await migrator.migrateTo('0031_inspections_task_version')).error);
        const now = '2026-11-20T02:00:00.000Z';
        const tree = [
          { id: 'p', parent_id: null, path: '/p/', level: 'corps' },
          { id: 'a', parent_id: 'p', path: '/p/a/', level: 'detachment' },
          { id: 'b', parent_id: 'a', path: '/p/a/b/', level: 'brigade' },
          { id: 'q', parent_id: null, path: '/q/', level: 'corps' },
        ];
        for (const a of tree)
          await db
            .insertInto('agencies')
            .values({ ...a, name: a.id, short_name: a.id, region_code: `21100${tree.indexOf(a)}`, created_at: now } as never)
            .execute();
        const rnd = prng(50);
        const purposes = ['random', 'complaint', 'superior_order', 'dishonest', 'opening_check', 're_inspection'] as const;
        const statuses = ['unassigned', 'assigned', 'done', 'cancelled'] as const;
        const rows = Array.from({ length: 400 }, (_, i) => {
          const a = tree[Math.floor(rnd() * tree.length)]!;
          const status = statuses[Math.floor(rnd() * statuses.length)]!;
          const {
            version: _v,
            trigger_key: _k,
            ...task
          } = newInspectionTask(
            {
              agency_id: a.id,
              agency_path: a.path,
              region_code: '211000',
              purpose: purposes[Math.floor(rnd() * purposes.length)]!,
              usci: `U${i}`,
              subject_name: '某单位',
              venue_address: '某地',
              status,
              result: status === 'done' ? (rnd() < 0.5 ? 'pass' : 'hazards') : null,
            },
            now,
          );
          return task;
        });
        for (let i = 0; i < rows.length; i += 100)
          await db
            .insertInto('inspection_tasks')
            .values(rows.slice(i, i + 100) as never)
            .execute();
        await migrateToLatest(db as unknown as Kysely<unknown>, store.dialect);
        await assertRollupExact(db);
        for (const scope of [
          { kind: 'all' },
          { kind: 'agency_and_below', agencyPath: '/p/' },
          { kind: 'agency_and_below', agencyPath: '/p/a/' },
          { kind: 'agency_and_below', agencyPath: '/p/a/b/' },
          { kind: 'agency_and_below', agencyPath: '/q/' },
          { kind: 'own_agency', agencyId: 'a' },
        ] as DataScope[])
          assert.deepEqual(await supervisionFigures(db, scope, '2026-11-20'), await directFigures(db, scope, '2026-11-20'), JSON.stringify(scope));
        const figures = await supervisionFigures(db, { kind: 'all' }, '2026-11-20');
        assert.equal(figures.randomTasks + figures.otherTasks > 0, true);
      } finally {
        await store.close();
        if (pgSchema) await admin(`DROP SCHEMA ${pgSchema} CASCADE`);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
