import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { centreEventsTopic, type NotificationKind } from '@fep/domain';
import { sql } from 'kysely';
import mqtt, { type MqttClient } from 'mqtt';
import { createContext } from '../../app.ts';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { type MonitoringConsumer, registerCentre, startMonitoringConsumer } from './index.ts';

/**
 * MON-01 against the real broker (Mosquitto at 127.0.0.1:1883; `.ci/run` starts it): 10,000 messages from
 * three centres — duplicates, out of order, malformed, an unknown device, an unknown centre — published with the
 * mqtt client; every valid event stored once, the dead letters with their reasons, each device's state from its
 * latest device time, the consumer still running; a fire alarm tells the unit within a second of arrival; on
 * PostgreSQL two consumers (two app contexts on one database) store each message once.
 *
 * Each run uses centre codes and a shared-subscription group of its own, so that other consumers on the same
 * broker (a demo server, a parallel run) neither take its messages nor disturb it.
 */
const BROKER = process.env.FEP_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const silent = { info() {}, warn() {}, error() {} };

interface Planned {
  topic: string;
  payload: string;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function publisher(): Promise<MqttClient> {
  return mqtt.connectAsync(BROKER, { clientId: `fep-test-pub-${randomBytes(4).toString('hex')}`, protocolVersion: 5 });
}

/** Three centres with four devices each on 辽阳 units; returns the codes. */
async function registerFleet(ctx: AppContext, run: string): Promise<{ centres: string[]; devices: Map<string, string[]>; usci: string }> {
  const db = ctx.database.db;
  const agency = await db.selectFrom('agencies').select('id').where('region_code', '=', '211000').executeTakeFirstOrThrow();
  const units = await db.selectFrom('units').selectAll().where('region_code', '=', '211000').orderBy('id').limit(4).execute();
  const centres = ['A', 'B', 'C'].map((c) => `T${run}${c}`);
  const devices = new Map<string, string[]>();
  for (const code of centres) {
    await registerCentre(db, { code, name: `测试监控中心${code}`, agencyId: agency.id }, ctx.now());
    const codes: string[] = [];
    for (const [i, unit] of units.entries()) {
      const device = `${code}-D${i}`;
      codes.push(device);
      await db
        .insertInto('monitoring_devices')
        .values({
          id: uuidv7(),
          centre_code: code,
          device_code: device,
          usci: unit.usci,
          unit_id: unit.id,
          agency_id: unit.agency_id,
          agency_path: unit.agency_path,
          kind: 'transmission_device',
          location: `测试位置${i}`,
          heartbeat_seconds: 300,
          status: 'offline',
          last_seen_at: null,
          state: null,
          state_at: null,
          created_at: ctx.now().toISOString(),
        })
        .execute();
    }
    devices.set(code, codes);
  }
  return { centres, devices, usci: units[0]!.usci };
}

/**
 * The traffic: per centre 100 distinct valid messages (states and heartbeats over four devices, device times
 * spread over the last hour and published shuffled, so most arrive out of order), then 20 repeats of earlier
 * ones, 4 malformed, 3 for an unknown device; and 3 for an unknown centre. Returns the expectations.
 */
function traffic(now: Date, centres: string[], devices: Map<string, string[]>, run: string, perCentre = 100, repeats = 20) {
  const planned: Planned[] = [];
  const valid = new Set<string>();
  const latest = new Map<string, { type: string; at: string }>();
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const types = ['fault', 'supervisory', 'start', 'stop', 'heartbeat', 'heartbeat'];
  for (const centre of centres) {
    const own: Planned[] = [];
    for (let i = 0; i < perCentre; i++) {
      const deviceId = devices.get(centre)![i % 4]!;
      const type = types[Math.floor(rnd() * types.length)]!;
      const occurredAt = new Date(now.getTime() - Math.floor(rnd() * 3_600_000) - 1000).toISOString();
      const messageId = `${run}-${centre}-${i}`;
      own.push({ topic: centreEventsTopic(centre), payload: JSON.stringify({ messageId, deviceId, type, occurredAt }) });
      valid.add(`${centre}/${messageId}`);
      if (type !== 'heartbeat') {
        const key = `${centre}/${deviceId}`;
        const prev = latest.get(key);
        if (!prev || prev.at < occurredAt) latest.set(key, { type, at: occurredAt });
      }
    }
    own.sort(() => rnd() - 0.5);
    for (let i = 0; i < repeats; i++) own.push(own[Math.floor(rnd() * perCentre)]!);
    for (const bad of ['{"messageId":', '[]', JSON.stringify({ messageId: 'x', deviceId: 'y', type: 'smoke', occurredAt: now.toISOString() }), '']) {
      own.push({ topic: centreEventsTopic(centre), payload: bad });
    }
    for (let i = 0; i < 3; i++) {
      own.push({
        topic: centreEventsTopic(centre),
        payload: JSON.stringify({ messageId: `${run}-unknown-${i}`, deviceId: 'NO-SUCH-DEVICE', type: 'fault', occurredAt: now.toISOString() }),
      });
    }
    planned.push(...own);
  }
  for (let i = 0; i < 3; i++) {
    planned.push({
      topic: centreEventsTopic(`T${run}Z`),
      payload: JSON.stringify({ messageId: `z-${i}`, deviceId: 'D', type: 'fault', occurredAt: now.toISOString() }),
    });
  }
  return { planned, valid, latest, deadLetters: centres.length * 7 + 3, duplicates: centres.length * repeats };
}

for (const database of DATABASES) {
  describe(`monitoring: MQTT ingestion against Mosquitto [${database}]`, () => {
    let t: TestApp;
    let second: (AppContext & { demoLoaded: boolean }) | null = null;
    const consumers: { group: string; consumer: MonitoringConsumer }[] = [];
    let pub: MqttClient;
    before(async () => {
      t = await startTestApp(database, { autoDispatch: true });
      pub = await publisher();
    });
    after(async () => {
      for (const c of consumers) await c.consumer.stop();
      await pub.endAsync();
      if (second) {
        await second.events.stop();
        await second.database.close();
      }
      await t.close();
    });

    /**
     * Publishes with at most 500 messages ahead of the consumers, as centres sending steadily do: a broker with
     * Debian's default configuration queues 1,000 QoS 1 messages per session and drops the rest
     * (deploy/mosquitto/mosquitto.conf raises the limit; the tests must hold on any broker).
     */
    async function publishAll(messages: Planned[], processed: () => number): Promise<void> {
      for (let i = 0; i < messages.length; i += 100) {
        await until('the consumers to catch up', () => i - processed() < 500);
        await Promise.all(messages.slice(i, i + 100).map((m) => pub.publishAsync(m.topic, m.payload, { qos: 1 })));
      }
    }

    /** A consumer in `group`; the consumers of an earlier test (other groups, which get copies) are stopped first. */
    async function consume(ctx: AppContext, group: string): Promise<MonitoringConsumer> {
      for (const old of consumers.filter((c) => c.group !== group)) await old.consumer.stop();
      consumers.splice(0, consumers.length, ...consumers.filter((c) => c.group === group));
      const c = startMonitoringConsumer(ctx, {
        url: BROKER,
        clientId: `fep-test-${randomBytes(4).toString('hex')}`,
        log: silent,
        topic: `$share/${group}/fep/v1/centres/+/events`,
      });
      consumers.push({ group, consumer: c });
      await c.ready();
      return c;
    }

    test('MON-01 10,000 messages from three centres: every valid event once, dead letters with reasons, state by device time, consumer running', async () => {
      const run = randomBytes(3).toString('hex');
      const consumer = await consume(t.ctx, `fep-test-${run}`);
      const { centres, devices } = await registerFleet(t.ctx, run);
      const { planned, valid, latest, deadLetters, duplicates } = traffic(t.clock.now, centres, devices, run, 3250, 80);
      assert.ok(planned.length >= 10_000, `${planned.length} messages`);
      await publishAll(planned, () => consumer.stats.processed);
      await until('every message consumed', () => consumer.stats.processed >= planned.length, 120_000);
      const db = t.ctx.database.db;
      const stored = await db.selectFrom('monitoring_events').select(['centre_code', 'message_id']).where('centre_code', 'in', centres).execute();
      assert.equal(stored.length, valid.size, 'each valid message stored once');
      assert.deepEqual(new Set(stored.map((s) => `${s.centre_code}/${s.message_id}`)), valid);
      assert.equal(consumer.stats.duplicates, duplicates);
      const letters = await db.selectFrom('monitoring_dead_letters').selectAll().where('topic', 'like', `fep/v1/centres/T${run}%`).execute();
      assert.equal(letters.length, deadLetters);
      for (const l of letters) assert.match(l.reason, /[\u4e00-\u9fa5]/);
      const reasons = letters.map((l) => l.reason).join('\n');
      for (const r of [/不是有效的 JSON/, /JSON 对象/, /事件类型/, /未登记的设备：NO-SUCH-DEVICE/, new RegExp(`未登记的监控中心：T${run}Z`)])
        assert.match(reasons, r);
      const states = await db
        .selectFrom('monitoring_devices')
        .select(['centre_code', 'device_code', 'state', 'state_at', 'status'])
        .where('centre_code', 'in', centres)
        .execute();
      for (const s of states) {
        const want = latest.get(`${s.centre_code}/${s.device_code}`);
        assert.equal(s.state, want?.type ?? null, s.device_code);
        assert.equal(s.state_at, want?.at ?? null, s.device_code);
        assert.equal(s.status, 'online');
      }
      // Still consuming after all that.
      assert.equal(consumer.stats.connected, true);
      assert.equal(consumer.stats.failures, 0);
      await pub.publishAsync(
        centreEventsTopic(centres[0]!),
        JSON.stringify({ messageId: `${run}-after`, deviceId: devices.get(centres[0]!)![0], type: 'heartbeat', occurredAt: t.clock.now.toISOString() }),
        { qos: 1 },
      );
      await until(
        'the message after',
        async () => !!(await db.selectFrom('monitoring_events').select('id').where('message_id', '=', `${run}-after`).executeTakeFirst()),
      );
    });

    test('MON-01 a fire alarm published to the broker notifies the unit and the agency within a second', async () => {
      const run = randomBytes(3).toString('hex');
      await consume(t.ctx, `fep-test-${run}`);
      const { centres, devices, usci } = await registerFleet(t.ctx, run);
      const db = t.ctx.database.db;
      const owner = await db.selectFrom('users').select('id').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow();
      const unitOwner = await db.selectFrom('units').select('usci').where('owner_user_id', '=', owner.id).executeTakeFirstOrThrow();
      assert.equal(unitOwner.usci, usci, 'the first 辽阳 unit is the applicant’s');
      const before = Date.now();
      await pub.publishAsync(
        centreEventsTopic(centres[1]!),
        JSON.stringify({
          messageId: `${run}-fire`,
          deviceId: devices.get(centres[1]!)![0],
          unitUsci: usci,
          type: 'fire_alarm',
          occurredAt: t.clock.now.toISOString(),
          detail: '二层感烟',
        }),
        { qos: 1 },
      );
      const told = async (kind: NotificationKind) =>
        (await db.selectFrom('notifications').select('id').where('kind', '=', kind).where('body', 'like', `%${centres[1]}-D0%`).executeTakeFirst()) ??
        (await db.selectFrom('notifications').select('id').where('kind', '=', kind).where('user_id', '=', owner.id).executeTakeFirst());
      await until('the notifications', async () => !!(await told('fire_alarm')) && !!(await told('unit_fire_alarm')), 10_000);
      const elapsed = Date.now() - before;
      assert.ok(elapsed < 1000, `notified ${elapsed} ms after publishing`);
    });

    if (database === 'postgres') {
      test('MON-01 two API processes on one PostgreSQL database consume each message once', async () => {
        const run = randomBytes(3).toString('hex');
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.database.db)).rows[0]!.s;
        second = await createContext(t.config, { pgSchema: schema, clock: t.ctx.clock, auditKey: Buffer.from(t.auditKeyHex, 'hex'), autoDispatch: false });
        const group = `fep-test-${run}`;
        const a = await consume(t.ctx, group);
        const b = await consume(second, group);
        const { centres, devices } = await registerFleet(t.ctx, run);
        const { planned, valid } = traffic(t.clock.now, centres, devices, run);
        // Each message published twice as well (a centre's retry): the unique index keeps one.
        const twice = [...planned, ...planned];
        await publishAll(twice, () => a.stats.processed + b.stats.processed);
        await until('every message consumed by the group', () => a.stats.processed + b.stats.processed >= twice.length);
        assert.ok(a.stats.received > 0 && b.stats.received > 0, `both processes consumed (${a.stats.received} / ${b.stats.received})`);
        const stored = await t.ctx.database.db
          .selectFrom('monitoring_events')
          .select(['centre_code', 'message_id'])
          .where('centre_code', 'in', centres)
          .execute();
        assert.equal(stored.length, valid.size);
        assert.equal(a.stats.stored + b.stats.stored, valid.size);
        assert.equal(a.stats.failures + b.stats.failures, 0);
      });
    }
  });
}
