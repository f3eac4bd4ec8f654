import { crashDrill } from '../apps/api/src/ops/crash-drill.ts';
import { machine } from './report.ts';

/**
 * The crash drill at full size (issue 10 item 8): FEP_CRASH_CYCLES (200) kill -9 cycles during mixed writes,
 * on SQLite and — with DATABASE_URL — on PostgreSQL, side by side. Each cycle starts a real API process, writes from 8
 * clients, kills it at a random moment, checks integrity, restarts, finds every acknowledged write and
 * retries the ones in flight with their Idempotency-Keys. Counts, not timings.
 */
export async function crashBench(): Promise<string> {
  const cycles = Number(process.env.FEP_CRASH_CYCLES ?? 200);
  // The stores are drilled side by side (own data folder, own PostgreSQL schema): counts, not timings, are compared.
  const databases = process.env.DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  const rows = await Promise.all(
    databases.map(async (database) => {
      const started = Date.now();
      const r = await crashDrill({ database, cycles, log: (l) => console.log(`[crash ${database}] ${l}`) });
      for (const p of r.problems.slice(0, 10)) console.log(`[crash ${database}] problem: ${p}`);
      return `| ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.cycles} | ${r.acknowledged} | ${r.lost} | ${r.inFlightAtKill} | ${r.retriedSettled} | ${database === 'sqlite' ? `${r.integrityChecks} ok of ${r.integrityChecks}` : '—'} | ${r.chainsVerified - r.brokenChains} of ${r.chainsVerified} | ${r.problems.length} | ${Math.round((Date.now() - started) / 1000)} s |`;
    }),
  );
  return [
    '## Crash drill (kill -9 during mixed writes)',
    '',
    `\`npm run bench -- crash\` · ${new Date().toISOString().slice(0, 10)} · ${machine()}`,
    '',
    '| store | cycles | writes acknowledged | acknowledged and lost | in flight at the kills | retried with their key and settled | integrity_check | chains verifying | problems | time |',
    '| ----- | -----: | ------------------: | --------------------: | ---------------------: | ---------------------------------: | --------------- | ---------------- | -------: | ---: |',
    ...rows,
    '',
    'Each cycle: a real API process (`apps/api/src/main.ts`) with demo data; 8 clients create records with Idempotency-Keys and upload files; `kill -9` at a random moment 150–600 ms in; SQLite’s `integrity_check` on the file left behind; restart; every acknowledged record read back; every request that was in flight retried with its key (it must answer 201 at once — replayed if it had committed — never wait for a lock the dead process held); the restarted process takes the next cycle’s writes and kill. Both stores are drilled at the same time. At the end every record chain is verified. `npm test` runs 3 cycles per store (apps/api/src/ops/crash-drill.test.ts).',
  ].join('\n');
}
