import { readFileSync } from 'node:fs';
import { bearer, multipartFile, startTestApp } from './harness.ts';

/**
 * Run by features/units/import-bomb.test.ts in a process of its own: imports the file named by argv[2] and
 * prints the answer and how far the process's resident memory rose above where it stood before the request
 * (sampled every 5 ms while the request runs, and once after it).
 */
const path = process.argv[2]!;
const t = await startTestApp('sqlite');
const token = await t.login('clerk.211000');
const mp = multipartFile('单位名录.xlsx', readFileSync(path), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
(globalThis as { gc?: () => void }).gc?.();
const base = process.memoryUsage().rss;
let peak = base;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const r = await t.app.inject({ method: 'POST', url: '/api/v1/units/import', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(`${JSON.stringify({ status: r.statusCode, body: r.json(), deltaBytes: peak - base })}\n`);
await t.close();
