/**
 * Alarm ingestion (`npm run bench -- monitoring`), MON-01: messages of the monitoring centres published to the
 * real broker (Mosquitto, FEP_BENCH_MQTT_URL or mqtt://127.0.0.1:1883) and consumed by the product's consumer
 * (`startMonitoringConsumer`, the same code the API runs) into SQLite and, when DATABASE_URL is set, PostgreSQL.
 *
 *   - sustained: FEP_BENCH_MON_RATE messages a second (default 2,000) for FEP_BENCH_MON_SECONDS (default 20),
 *     paced in 10 ms slices from 200 devices of 3 centres by a publisher process of its own (bench/publisher.ts,
 *     as the centres are not in the API's process); the rate achieved (stored / time from first publish to last
 *     store) and the latency from publish to stored (p50, p99) — publish → stored includes the broker hop, so it
 *     is stricter than arrival → stored;
 *   - burst: FEP_BENCH_MON_BURST messages (default 20,000) published at once; the drain rate;
 *   - the raw limits of the same run: the broker alone (the same publisher process, and plain MQTT.js subscribers
 *     in a shared group that acknowledge without storing) and the database alone (plain better-sqlite3 / pg inserting the same rows,
 *     one autocommit statement each, with as many connections as the consumer for pg).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type IPublishPacket } from 'mqtt';
import pg from 'pg';
import { createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { registerCentre, startMonitoringConsumer } from '../apps/api/src/features/monitoring/index.ts';
import type { AppContext } from '../apps/api/src/platform/context.ts';
import { uuidv7 } from '../apps/api/src/platform/ids.ts';
import { type Centres, epochMs, sentAtOf } from './publisher.ts';
import { machine } from './report.ts';

/**
 * A broker of the benchmark's own (Mosquitto on 127.0.0.1:18831) with the queue limit of
 * deploy/mosquitto/mosquitto.conf: Debian's default configuration queues 1,000 QoS 1 messages per session and
 * drops the rest, which a burst of 20,000 exceeds. FEP_BENCH_MQTT_URL names another broker instead.
 */
