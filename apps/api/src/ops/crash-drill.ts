import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../db/database.ts';
import { verifyChain } from '../platform/audit/chain.ts';
import { loadAuditKey } from '../platform/audit/keys.ts';
import { cluster } from '../test-support/processes.ts';

/**
 * Crash drill (issue 10 item 8): the product is killed with `kill -9` in the middle of mixed writes
 * (record creations with Idempotency-Keys and file uploads), restarted, and checked: every write it
 * acknowledged is there, a write whose answer was lost is retried with its key and settles at once (a key
 * held by a dead process is not blocked), SQLite's integrity check passes and every record chain verifies.
 * `npm test` runs a few cycles; `npm run bench` runs 200 per database.
 */
export interface CrashDrillReport {
  database: 'sqlite' | 'postgres';
  cycles: number;
  acknowledged: number;
  inFlightAtKill: number;
  lost: number;
  retriedSettled: number;
  integrityChecks: number;
  chainsVerified: number;
  brokenChains: number;
  problems: string[];
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export async function crashDrill(opts: { database: 'sqlite' | 'postgres'; cycles: number; log?: (line: string) => void }): Promise<CrashDrillReport> {
  const c = await cluster({ FEP_DEMO: 'true', FEP_SWEEP_CRON: '' }, { database: opts.database });
  const report: CrashDrillReport = {
    database: opts.database,
    cycles: 0,
    acknowledged: 0,
    inFlightAtKill: 0,
    lost: 0,
    retriedSettled: 0,
    integrityChecks: 0,
    chainsVerified: 0,
    brokenChains: 0,
    problems: [],
  };
  const acked = new Map<string, string>(); // idempotency key → clock id
  try {
    let token = '';
    let unitId = '';
    // The process restarted to check a cycle is the one the next cycle writes to and kills: one start per cycle.
    let p = await c.start();
    for (let cycle = 0; cycle < opts.cycles; cycle++) {
      const base = `http://127.0.0.1:${p.port}`;
      if (!token) {
        const login = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'clerk.211000', password: 'Demo@2026' }),
        });
        token = ((await login.json()) as { token: string }).token;
        unitId = (
          (await (await fetch(`${base}/api/v1/units?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] }
        ).items[0]!.id;
      }
      const auth = { authorization: `Bearer ${token}` };
      const createClock = (key: string) =>
        fetch(`${base}/api/v1/clocks`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({
            targetType: 'unit',
            targetId: unitId,
            title: `崩溃演练${key}`,
            unit: 'calendar_days',
            amount: 5,
            legalBasis: { document: '演练' },
          }),
        });
      // Writes from 8 clients until the kill; each remembers what was acknowledged and what was in flight.
      const inFlight = new Set<string>();
      let killed = false;
      const client = async (n: number) => {
        for (let i = 0; !killed; i++) {
          const key = `crash-${cycle}-${n}-${i}-${randomBytes(3).toString('hex')}`;
          try {
            if (i % 5 === 4) {
              const form = new FormData();
              form.append('file', new Blob([PNG, Buffer.from(key)], { type: 'image/png' }), `${key}.png`);
              await fetch(`${base}/api/v1/files`, { method: 'POST', headers: auth, body: form });
              continue;
            }
            inFlight.add(key);
            const r = await createClock(key);
            if (r.status === 201) {
              acked.set(key, ((await r.json()) as { id: string }).id);
              report.acknowledged++;
            } else if (!killed) report.problems.push(`cycle ${cycle}: answer ${r.status} ${await r.text()}`);
            inFlight.delete(key);
          } catch {
            return; // the connection died with the process: the key stays in flight
          }
        }
      };
      const clients = Array.from({ length: 8 }, (_, n) => client(n));
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 450)));
      killed = true;
      await p.kill('SIGKILL');
      await Promise.all(clients);
      report.inFlightAtKill += inFlight.size;
      if (opts.database === 'sqlite') {
        const db = new SQLite(`${c.dataDir}/fep.sqlite`);
        try {
          const r = db.pragma('integrity_check', { simple: true });
          report.integrityChecks++;
          if (r !== 'ok') report.problems.push(`cycle ${cycle}: integrity_check ${String(r)}`);
        } finally {
          db.close();
        }
      }
      // Restarted: every acknowledged write is there; a write in flight is retried with its key and settles at once.
      const q = await c.start();
      const base2 = `http://127.0.0.1:${q.port}`;
      for (const [key, id] of acked) {
        if (!key.startsWith(`crash-${cycle}-`)) continue;
        const r = await fetch(`${base2}/api/v1/clocks/${id}`, { headers: auth });
        if (r.status !== 200) {
          report.lost++;
          report.problems.push(`cycle ${cycle}: acknowledged ${key} → ${r.status}`);
        }
      }
      for (const key of inFlight) {
        const r = await fetch(`${base2}/api/v1/clocks`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({
            targetType: 'unit',
            targetId: unitId,
            title: `崩溃演练${key}`,
            unit: 'calendar_days',
            amount: 5,
            legalBasis: { document: '演练' },
          }),
        });
        // Replayed (the write had committed) or made now: either way one clock under the key, at once.
        if (r.status === 201) report.retriedSettled++;
        else report.problems.push(`cycle ${cycle}: retry of ${key} → ${r.status} ${await r.text()}`);
      }
      p = q;
      report.cycles++;
      opts.log?.(`cycle ${cycle + 1}/${opts.cycles}: ${report.acknowledged} acknowledged, ${report.inFlightAtKill} in flight at kills, ${report.lost} lost`);
    }
    await p.kill('SIGKILL');
    const database = openDatabase({ dataDir: c.dataDir, databaseUrl: c.databaseUrl || undefined });
    try {
      const key = loadAuditKey(c.dataDir, undefined);
      for (const { chain_id } of await database.db.selectFrom('audit_chain_heads').select('chain_id').execute()) {
        const r = await verifyChain(database.db, key, chain_id);
        report.chainsVerified++;
        if (r && !r.ok) {
          report.brokenChains++;
          report.problems.push(`chain ${chain_id} broken at ${r.brokenAt}: ${r.reason}`);
        }
      }
    } finally {
      await database.close();
    }
  } finally {
    await c.close();
  }
  return report;
}
