import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { centreEventsTopic } from '@fep/domain';
import mqtt from 'mqtt';
import { startTestApp, type TestApp } from '../../test-support/harness.ts';
import { DEMO_CENTRE, type MonitoringConsumer, startMonitoringConsumer } from './index.ts';

/**
 * Per-centre credentials (MON-01): a Mosquitto of its own, on a free port, with the product's configuration
 * (deploy/mosquitto: no anonymous clients, a password per centre, the ACL `pattern write fep/v1/centres/%u/events`).
 * The demo centre publishes to its own topic and the platform stores the alarm; what it publishes to another
 * centre's topic never reaches the platform; anonymous clients and wrong passwords are refused.
 */
const DEPLOY = new URL('../../../../../deploy/mosquitto/', import.meta.url).pathname;
const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
const silent = { info() {}, warn() {}, error() {} };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('monitoring: per-centre broker credentials (Mosquitto with the product ACL)', {
  skip: MOSQUITTO ? false : 'mosquitto is not installed',
  timeout: 60_000,
}, () => {
  let t: TestApp;
  let broker: ChildProcess;
  let dir: string;
  let url: string;
  let consumer: MonitoringConsumer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fep-mosquitto-'));
    const port = await freePort();
    url = `mqtt://127.0.0.1:${port}`;
    const conf = readFileSync(join(DEPLOY, 'mosquitto.conf'), 'utf8')
      .replace('listener 1883', `listener ${port} 127.0.0.1`)
      .replace('/etc/mosquitto/fep.passwd', join(dir, 'fep.passwd'))
      .replace('/etc/mosquitto/fep.acl', join(DEPLOY, 'fep.acl'))
      .replace('persistence true', 'persistence false')
      .replace(/^persistence_location.*$/m, '')
      // Started as root, Mosquitto would drop to the user `mosquitto`, who cannot read this temporary folder.
      .concat(`\nuser ${userInfo().username}\n`);
    writeFileSync(join(dir, 'mosquitto.conf'), conf);
    execFileSync('mosquitto_passwd', ['-c', '-b', join(dir, 'fep.passwd'), 'fep-platform', 'platform-secret']);
    execFileSync('mosquitto_passwd', ['-b', join(dir, 'fep.passwd'), DEMO_CENTRE.code, 'centre-secret']);
    broker = spawn(MOSQUITTO!, ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await listening(port), 'Mosquitto started with the product configuration');
    t = await startTestApp('sqlite');
    consumer = startMonitoringConsumer(t.ctx, { url, username: 'fep-platform', password: 'platform-secret', clientId: 'fep-acl-test', log: silent });
    await consumer.ready();
  });
  after(async () => {
    await consumer?.stop();
    await t?.close();
    broker?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('MON-01 a centre publishes to its own topic only; anonymous clients and wrong passwords are refused', async () => {
    const centre = await mqtt.connectAsync(url, { username: DEMO_CENTRE.code, password: 'centre-secret', protocolVersion: 5, reconnectPeriod: 0 });
    const msg = (messageId: string) => JSON.stringify({ messageId, deviceId: 'UITD-LY-0001', type: 'fault', occurredAt: t.clock.now.toISOString() });
    // Another centre's topic first (refused by the ACL), then its own: once the second is stored, the first would have been too.
    await centre.publishAsync(centreEventsTopic('OTHER-CENTRE'), msg('acl-forbidden'), { qos: 1 }).catch(() => undefined);
    await centre.publishAsync(centreEventsTopic(DEMO_CENTRE.code), msg('acl-own'), { qos: 1 });
    const db = t.ctx.database.db;
    for (let i = 0; i < 200 && !(await db.selectFrom('monitoring_events').select('id').where('message_id', '=', 'acl-own').executeTakeFirst()); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(
      await db.selectFrom('monitoring_events').select('id').where('message_id', '=', 'acl-own').executeTakeFirst(),
      'its own topic reaches the platform',
    );
    assert.equal(consumer.stats.received, 1, 'the other centre’s topic never reached the platform');
    assert.equal((await db.selectFrom('monitoring_dead_letters').select('id').execute()).length, 0);
    await centre.endAsync();

    await assert.rejects(mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2000 }), 'anonymous refused');
    await assert.rejects(
      mqtt.connectAsync(url, { username: DEMO_CENTRE.code, password: 'wrong', reconnectPeriod: 0, connectTimeout: 2000 }),
      'wrong password refused',
    );
  });
});
