import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { unitOfAgency } from '../../test-support/targets.ts';
import { systemActor } from '../actor.ts';
import { transact } from '../transact.ts';
import { verifyChain } from './chain.ts';

const root = new URL('../../../../../', import.meta.url).pathname;

/** A clock with a chain of 5 events: create, pause, resume, extend, stop. */
async function clockWithChain(t: TestApp, clerk: string, approver: string, region = '210500'): Promise<string> {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/v1/clocks',
    headers: bearer(clerk),
    payload: {
      targetType: 'unit',
      targetId: await unitOfAgency(t, region),
      title: '审查时限',
      unit: 'working_days',
      amount: 10,
      legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第四十二条' },
    },
  });
  const id = c.json().id as string;
  for (const [verb, token, body] of [
    ['pause', clerk, { reason: '等待申请人补正' }],
    ['resume', clerk, {}],
    ['extend', approver, { reason: '经负责人批准延长', amount: 10 }],
    ['stop', clerk, { reason: '已作出决定' }],
  ] as const) {
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/clocks/${id}/${verb}`, headers: bearer(token), payload: body });
    assert.equal(r.statusCode, 200, `${verb}: ${r.body}`);
  }
  return id;
}

async function dropTriggers(t: TestApp): Promise<void> {
  await sql`DROP TRIGGER audit_events_no_update ${sql.raw(t.ctx.database.dialect === 'postgres' ? 'ON audit_events' : '')}`.execute(t.ctx.database.db);
  await sql`DROP TRIGGER audit_events_no_delete ${sql.raw(t.ctx.database.dialect === 'postgres' ? 'ON audit_events' : '')}`.execute(t.ctx.database.db);
}

for (const database of DATABASES) {
  describe(`enforcement record: SM3 chain, append-only, verification [${database}]`, () => {
    let t: TestApp;
    let clerk: string;
    let approver: string;
    let leader: string;
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.210500');
      approver = await t.login('approver.210500');
      leader = await t.login('leader.210500');
    });
    after(() => t.close());

    test('each event records who, role, agency, action, target, time, source IP and a digest of the change', async () => {
      const id = await clockWithChain(t, clerk, approver);
      const events = await t.ctx.database.db.selectFrom('audit_events').selectAll().where('chain_id', '=', `clock:${id}`).orderBy('seq').execute();
      assert.deepEqual(
        events.map((e) => e.action),
        ['clock.create', 'clock.pause', 'clock.resume', 'clock.extend', 'clock.stop'],
      );
      const extend = events[3]!;
      assert.equal(extend.actor_role, 'approver');
      assert.ok(extend.actor_user_id && extend.actor_agency_id && extend.source_ip);
      assert.match(extend.change_digest, /^[0-9a-f]{64}$/);
      assert.equal(events[1]!.prev_hash, events[0]!.hash);
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/audit/verify?target=${id}`, headers: bearer(leader) });
      assert.deepEqual({ ok: r.json().ok, brokenAt: r.json().brokenAt }, { ok: true, brokenAt: undefined });
    });

    test('the database refuses UPDATE and DELETE of events', async () => {
      await assert.rejects(() => sql`UPDATE audit_events SET action = 'x'`.execute(t.ctx.database.db), /append-only/);
      await assert.rejects(() => sql`DELETE FROM audit_events`.execute(t.ctx.database.db), /append-only/);
    });

    test('a write that records no event is rolled back', async () => {
      await assert.rejects(
        () =>
          transact(t.ctx, systemActor(), async (trx) => {
            await trx.insertInto('job_leases').values({ name: 'no-event', holder: 'h', lease_until: new Date().toISOString() }).execute();
          }),
        /without an enforcement record event/,
      );
      const row = await t.ctx.database.db.selectFrom('job_leases').select('name').where('name', '=', 'no-event').executeTakeFirst();
      assert.equal(row, undefined);
    });

    test('tampering: editing or deleting any event is found, and the first broken link is named', async () => {
      // One chain per tampering, every position of a 5-event chain.
      const cases: { id: string; seq: number; how: 'edit' | 'delete' }[] = [];
      for (const how of ['edit', 'delete'] as const) {
        for (let seq = 1; seq <= 5; seq++) cases.push({ id: await clockWithChain(t, clerk, approver), seq, how });
      }
      await dropTriggers(t);
      const db = t.ctx.database.db;
      for (const c of cases) {
        const chain = `clock:${c.id}`;
        if (c.how === 'edit') await sql`UPDATE audit_events SET source_ip = '10.0.0.66' WHERE chain_id = ${chain} AND seq = ${c.seq}`.execute(db);
        else await sql`DELETE FROM audit_events WHERE chain_id = ${chain} AND seq = ${c.seq}`.execute(db);
        const r = await t.app.inject({ method: 'GET', url: `/api/v1/audit/verify?target=${c.id}`, headers: bearer(leader) });
        assert.equal(r.statusCode, 200);
        const body = r.json() as { ok: boolean; brokenAt: number; reason: string };
        assert.equal(body.ok, false, `${c.how} #${c.seq}`);
        assert.equal(body.brokenAt, c.seq, `${c.how} #${c.seq}: ${body.reason}`);
      }
      // Recomputing the hash of an edited event without the key does not help: the HMAC key is not in the database.
      const forged = cases[0]!;
      const report = await verifyChain(db, Buffer.alloc(32), `clock:${forged.id}`);
      assert.equal(report?.ok, false);
    });
  });
}

describe('enforcement record: command-line verification', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  test('npm run audit:verify names the first broken link and exits 1', async () => {
    const clerk = await t.login('clerk.360100');
    const approver = await t.login('approver.360100');
    const id = await clockWithChain(t, clerk, approver, '360100');
    const env = { ...process.env, DATA_DIR: t.dataDir, FEP_AUDIT_KEY: t.auditKeyHex, DATABASE_URL: '' };
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/cli/verify-audit.ts', id], { cwd: root, env, encoding: 'utf8' });
    const good = run();
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /完整/);
    await dropTriggers(t);
    await sql`UPDATE audit_events SET action = 'clock.forged' WHERE chain_id = ${`clock:${id}`} AND seq = 3`.execute(t.ctx.database.db);
    const bad = run();
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /断裂 .*第 3 条/);
  });
});