let BROKER = process.env.FEP_BENCH_MQTT_URL ?? '';
let privateBroker: ChildProcess | null = null;
export async function startBroker(): Promise<void> {
  if (BROKER) return;
  const bin = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
  if (!bin) {
    BROKER = 'mqtt://127.0.0.1:1883';
    return;
  }
  const conf = join(mkdtempSync(join(tmpdir(), 'fep-bench-mqtt-')), 'mosquitto.conf');
  writeFileSync(conf, 'listener 18831 127.0.0.1\nallow_anonymous true\nmax_queued_messages 1000000\nmax_queued_bytes 0\n');
  privateBroker = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  BROKER = 'mqtt://127.0.0.1:18831';
  for (let i = 0; i < 50; i++) {
    try {
      const c = await mqtt.connectAsync(BROKER, { clientId: 'fep-bench-probe', reconnectPeriod: 0 });
      await c.endAsync();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the benchmark broker did not start');
}
/** Stops the benchmark's own broker, if it started one. */
export function stopBroker(): void {
  privateBroker?.kill();
  privateBroker = null;
  BROKER = process.env.FEP_BENCH_MQTT_URL ?? '';
}
const RATE = Number(process.env.FEP_BENCH_MON_RATE ?? 2000);
const SECONDS = Number(process.env.FEP_BENCH_MON_SECONDS ?? 20);
const BURST = Number(process.env.FEP_BENCH_MON_BURST ?? 20_000);
const CONNECTIONS = Number(process.env.FEP_BENCH_MON_CONNECTIONS ?? 64);
/** The plain pg baseline's connections (the product's pool is 10; the server is shared with other work). */
const RAW_PG_CONNECTIONS = 16;
const DEVICES = 200;
const silent = { info() {}, warn() {}, error() {} };

export interface Run {
  label: string;
  /** Statements (with begin and commit) and commits per stored message, when FEP_COUNT_STATEMENTS=1. */
  perMessage?: string;
  sent: number;
  stored: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

async function fleet(ctx: AppContext, run: string): Promise<{ centre: string; devices: string[] }[]> {
  const db = ctx.database.db;
  const units = await db.selectFrom('units').select(['id', 'usci', 'agency_id', 'agency_path']).orderBy('id').limit(DEVICES).execute();
  const agency = units[0]!.agency_id;
  const out: { centre: string; devices: string[] }[] = [];
  for (const c of ['A', 'B', 'C']) {
    const centre = `B${run}${c}`;
    await registerCentre(db, { code: centre, name: `压测监控中心${c}`, agencyId: agency }, ctx.now());
    const devices: string[] = [];
    for (let i = 0; i < Math.ceil(DEVICES / 3); i++) {
      const unit = units[(i * 3 + out.length) % units.length]!;
      const code = `${centre}-D${i}`;
      devices.push(code);
      await db
        .insertInto('monitoring_devices')
        .values({
          id: uuidv7(),
          centre_code: centre,
          device_code: code,
          usci: unit.usci,
          unit_id: unit.id,
          agency_id: unit.agency_id,
          agency_path: unit.agency_path,
          kind: 'transmission_device',
          location: `压测位置${i}`,
          heartbeat_seconds: 300,
          status: 'offline',
          last_seen_at: null,
          state: null,
          state_at: null,
          created_at: ctx.now().toISOString(),
        })
        .execute();
    }
    out.push({ centre, devices });
  }
  return out;
}

/** The centres' messages from a process of their own (bench/publisher.ts); resolves when all are acknowledged by the broker. */
function publishFrom(o: { clientId: string; run: string; tag: string; n: number; rate: number; centres: Centres[] }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./publisher.ts', import.meta.url).pathname, JSON.stringify({ broker: BROKER, ...o })], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited with ${code}`))));
  });
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/**
 * The product's consumer on `ctx` (its own shared group) with a fleet of DEVICES devices in 3 centres, and a
 * publisher: `sustained` offers a rate for some seconds, `burst` publishes at once; each returns its Run.
 */
export async function ingestion(ctx: AppContext): Promise<{
  sustained(label: string, rate: number, seconds: number): Promise<Run>;
  burst(label: string, n: number): Promise<Run>;
  stop(): Promise<void>;
}> {
  const run = randomBytes(3).toString('hex');
  const centres = await fleet(ctx, run);
  const latencies: number[] = [];
  let lastStored = 0;
  let firstSent = Number.POSITIVE_INFINITY;
  const consumer = startMonitoringConsumer(ctx, {
    url: BROKER,
    clientId: `fep-bench-${run}`,
    log: silent,
    topic: `$share/fep-bench-${run}/fep/v1/centres/+/events`,
    connections: CONNECTIONS,
    onHandled(packet: IPublishPacket, outcome) {
      if (outcome !== 'stored') return;
      const sent = sentAtOf((JSON.parse(packet.payload.toString()) as { messageId: string }).messageId);
      lastStored = epochMs();
      if (sent < firstSent) firstSent = sent;
      latencies.push(lastStored - sent);
    },
  });
  await consumer.ready();
  const counting = process.env.FEP_COUNT_STATEMENTS === '1';
  let tag = 0;
  const measured = async (label: string, n: number, rate: number) => {
    latencies.length = 0;
    firstSent = Number.POSITIVE_INFINITY;
    const counted = { ...ctx.database.stats };
    const before = consumer.stats.processed;
    const storedBefore = consumer.stats.stored;
    const t = `t${tag++}`;
    await publishFrom({ clientId: `fep-bench-pub-${run}-${t}`, run, tag: t, n, rate, centres });
    await until(() => consumer.stats.processed - before >= n, 300_000);
    const stored = consumer.stats.stored - storedBefore;
    latencies.sort((a, b) => a - b);
    const statements = (ctx.database.stats.statements - counted.statements) / stored;
    const commits = (ctx.database.stats.commits - counted.commits) / stored;
    return {
      label,
      sent: n,
      stored,
      perSecond: Math.round(stored / ((lastStored - firstSent) / 1000)),
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      ...(counting ? { perMessage: `${statements.toFixed(2)} statements, ${commits.toFixed(2)} commits` } : {}),
    };
  };
  return {
    sustained: (label, rate, seconds) => measured(label, rate * seconds, rate),
    burst: (label, n) => measured(label, n, 0),
    async stop() {
      await consumer.stop();
    },
  };
}

async function measure(ctx: AppContext, label: string): Promise<Run[]> {
  const load = await ingestion(ctx);
  try {
    return [
      await load.sustained(`${label}: ${RATE.toLocaleString('en')}/s offered for ${SECONDS} s`, RATE, SECONDS),
      await load.burst(`${label}: burst of ${BURST.toLocaleString('en')}`, BURST),
    ];
  } finally {
    await load.stop();
  }
}

/** The broker alone: a shared-group subscriber with the same connections that acknowledges without storing. */
export async function rawBroker(): Promise<Run> {
  const run = randomBytes(3).toString('hex');
  const topic = `$share/fep-raw-${run}/fep/v1/centres/+/events`;
  let got = 0;
  let last = 0;
  const subs = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) => mqtt.connectAsync(BROKER, { clientId: `fep-raw-${run}-${i}`, protocolVersion: 5 })),
  );
  let first = Number.POSITIVE_INFINITY;
  for (const s of subs) {
    s.on('message', (_topic, payload) => {
      got++;
      last = epochMs();
      const sent = sentAtOf((JSON.parse(payload.toString()) as { messageId: string }).messageId);
      if (sent < first) first = sent;
    });
    await s.subscribeAsync(topic, { qos: 1 });
  }
  // The same publisher process as the product's runs, all at once.
  await publishFrom({ clientId: `fep-raw-pub-${run}`, run, tag: 'r', n: BURST, rate: 0, centres: [{ centre: `R${run}`, devices: ['D0'] }] });
  await until(() => got >= BURST, 120_000);
  await Promise.all(subs.map((c) => c.endAsync()));
  return {
    label: `raw broker: burst of ${BURST.toLocaleString('en')}, QoS 1, acknowledged unstored`,
    sent: BURST,
    stored: got,
    perSecond: Math.round(got / ((last - first) / 1000)),
    p50: Number.NaN,
    p99: Number.NaN,
  };
}

