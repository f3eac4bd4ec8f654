import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { systemActor } from '../actor.ts';
import { transact } from '../transact.ts';
import { backoffMs, EventBus, MAX_ATTEMPTS, type Subscriber } from './bus.ts';
import type { DomainEvent } from './outbox.ts';

/**
 * Domain events (DESIGN §2): written in the transaction of their change, dispatched after it by a leased
 * worker to each subscriber at least once, retried with backoff, dead letters visible to an administrator,
 * and handlers idempotent by event id (a delivery retried after its effect committed does not act twice).
 */
for (const database of DATABASES) {
  describe(`domain events [${database}]`, () => {
    let t: TestApp;
    /** What the test subscriber does on each call: 'ok', 'fail' (before acting) or 'fail_after' (after its effect committed). */
    let mode: 'ok' | 'fail' | 'fail_after' = 'ok';
    const calls: string[] = [];
    const subscriber: Subscriber = {
      name: 'test.count',
      types: ['test.happened'],
      async handle(deps, event: DomainEvent) {
        calls.push(event.id);
        if (mode === 'fail') throw new Error('downstream unavailable');
        // The effect: one enforcement-record event on the event's own chain, written under the deps' claim.
        await transact(deps, systemActor(), (_trx, audit) => audit({ action: 'test.handled', targetType: 'test', targetId: event.id }));
        if (mode === 'fail_after') throw new Error('lost the acknowledgement after acting');
      },
    };

    before(async () => {
      t = await startTestApp(database, { demo: false });
      t.ctx.events.subscribe(subscriber);
    });
    after(() => t.close());

    async function emitOne(n: number, rollback = false): Promise<string> {
      let id = '';
      await transact(t.ctx, systemActor(), async (_trx, audit, emit) => {
        await audit({ action: 'test.change', targetType: 'test', targetId: `change-${n}` });
        emit({ type: 'test.happened', targetType: 'test', targetId: `change-${n}`, payload: { n } });
        if (rollback) throw new Error('business rule refused the change');
      }).catch((e: unknown) => {
        if (!rollback) throw e;
      });
      const row = await t.ctx.database.db.selectFrom('domain_events').select('id').where('target_id', '=', `change-${n}`).executeTakeFirst();
      id = row?.id ?? '';
      return id;
    }
    const effects = async (eventId: string) =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('chain_id', '=', `test:${eventId}`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const delivery = (eventId: string) =>
      t.ctx.database.db
        .selectFrom('event_deliveries')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('subscriber', '=', 'test.count')
        .executeTakeFirstOrThrow();

    test('an event exists exactly when its change commits, and is delivered once', async () => {
      mode = 'ok';
      assert.equal(await emitOne(1, true), '', 'a rolled-back change leaves no event');
      const id = await emitOne(2);
      assert.ok(id);
      assert.equal((await delivery(id)).status, 'pending');
      await t.drain();
      assert.equal((await delivery(id)).status, 'done');
      assert.equal(await effects(id), 1);
      await t.drain();
      assert.equal(await effects(id), 1, 'a second drain does not deliver again');
    });

    test('a failing subscriber is retried with backoff and succeeds later', async () => {
      mode = 'fail';
      const id = await emitOne(3);
      await t.drain();
      let d = await delivery(id);
      assert.equal(d.status, 'pending');
      assert.equal(d.attempts, 1);
      assert.match(d.last_error ?? '', /downstream unavailable/);
      assert.equal(new Date(d.next_attempt_at).getTime() - t.clock.now.getTime(), backoffMs(1));
      const before = calls.length;
      await t.drain();
      assert.equal(calls.length, before, 'not retried before its backoff');
      mode = 'ok';
      t.clock.advance(backoffMs(1));
      await t.drain();
      d = await delivery(id);
      assert.equal(d.status, 'done');
      assert.equal(await effects(id), 1);
    });

    test('a delivery retried after its effect committed replays instead of acting twice (idempotent by event id)', async () => {
      mode = 'fail_after';
      const id = await emitOne(4);
      await t.drain();
      assert.equal((await delivery(id)).status, 'pending', 'the acknowledgement was lost');
      assert.equal(await effects(id), 1);
      mode = 'ok';
      t.clock.advance(backoffMs(1));
      await t.drain();
      assert.equal((await delivery(id)).status, 'done');
      assert.equal(await effects(id), 1, 'the redelivery found its committed effect');
    });

    test('after the last attempt a delivery is a dead letter an administrator sees and can put back in line', async () => {
      mode = 'fail';
      const id = await emitOne(5);
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        await t.drain();
        t.clock.advance(backoffMs(i));
      }
      const d = await delivery(id);
      assert.equal(d.status, 'dead');
      assert.equal(d.attempts, MAX_ATTEMPTS);
      assert.equal(await effects(id), 0);

      // Without demo data there are no accounts: give one administrator the right to see dead letters.
      await t.ctx.database.db.deleteFrom('event_deliveries').where('event_id', '!=', id).where('status', '=', 'dead').execute();
      const { token } = await makeAdmin(t);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/events/dead-letters', headers: bearer(token) });
      assert.equal(list.statusCode, 200, list.body);
      const items = (list.json() as { items: { eventId: string; subscriber: string; lastError: string; attempts: number }[] }).items;
      assert.deepEqual(
        items.map((i) => [i.eventId, i.subscriber, i.attempts]),
        [[id, 'test.count', MAX_ATTEMPTS]],
      );
      assert.match(items[0]!.lastError, /downstream unavailable/);

      mode = 'ok';
      const retry = await t.app.inject({ method: 'POST', url: `/api/v1/events/dead-letters/${id}/test.count/retry`, headers: bearer(token), payload: {} });
      assert.equal(retry.statusCode, 200, retry.body);
      const again = await t.app.inject({ method: 'POST', url: `/api/v1/events/dead-letters/${id}/test.count/retry`, headers: bearer(token), payload: {} });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'EVENT.NOT_DEAD');
      await t.drain();
      assert.equal((await delivery(id)).status, 'done');
      assert.equal(await effects(id), 1);
    });

    test('20 parallel drains in two processes (two buses, one store) deliver each event once', async () => {
      mode = 'ok';
      const ids = [];
      for (let n = 10; n < 15; n++) ids.push(await emitOne(n));
      // A second process: its own bus and dispatcher identity over the same store and subscribers.
      const other = new EventBus();
      other.autoDispatch = false;
      other.subscribe({ ...subscriber, name: 'test.count' });
      other.attach({ ...t.ctx, events: other });
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other.drain() : t.drain())));
      await t.drain();
      for (const id of ids) {
        assert.equal((await delivery(id)).status, 'done');
        assert.equal(await effects(id), 1);
      }
    });
  });
}

/** A national administrator created directly (the store has no demo accounts), signed in. */
async function makeAdmin(t: TestApp): Promise<{ token: string }> {
  const { hashPassword } = await import('../iam/passwords.ts');
  const db = t.ctx.database.db;
  const exists = await db.selectFrom('users').select('id').where('username', '=', 'events.admin').executeTakeFirst();
  if (!exists) {
    const nowIso = t.clock.now.toISOString();
    await db
      .insertInto('users')
      .values({
        id: 'events-admin',
        username: 'events.admin',
        display_name: '事件管理员',
        password_hash: await hashPassword('Events@2026-admin'),
        kind: 'staff',
        agency_id: null,
        usci: null,
        phone: null,
        failed_count: 0,
        locked_until: null,
        disabled: 0,
        national: 1,
        created_at: nowIso,
        password_changed_at: nowIso,
        last_login_at: null,
      })
      .execute();
    await db.insertInto('user_roles').values({ user_id: 'events-admin', role: 'admin' }).execute();
  }
  return { token: await t.login('events.admin', 'Events@2026-admin') };
}
