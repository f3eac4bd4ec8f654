/**
 * The write path (issue "One shape for every feature", item 8): a durable application submission with an
 * Idempotency-Key over HTTP, next to a raw durable insert over HTTP (plain Fastify + better-sqlite3 with the
 * product's durability pragmas, or plain Fastify + pg) measured in the same run, with the statements and
 * commits one submission runs. `npm run bench -- write`; PostgreSQL too when DATABASE_URL is set.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { machine } from './report.ts';

const run = promisify(execFile);
const SECONDS = Number(process.env.FEP_BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}
async function load(o: Record<string, unknown>): Promise<Load> {
  const { stdout } = await run(
    process.execPath,
    [new URL('./load.mjs', import.meta.url).pathname, JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, ...o })],
    {
      maxBuffer: 1 << 24,
    },
  );
  return JSON.parse(stdout) as Load;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/**
 * What a submission needs: the applicant's session (`applicant.440106`) and a complete application on the inspection
 * path whose uploaded materials are already stored (one PNG per required upload).
 */
export async function submissionFixture(app: FastifyInstance, password: string) {
  const token = (
    (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'applicant.440106', password } })).json() as { token: string }
  ).token;
  const auth = { authorization: `Bearer ${token}` };
  const guide = (await app.inject({ method: 'GET', url: '/api/v1/licensing/guide?region=440106' })).json() as {
    materials: { code: string; required: boolean; source: string; paths: string[] }[];
  };
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const upload = async () => {
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    return (r.json() as { id: string }).id;
  };
  const materials: Record<string, string[]> = {};
  for (const m of guide.materials) if (m.source === 'upload' && m.paths.includes('inspection')) materials[m.code] = [await upload()];
  const body = {
    regionCode: '440106',
    venueKind: 'restaurant',
    floorArea: 1280,
    investment: 3_000_000,
    companyName: '鑫垚餐饮管理有限公司',
    legalRepresentative: '王建华',
    contactName: '李敏',
    contactPhone: '13800138000',
    venueName: '鑫源大酒店',
    venueAddress: '人民路100号',
    path: 'inspection',
    materials,
    submit: true,
  };
  return { auth, body };
}

export async function product(databaseUrl: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-write-'));
  let schema: string | undefined;
  if (databaseUrl) {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  process.env.FEP_COUNT_STATEMENTS = '1';
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }),
    schema ? { pgSchema: schema } : {},
  );
  const app = await buildApp(ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const { auth, body } = await submissionFixture(app, ctx.config.demoPassword);
  if (process.env.FEP_BENCH_PROBE) {
    const rs = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({ method: 'POST', url: '/api/v1/licensing/applications', headers: { ...auth, 'idempotency-key': `bench-${randomUUID()}` }, payload: body }),
      ),
    );
    console.log(rs.map((r) => `${r.statusCode} ${r.statusCode >= 300 ? r.body.slice(0, 200) : ''}`).join('\n'));
  }
  // One submission, counted.
  const s0 = { ...ctx.database.stats };
  const one = await app.inject({
    method: 'POST',
    url: '/api/v1/licensing/applications',
    headers: { ...auth, 'idempotency-key': `bench-${randomUUID()}` },
    payload: body,
  });
  if (one.statusCode !== 201) throw new Error(`submission failed: ${one.statusCode} ${one.body}`);
  const statements = ctx.database.stats.statements - s0.statements;
  const commits = ctx.database.stats.commits - s0.commits;
  process.env.FEP_COUNT_STATEMENTS = '';
  const beforeLoad = { ...ctx.database.stats };
  const r = await load({
    url: `${base}/api/v1/licensing/applications`,
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body,
    uniqueKey: true,
  });
  // Commits (each one fsync on SQLite) per acknowledged submission under load: below 1 when group commit batches.
  const commitsUnderLoad = r.total > 0 ? (ctx.database.stats.commits - beforeLoad.commits) / r.total : 0;
  await app.close();
  await ctx.database.close();
  if (schema) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
  rmSync(dir, { recursive: true, force: true });
  return { ...r, statements, commits, commitsUnderLoad };
}

