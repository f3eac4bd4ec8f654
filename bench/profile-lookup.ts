/**
 * Profiling aid for the read path (not a benchmark): `node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx
 * bench/profile-lookup.ts` serves the product, puts 10 connections of USCI lookups on it for 5 s from an
 * autocannon process, and exits; open the .cpuprofile in Chrome DevTools or summarise it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'fep-prof-'));
const ctx = await createContext(loadConfig({ DATA_DIR: dir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
const app = await buildApp(ctx, { serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const unit = await ctx.database.db.selectFrom('units').select('usci').where('region_code', 'like', '2110%').executeTakeFirstOrThrow();
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'inspector.211000', password: ctx.config.demoPassword }),
});
const token = ((await login.json()) as { token: string }).token;
const cannon = join(new URL('.', import.meta.url).pathname, '../node_modules/autocannon/autocannon.js');
const { stdout } = await promisify(execFile)(process.execPath, [
  cannon,
  '-j',
  '-c',
  '10',
  '-d',
  '5',
  '-H',
  `authorization=Bearer ${token}`,
  `${base}/api/v1/units?q=${unit.usci}`,
]);
console.log(`${Math.round((JSON.parse(stdout) as { requests: { average: number } }).requests.average)} req/s`);
await app.close();
await ctx.database.close();
rmSync(dir, { recursive: true, force: true });