const RAW_ROWS = 20_000;
const rawRow = (i: number) => [
  uuidv7(),
  'RAW',
  `m${i}`,
  'dev',
  '91000000000000000X',
  '/1/',
  'heartbeat',
  new Date().toISOString(),
  new Date().toISOString(),
  null,
];
const RAW_TABLE =
  'create table raw_events (id text primary key, centre_code text not null, message_id text not null, device_id text not null, usci text not null, agency_path text not null, type text not null, occurred_at text not null, received_at text not null, detail text, unique (centre_code, message_id))';

function rawSqlite(dir: string): Run {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(RAW_TABLE);
  const ins = db.prepare('insert into raw_events values (?,?,?,?,?,?,?,?,?,?) on conflict do nothing');
  const t0 = performance.now();
  for (let i = 0; i < RAW_ROWS; i++) ins.run(...rawRow(i));
  const s = (performance.now() - t0) / 1000;
  db.close();
  return {
    label: 'raw better-sqlite3: insert one event per autocommit statement',
    sent: RAW_ROWS,
    stored: RAW_ROWS,
    perSecond: Math.round(RAW_ROWS / s),
    p50: Number.NaN,
    p99: Number.NaN,
  };
}

async function rawPg(url: string): Promise<Run> {
  const schema = `bench_raw_${randomBytes(3).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: url, max: RAW_PG_CONNECTIONS });
  await pool.query(`create schema ${schema}`);
  await pool.query(RAW_TABLE.replace('raw_events', `${schema}.raw_events`));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: RAW_PG_CONNECTIONS }, async () => {
      while (next < RAW_ROWS) {
        const i = next++;
        await pool.query(`insert into ${schema}.raw_events values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) on conflict do nothing`, rawRow(i));
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  await pool.query(`drop schema ${schema} cascade`);
  await pool.end();
  return {
    label: `raw pg: insert one event per autocommit statement, ${RAW_PG_CONNECTIONS} connections`,
    sent: RAW_ROWS,
    stored: RAW_ROWS,
    perSecond: Math.round(RAW_ROWS / s),
    p50: Number.NaN,
    p99: Number.NaN,
  };
}

async function onDatabase(kind: 'sqlite' | 'postgres'): Promise<Run[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-bench-mon-'));
  let schema: string | null = null;
  const url = process.env.DATABASE_URL;
  if (kind === 'postgres') {
    schema = `bench_mon_${randomBytes(3).toString('hex')}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '', ...(schema ? { DATABASE_URL: url! } : {}) }),
    schema ? { pgSchema: schema } : {},
  );
  try {
    const runs = await measure(ctx, kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');
    runs.push(kind === 'sqlite' ? rawSqlite(dataDir) : await rawPg(url!));
    return runs;
  } finally {
    await ctx.events.stop();
    await ctx.database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
  }
}

