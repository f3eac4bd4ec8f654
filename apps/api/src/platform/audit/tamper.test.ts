import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { sm2 } from 'sm-crypto-v2';
import type { Executor } from '../../db/database.ts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { unitOfAgency } from '../../test-support/targets.ts';
import { type CheckpointKey, fileSink, type RecordFinding, type Sink, takeCheckpoint, verifyRecord } from './checkpoints.ts';

/**
 * An insider with write access to the database (and DDL: he drops the append-only triggers first) tries
 * nine kinds of tampering, ≥ 100 random trials each; `verifyRecord` against the last checkpoint must find
 * every one (issue 10 item 5). Each trial runs in a transaction that is rolled back, so trials do not add up.
 */
const TRIALS = 100;

class Rollback extends Error {}

/** A small deterministic generator (mulberry32), so a failing trial can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const database of DATABASES) {
  describe(`the record against an insider: nine tamper classes × ${TRIALS} trials [${database}]`, () => {
    let t: TestApp;
    let key: CheckpointKey;
    let sink: Sink;
    let sinkDir: string;
    let chains: { chain_id: string; last_seq: number; last_hash: string }[];
    let clockIds: string[];
    const pick = random(20261207);
    const any = <T>(list: T[]): T => list[Math.floor(pick() * list.length)]!;

    before(async () => {
      t = await startTestApp(database);
      const clerk = await t.login('clerk.211000');
      const approver = await t.login('approver.211000');
      const unitId = await unitOfAgency(t, '211000');
      // Clocks with a few events each: chains of several events and sealed rows.
      for (let i = 0; i < 12; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/clocks',
          headers: bearer(clerk),
          payload: {
            targetType: 'unit',
            targetId: unitId,
            title: `篡改演练时限${i}`,
            unit: 'working_days',
            amount: 10,
            legalBasis: { document: '《消防监督检查规定》' },
          },
        });
        assert.equal(r.statusCode, 201, r.body);
        const id = r.json().id as string;
        for (const [step, payload, who] of [
          ['pause', { reason: '等待检测' }, clerk],
          ['resume', {}, clerk],
          ['extend', { amount: 3, reason: '经批准延长' }, approver],
        ] as const) {
          const s = await t.app.inject({ method: 'POST', url: `/api/v1/clocks/${id}/${step}`, headers: bearer(who), payload });
          assert.ok(s.statusCode < 300, `${step}: ${s.body}`);
        }
      }
      const pair = sm2.generateKeyPairHex();
      key = { privateKey: pair.privateKey, publicKey: pair.publicKey };
      sinkDir = mkdtempSync(join(tmpdir(), 'fep-sink-'));
      sink = fileSink(join(sinkDir, 'checkpoints.jsonl'));
      const db = t.ctx.database.db;
      await takeCheckpoint(db, key, sink, t.ctx.now());
      chains = (await db.selectFrom('audit_chain_heads').selectAll().where('last_seq', '>=', 3).execute()).map((c) => ({ ...c, last_seq: Number(c.last_seq) }));
      clockIds = (await db.selectFrom('audit_row_seals').select('row_id').where('table_name', '=', 'clocks').execute()).map((r) => r.row_id);
      assert.ok(chains.length >= 12 && clockIds.length >= 12, `${chains.length} chains, ${clockIds.length} sealed clocks`);
    });
    after(async () => {
      await t.close();
      rmSync(sinkDir, { recursive: true, force: true });
    });

    const dropGuards = async (trx: Executor) => {
      if (database === 'sqlite') {
        await sql`DROP TRIGGER audit_events_no_update`.execute(trx);
        await sql`DROP TRIGGER audit_events_no_delete`.execute(trx);
      } else {
        await sql`DROP TRIGGER audit_events_no_update ON audit_events`.execute(trx);
        await sql`DROP TRIGGER audit_events_no_delete ON audit_events`.execute(trx);
      }
    };

    /** Runs `tamper` in a transaction rolled back afterwards and returns what verification found meanwhile. */
    async function trial(tamper: (trx: Executor) => Promise<{ chains: string[]; rows?: { table: string; ids: string[] } }>): Promise<RecordFinding[]> {
      let found: RecordFinding[] = [];
      await t.ctx.database.db
        .transaction()
        .execute(async (trx) => {
          await dropGuards(trx);
          const sample = await tamper(trx);
          found = await verifyRecord(trx, t.ctx.auditKey, key.publicKey, sink, sample);
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      return found;
    }

    const events = (trx: Executor, chainId: string) => trx.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).orderBy('seq').execute();

    test('untouched, the sampled chains and rows verify against the checkpoint', async () => {
      const found = await trial(async () => ({ chains: chains.map((c) => c.chain_id), rows: { table: 'clocks', ids: clockIds } }));
      assert.deepEqual(found, []);
    });

    const classes: [string, RecordFinding['reason'], (trx: Executor) => Promise<{ chains: string[]; rows?: { table: string; ids: string[] } }>][] = [
      [
        'edit a field of an event',
        'chain_broken',
        async (trx) => {
          const c = any(chains);
          const seq = 1 + Math.floor(pick() * c.last_seq);
          const field = any(['action', 'actor_user_id', 'occurred_at', 'details', 'outcome'] as const);
          const value =
            field === 'details' ? '{"reason":"改过"}' : field === 'outcome' ? 'failure' : field === 'occurred_at' ? '2020-01-01T00:00:00.000Z' : 'forged';
          await trx
            .updateTable('audit_events')
            .set({ [field]: value })
            .where('chain_id', '=', c.chain_id)
            .where('seq', '=', seq)
            .execute();
          return { chains: [c.chain_id] };
        },
      ],
      [
        'delete an event',
        'chain_broken',
        async (trx) => {
          const c = any(chains);
          await trx
            .deleteFrom('audit_events')
            .where('chain_id', '=', c.chain_id)
            .where('seq', '=', 1 + Math.floor(pick() * c.last_seq))
            .execute();
          return { chains: [c.chain_id] };
        },
      ],
      [
        'insert a forged event (and move the head to it)',
        'chain_broken',
        async (trx) => {
          const c = any(chains);
          const last = (await events(trx, c.chain_id)).at(-1)!;
          const hash = Buffer.from(Array.from({ length: 32 }, () => Math.floor(pick() * 256))).toString('hex');
          await trx
            .insertInto('audit_events')
            .values({ ...last, id: `forged-${pick()}`, seq: last.seq + 1, action: 'clock.stopped', prev_hash: last.hash, hash })
            .execute();
          await trx
            .updateTable('audit_chain_heads')
            .set({ last_seq: last.seq + 1, last_hash: hash })
            .where('chain_id', '=', c.chain_id)
            .execute();
          return { chains: [c.chain_id] };
        },
      ],
      [
        'reorder two events',
        'chain_broken',
        async (trx) => {
          const c = any(chains);
          const a = 1 + Math.floor(pick() * (c.last_seq - 1));
          const q = (from: number, to: number) =>
            trx.updateTable('audit_events').set({ seq: to }).where('chain_id', '=', c.chain_id).where('seq', '=', from).execute();
          await q(a, -1);
          await q(a + 1, a);
          await q(-1, a + 1);
          return { chains: [c.chain_id] };
        },
      ],
      [
        'truncate the tail',
        'chain_broken',
        async (trx) => {
          const c = any(chains);
          await trx
            .deleteFrom('audit_events')
            .where('chain_id', '=', c.chain_id)
            .where('seq', '>', c.last_seq - 1 - Math.floor(pick() * (c.last_seq - 1)))
            .execute();
          return { chains: [c.chain_id] };
        },
      ],
      [
        'truncate the tail and rewrite the head row',
        'chain_cut_since_checkpoint',
        async (trx) => {
          const c = any(chains);
          const keep = 1 + Math.floor(pick() * (c.last_seq - 1));
          await trx.deleteFrom('audit_events').where('chain_id', '=', c.chain_id).where('seq', '>', keep).execute();
          const last = (await events(trx, c.chain_id)).at(-1)!;
          await trx.updateTable('audit_chain_heads').set({ last_seq: last.seq, last_hash: last.hash }).where('chain_id', '=', c.chain_id).execute();
          return { chains: [c.chain_id] };
        },
      ],
      [
        'delete a whole chain with its head',
        'chain_deleted',
        async (trx) => {
          const c = any(chains);
          await trx.deleteFrom('audit_events').where('chain_id', '=', c.chain_id).execute();
          await trx.deleteFrom('audit_chain_heads').where('chain_id', '=', c.chain_id).execute();
          return { chains: [c.chain_id] };
        },
      ],
      [
        'replay an event from another chain',
        'chain_broken',
        async (trx) => {
          const a = any(chains);
          let b = any(chains);
          while (b.chain_id === a.chain_id) b = any(chains);
          const donor = any(await events(trx, b.chain_id));
          const head = (await events(trx, a.chain_id)).at(-1)!;
          // The replayed event keeps its own hash (which an insider cannot recompute without the key).
          await trx
            .insertInto('audit_events')
            .values({ ...donor, id: `replayed-${pick()}`, chain_id: a.chain_id, seq: head.seq + 1 })
            .execute();
          await trx
            .updateTable('audit_chain_heads')
            .set({ last_seq: head.seq + 1, last_hash: donor.hash })
            .where('chain_id', '=', a.chain_id)
            .execute();
          return { chains: [a.chain_id] };
        },
      ],
      [
        'edit a business row without an event (clocks.due_at)',
        'row_changed_without_record',
        async (trx) => {
          const id = any(clockIds);
          // Half the trials also drop the marking trigger first, as an insider who knows of it would.
          if (pick() < 0.5) {
            if (database === 'sqlite') await sql`DROP TRIGGER clocks_mark_dirty_update`.execute(trx);
            else await sql`DROP TRIGGER clocks_mark_dirty ON clocks`.execute(trx);
          }
          const days = 1 + Math.floor(pick() * 60);
          await trx
            .updateTable('clocks')
            .set({ due_at: new Date(Date.UTC(2027, 0, days)).toISOString(), due_date: `2027-01-${String((days % 28) + 1).padStart(2, '0')}` })
            .where('id', '=', id)
            .execute();
          return { chains: [], rows: { table: 'clocks', ids: [id] } };
        },
      ],
    ];

    for (const [name, reason, tamper] of classes)
      test(`${name}: ${TRIALS} of ${TRIALS} trials detected`, async () => {
        let detected = 0;
        const missed: string[] = [];
        for (let i = 0; i < TRIALS; i++) {
          const found = await trial(tamper);
          if (found.some((f) => f.reason === reason)) detected++;
          else missed.push(JSON.stringify(found));
        }
        assert.equal(detected, TRIALS, `missed: ${missed.slice(0, 3).join(' | ')}`);
      });

    test('a checkpoint line altered in the sink, or signed with another key, is found', async () => {
      const lines = await sink.read();
      const forged = { ...lines.at(-1)!, root: '0'.repeat(64) };
      const altered: Sink = { read: async () => [...lines.slice(0, -1), forged], append: async () => undefined };
      const found = await verifyRecord(t.ctx.database.db, t.ctx.auditKey, key.publicKey, altered, { chains: [] });
      assert.ok(found.some((f) => f.reason === 'signature_invalid'));
      const other = sm2.generateKeyPairHex();
      assert.ok((await verifyRecord(t.ctx.database.db, t.ctx.auditKey, other.publicKey, sink, { chains: [] })).some((f) => f.reason === 'signature_invalid'));
    });

    // Last: it leaves one clock tampered for good.
    test('a row edited outside the record is not sealed over by the next recorded change to it', async () => {
      const db = t.ctx.database.db;
      const { id } = await db.selectFrom('clocks').select('id').where('title', '=', '篡改演练时限0').executeTakeFirstOrThrow();
      const sealedBefore = await db
        .selectFrom('audit_row_seals')
        .select('digest')
        .where('table_name', '=', 'clocks')
        .where('row_id', '=', id)
        .executeTakeFirstOrThrow();
      await db.updateTable('clocks').set({ due_at: '2027-03-01T00:00:00.000Z', due_date: '2027-03-01' }).where('id', '=', id).execute();
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/clocks/${id}/pause`,
        headers: bearer(await t.login('clerk.211000')),
        payload: { reason: '等待检测' },
      });
      assert.equal(r.statusCode, 200, r.body);
      const sealedAfter = await db
        .selectFrom('audit_row_seals')
        .select('digest')
        .where('table_name', '=', 'clocks')
        .where('row_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(sealedAfter.digest, sealedBefore.digest, 'the seal still describes the row as the record left it');
      const mark = await db.selectFrom('audit_dirty_rows').select('tampered').where('table_name', '=', 'clocks').where('row_id', '=', id).executeTakeFirst();
      assert.equal(Number(mark?.tampered), 1, 'the row stays listed as tampered');
      const found = await verifyRecord(db, t.ctx.auditKey, key.publicKey, sink, { chains: [], rows: { table: 'clocks', ids: [id] } });
      assert.ok(
        found.some((f) => f.reason === 'row_changed_without_record'),
        JSON.stringify(found),
      );
    });
  });
}