/** The raw limit: a durable insert of a row of the same size per HTTP request, nothing else. */
async function raw(databaseUrl: string | undefined) {
  const app = Fastify({ logger: false });
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-raw-'));
  let close = async () => {};
  const row = JSON.stringify({ note: '鑫垚餐饮管理有限公司 鑫源大酒店 人民路100号'.repeat(8) });
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    const table = `bench_raw_${randomBytes(4).toString('hex')}`;
    await pool.query(`CREATE TABLE ${table} (id text primary key, body text not null, created_at text not null)`);
    app.post('/raw', async () => {
      const id = randomUUID();
      await pool.query(`INSERT INTO ${table} (id, body, created_at) VALUES ($1, $2, $3)`, [id, row, new Date().toISOString()]);
      return { id };
    });
    close = async () => {
      await pool.query(`DROP TABLE ${table}`);
      await pool.end();
    };
  } else {
    const db = new SQLite(join(dir, 'raw.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE raw (id text primary key, body text not null, created_at text not null)');
    const ins = db.prepare('INSERT INTO raw (id, body, created_at) VALUES (?, ?, ?)');
    app.post('/raw', async () => {
      const id = randomUUID();
      ins.run(id, row, new Date().toISOString());
      return { id };
    });
    close = async () => {
      db.close();
    };
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/raw`;
  const r = await load({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: {} });
  await app.close();
  await close();
  rmSync(dir, { recursive: true, force: true });
  return r;
}

export async function writeBench(): Promise<string> {
  const rows: string[] = [];
  const targets: Record<string, number> = { SQLite: 0.5, PostgreSQL: 0.25 };
  for (const [name, url] of [['SQLite', undefined], ...(process.env.DATABASE_URL ? [['PostgreSQL', process.env.DATABASE_URL]] : [])] as [
    string,
    string | undefined,
  ][]) {
    const p = await product(url);
    const b = await raw(url);
    const ratio = p.rps / b.rps;
    console.log(
      `write ${name}: product ${p.rps.toFixed(0)}/s (${p.statements} statements, ${p.commits} commits), raw ${b.rps.toFixed(0)}/s, ratio ${ratio.toFixed(2)}`,
    );
    rows.push(
      `| ${name} | ${Math.round(p.rps).toLocaleString('en-US')}/s, p99 ${p.p99} ms, ${p.non2xx + p.errors} failed | ${p.statements} statements, ${p.commits} commit(s); under load ${p.commitsUnderLoad.toFixed(2)} commits per submission | ${Math.round(b.rps).toLocaleString('en-US')}/s, p99 ${b.p99} ms | **${ratio.toFixed(2)} ×** (target ≥ ${targets[name]} ×) |`,
    );
  }
  return [
    '## Write path: durable submission with Idempotency-Key',
    '',
    `\`npm run bench -- write\` (bench/write.ts) · ${new Date().toISOString().slice(0, 10)} · ${machine()} · autocannon in its own process, ${CONNECTIONS} connections, ${SECONDS} s,`,
    'a fresh key per request; the product submits a complete application on the inspection path as `applicant.440106`. The raw limit is',
    'a plain Fastify route doing one durable insert of a row of similar size (SQLite: WAL, synchronous=FULL; PostgreSQL: autocommit), same run.',
    'On SQLite the product commits transactions of concurrent requests together (group commit, docs/decisions.md): the counted submission runs alone, so it shows its own commit and savepoint statements.',
    '',
    '| store | product: POST /api/v1/licensing/applications | one submission runs | raw durable insert over HTTP | product / raw |',
    '|---|---|---|---|---:|',
    ...rows,
  ].join('\n');
}