export async function monitoringBench(): Promise<string> {
  const loadStart = loadavg()[0]!.toFixed(2);
  await startBroker();
  const brokerNote = privateBroker ? 'its own, with the queue limit of deploy/mosquitto/mosquitto.conf' : BROKER;
  const rows: Run[] = [];
  try {
    // FEP_BENCH_MON_STORES=postgres (or sqlite) measures one store only (profiling runs).
    const stores = (process.env.FEP_BENCH_MON_STORES ?? 'sqlite,postgres').split(',');
    rows.push(await rawBroker());
    if (stores.includes('sqlite')) rows.push(...(await onDatabase('sqlite')));
    if (process.env.DATABASE_URL && stores.includes('postgres')) rows.push(...(await onDatabase('postgres')));
  } finally {
    stopBroker();
  }
  const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
  for (const r of rows)
    console.log(
      `${r.label}: ${r.perSecond}/s, stored ${r.stored}/${r.sent}, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}${r.perMessage ? `, per message ${r.perMessage}` : ''}`,
    );
  const table = rows
    .map(
      (r) =>
        `| ${r.label} | ${r.stored.toLocaleString('en')} / ${r.sent.toLocaleString('en')} | ${r.perSecond.toLocaleString('en')}/s | ${ms(r.p50)} | ${ms(r.p99)} | ${r.perMessage ?? '—'} |`,
    )
    .join('\n');
  return `## Alarm ingestion (MON-01)

\`${process.env.DATABASE_URL ? 'DATABASE_URL=postgres://… ' : ''}npm run bench -- monitoring\` on ${machine()}, Mosquitto on the same machine (${brokerNote}); the
product's consumer with ${CONNECTIONS} connections in the shared group and 4 writers; the centres' publisher in a process of its own
(bench/publisher.ts); latency from publish to stored. Load average (1 min) at start and end: ${loadStart} → ${loadavg()[0]!.toFixed(2)}
(2 cores, shared with other work).
Target: ≥ 2,000 messages/s sustained with p99 arrival → stored under 100 ms. The consumer writes micro-batches: the
messages that arrive while a writer's transaction runs go into its next one — one multi-row insert on the unique
(centre, message id) index, one statement each for the devices' sign of life and their state by device time — and each
message is acknowledged after its batch commits; fire alarms keep a transaction of their own. A connection holds one
unacknowledged message in the store at a time, so the connections bound the messages in flight and the batches' size.
Statements (with begin and commit) and commits per stored message are counted with FEP_COUNT_STATEMENTS=1; before the
batches each message was its own transaction of 4–5 statements, and PostgreSQL reached 1,700–1,900/s here.
The raw rows are single autocommit inserts; the raw broker is the same publisher with subscribers that store nothing.

| Run | Stored / sent | Rate | p50 | p99 | Per stored message |
| --- | --- | --- | --- | --- | --- |
${table}
`;
}
