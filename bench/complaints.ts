/**
 * Hazard reports (`npm run bench -- complaints`), SQLite, in-process (Fastify inject, sequential):
 *   - report intake per second with a photo (CMP-01): `POST /api/v1/public/complaints/photos` (sniff, re-encode,
 *     store) then `POST /api/v1/public/complaints` with it (policy, calendar, clock, sealed identity, record,
 *     event) — each pair from its own client address, as many phones would;
 *   - the map endpoint (`GET /api/v1/complaints/map`) over N reports (FEP_BENCH_COMPLAINTS, default 200,000,
 *     bulk-inserted around 辽阳): p50/p95/max of 300 requests for a street-sized box and a district-sized box
 *     (capped at 5,000 points). Target: p95 under 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import type { ComplaintsTable } from '../apps/api/src/db/schema/complaints.ts';
import { machine } from './report.ts';

const N = Number(process.env.FEP_BENCH_COMPLAINTS ?? 200_000);
const SECONDS = Number(process.env.FEP_BENCH_SECONDS ?? 5);
const SAMPLES = 300;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export async function complaintsBench(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-bench-cmp-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const db = ctx.database.db;

  // Intake with a photo, sequential, each report from its own address (the per-address limits do not bind).
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    n++;
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const boundary = `----fep${n}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(randomUUID()),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints/photos',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
      remoteAddress: ip,
    });
    if (up.statusCode !== 201) throw new Error(`photo ${up.statusCode} ${up.body}`);
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      payload: {
        regionCode: '211002',
        category: 'escape_route_blocked',
        description: `基准测试：安全出口锁闭 ${n}`,
        location: { lat: 41.27 + (n % 100) / 10_000, lng: 123.17 + (n % 77) / 10_000, system: 'gcj02' },
        photos: [up.json().id],
        anonymous: true,
        reporter: { phone: '13500000000' },
      },
      remoteAddress: ip,
    });
    if (r.statusCode !== 201) throw new Error(`report ${r.statusCode} ${r.body}`);
  }
  const intakePerSecond = n / SECONDS;

  // N reports around Liaoyang, bulk-inserted (the rows the intake would write, minus clocks and records).
  const agency = await db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', '211002').executeTakeFirstOrThrow();
  const t0 = performance.now();
  const now = new Date('2026-11-23T02:00:00Z').getTime();
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < N; i += 500) {
    const rows: ComplaintsTable[] = [];
    for (let j = i; j < Math.min(N, i + 500); j++) {
      const at = new Date(now - Math.floor(rnd() * 365 * 86_400_000)).toISOString();
      rows.push({
        id: randomUUID(),
        code_hash: `bench-${j}`,
        agency_id: agency.id,
        agency_path: agency.path,
        region_code: '211002',
        channel: 'portal',
        category: rnd() < 0.5 ? 'escape_route_blocked' : 'other',
        reported_category: 'other',
        description: '基准测试举报',
        unit_usci: null,
        address: null,
        lat: 41.1 + rnd() * 0.4,
        lng: 123.0 + rnd() * 0.4,
        coord_system: 'wgs84',
        photos_json: '[]',
        anonymous: 1,
        identity_enc: null,
        status: rnd() < 0.7 ? 'closed' : 'received',
        received_at: at,
        clock_id: null,
        due_at: at,
        due_date: null,
        limit_unit: 'hours',
        limit_amount: 24,
        duplicate_of: null,
        task_id: null,
        outcome: null,
        findings: null,
        order_id: null,
        verified_at: null,
        feedback: null,
        feedback_impossible: null,
        feedback_at: null,
        reopened_count: 0,
        partner_id: null,
        external_ref: null,
        external_due_at: null,
        satisfaction: null,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 0,
      });
    }
    await db.insertInto('complaints').values(rows).execute();
  }
  const seedSeconds = (performance.now() - t0) / 1000;
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader.211002', password: ctx.config.demoPassword } });
  const token = login.json().token as string;
  const boxes = [
    { label: 'street (≈ 1 km box)', q: 'minLat=41.27&maxLat=41.28&minLng=123.17&maxLng=123.183' },
    { label: 'district (≈ 10 km box, capped at 5,000 points)', q: 'minLat=41.2&maxLat=41.3&minLng=123.1&maxLng=123.23' },
  ];
  const rows: string[] = [];
  for (const b of boxes) {
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const s = performance.now();
      const r = await app.inject({ method: 'GET', url: `/api/v1/complaints/map?${b.q}`, headers: { authorization: `Bearer ${token}` } });
      times.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`map ${r.statusCode} ${r.body}`);
      points = r.json().points.length;
    }
    const line = `| map, ${b.label}: ${points.toLocaleString('en-US')} points | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`;
    console.log(line);
    rows.push(line);
  }
  await app.close();
  await ctx.database.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`intake with photo: ${intakePerSecond.toFixed(1)} /s; seeded ${N} in ${seedSeconds.toFixed(1)} s`);
  return [
    `## Hazard reports: intake with a photo, and the map over ${N.toLocaleString('en-US')} reports`,
    '',
    `\`npm run bench -- complaints\` · ${new Date().toISOString().slice(0, 10)} · ${machine()}, SQLite, in-process (Fastify inject), sequential`,
    '',
    `Report intake with a photo (upload: content sniffed, re-encoded, stored by SHA-256; report: policy and calendar,`,
    `statutory clock, sealed identity, enforcement record and domain event, one transaction): **${intakePerSecond.toFixed(1)} reports/s**`,
    `(${n} in ${SECONDS} s, one at a time).`,
    '',
    `Map endpoint over ${N.toLocaleString('en-US')} reports of one detachment (bulk-inserted in ${seedSeconds.toFixed(1)} s), ${SAMPLES} requests each. Target p95 < 100 ms.`,
    '',
    '| request | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
