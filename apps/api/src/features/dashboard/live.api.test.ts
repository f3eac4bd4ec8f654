import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { transact } from '../../platform/transact.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { dashboardSubscribers, onFiguresChanged, watchFiguresAnnouncements } from './index.ts';

/**
 * MON-02 live updates: a rollup commit is announced to the dashboards of every process on the store. On
 * PostgreSQL a second handle on the same schema (its own pool and its own LISTEN connection, as a second API
 * process has) hears a change dispatched by the first, and the first hears one dispatched through the second; a
 * handle on another schema hears neither. On SQLite (one process) the process that counted tells its streams.
 */
const waitFor = async (what: string, ok: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`not heard: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

for (const database of DATABASES) {
  describe(`dashboard live updates across processes [${database}]`, () => {
    let t: TestApp;
    let brigade: { id: string; path: string };
    let other: Database | undefined;
    let stranger: Database | undefined;
    before(async () => {
      t = await startTestApp(database);
      brigade = await t.ctx.database.db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', '211002').executeTakeFirstOrThrow();
      if (database === 'postgres') {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.database.db)).rows[0]!.s;
        other = openDatabase({ dataDir: t.dataDir, databaseUrl: process.env.DATABASE_URL, pgSchema: schema });
        await watchFiguresAnnouncements(other);
        // A store of another schema on the same database server: never told of this store's changes.
        stranger = openDatabase({ dataDir: t.dataDir, databaseUrl: process.env.DATABASE_URL, pgSchema: 'public' });
        await watchFiguresAnnouncements(stranger);
      }
    });
    after(async () => {
      await other?.close();
      await stranger?.close();
      await t.close();
    });

    const alarm = (): DomainEvent => {
      const id = uuidv7();
      return {
        id,
        type: 'monitoring.fire_alarm_received',
        targetType: 'monitoring_device',
        targetId: 'd',
        agencyId: brigade.id,
        payload: { eventId: id, usci: 'none', unitName: '实时推送测试', location: '1F', agencyId: brigade.id },
        actorUserId: null,
        occurredAt: t.clock.now.toISOString(),
      };
    };

    test('MON-02 a change the rollup commits reaches the live listeners of every process on the store', async () => {
      const here: number[] = [];
      const there: number[] = [];
      const elsewhere: number[] = [];
      const stops = [onFiguresChanged(t.ctx.database.db, (v) => here.push(v))];
      if (other) stops.push(onFiguresChanged(other.db, (v) => there.push(v)));
      if (stranger) stops.push(onFiguresChanged(stranger.db, (v) => elsewhere.push(v)));
      try {
        // A fact committed by a use case in this process, dispatched here.
        const event = alarm();
        await transact(t.ctx, systemActor(), async (_trx, audit, emit) => {
          await audit({ action: 'test.emit', targetType: 'test', targetId: 'live' });
          emit({ type: event.type, agencyId: brigade.id, payload: event.payload });
        });
        assert.equal(here.length + there.length, 0, 'nothing before the rollup counted it');
        assert.ok((await t.drain()) > 0);
        await waitFor('this process', () => here.length === 1);
        if (!other) return;
        await waitFor('the second process', () => there.length === 1);
        // The other way: a delivery dispatched by the second process (its pool, its transaction).
        await dashboardSubscribers[0]!.handle({ ...t.ctx, database: other }, alarm());
        await waitFor('this process, from the second', () => here.length === 2);
        await waitFor('the second process, from itself', () => there.length === 2);
        // Another schema on the same server heard none of it (its announcements name their schema).
        assert.deepEqual(elsewhere, []);
      } finally {
        for (const s of stops) s();
      }
    });
  });
}
