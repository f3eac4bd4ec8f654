import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { type MonitoringConsumer, registerCentre, startMonitoringConsumer } from '../features/monitoring/index.ts';
import type { AppContext } from '../platform/context.ts';
import { uuidv7 } from '../platform/ids.ts';

/** The project's Mosquitto (`.ci/run` starts it); a test may point elsewhere. */
export const TEST_BROKER = process.env.FEP_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const silent = { info() {}, warn() {}, error() {} };

/**
 * A monitoring consumer of one test's own: a shared-subscription group and a centre code nobody else uses, so
 * that other consumers on the same broker (a demo server, a parallel run) neither take its messages nor store
 * them (to them the centre is unknown). The centre gets one device on the unit of `usci`.
 */
export async function startTestMonitoring(ctx: AppContext, usci: string): Promise<{ consumer: MonitoringConsumer; centre: string; deviceId: string }> {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const db = ctx.database.db;
  const unit = await db.selectFrom('units').selectAll().where('usci', '=', usci).executeTakeFirstOrThrow();
  const centre = `E${run}`;
  const deviceId = `${centre}-D1`;
  await registerCentre(db, { code: centre, name: `测试监控中心${centre}`, agencyId: unit.agency_id }, ctx.now());
  await db
    .insertInto('monitoring_devices')
    .values({
      id: uuidv7(),
      centre_code: centre,
      device_code: deviceId,
      usci: unit.usci,
      unit_id: unit.id,
      agency_id: unit.agency_id,
      agency_path: unit.agency_path,
      kind: 'transmission_device',
      location: '二层消防控制室',
      heartbeat_seconds: 300,
      status: 'offline',
      last_seen_at: null,
      state: null,
      state_at: null,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  const consumer = startMonitoringConsumer(ctx, {
    url: TEST_BROKER,
    clientId: `fep-test-${run.toLowerCase()}`,
    log: silent,
    topic: `$share/t${run.toLowerCase()}/fep/v1/centres/+/events`,
    connections: 1,
  });
  await consumer.ready();
  return { consumer, centre, deviceId };
}

/** Publishes one message to the broker as a monitoring centre does (QoS 1: the broker has it when this resolves). */
export async function publishToBroker(topic: string, payload: string): Promise<void> {
  const client = await mqtt.connectAsync(TEST_BROKER, { clientId: `fep-test-pub-${randomBytes(4).toString('hex')}`, protocolVersion: 5 });
  try {
    await client.publishAsync(topic, payload, { qos: 1 });
  } finally {
    await client.endAsync();
  }
}
