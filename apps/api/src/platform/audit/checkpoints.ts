import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AppContext } from '../context.ts';
import { sm2Sign, sm2Verify } from '../documents/seal.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { canonicalJson, sm3Hex, verifyChain } from './chain.ts';
import { loadCheckpointKey } from './keys.ts';
import { verifyRowSeals } from './row-seals.ts';

/**
 * Checkpoints of the enforcement record (issue 10 item 5; 等保 2.0 8.1.4.3 c): a Merkle root (SM3) over
 * every chain head and every row seal, signed with the platform's SM2 checkpoint key and appended — as
 * one JSON line chained to the previous one — to a sink outside the database (a file on another path by
 * default; a partner endpoint where configured). An insider who can write the database can cut a chain
 * back and rewrite its head, or delete a chain with its head, consistently with the keyed hashes only if
 * he also holds the audit key; even then he cannot change what the last checkpoint in the sink says.
 * `verifyRecord` proves every chain and row seal against the last checkpoint.
 */
export interface CheckpointLine {
  seq: number;
  createdAt: string;
  leaves: number;
  root: string;
  prevHash: string;
  publicKey: string;
  signature: string;
}

export interface CheckpointKey {
  privateKey: string;
  publicKey: string;
}

const leafHash = (id: string, seq: number, hash: string) => sm3Hex(`${id}\n${seq}\n${hash}`);

/** The Merkle root of the sorted leaves (an odd node is carried up unchanged); the empty tree is sm3(''). */
export function merkleRoot(leaves: { id: string; seq: number; hash: string }[]): string {
  let level = [...leaves].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((l) => leafHash(l.id, l.seq, l.hash));
  if (level.length === 0) return sm3Hex('');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sm3Hex(`${level[i]}${level[i + 1]}`) : level[i]!);
    level = next;
  }
  return level[0]!;
}

function signedText(l: Omit<CheckpointLine, 'signature'>): string {
  return canonicalJson([l.seq, l.createdAt, l.leaves, l.root, l.prevHash, l.publicKey]);
}

export function lineHash(l: CheckpointLine): string {
  return sm3Hex(canonicalJson(l));
}

async function currentLeaves(db: Executor): Promise<{ id: string; seq: number; hash: string }[]> {
  const chains = await db.selectFrom('audit_chain_heads').select(['chain_id', 'last_seq', 'last_hash']).execute();
  const seals = await db.selectFrom('audit_row_seals').select(['table_name', 'row_id', 'mac']).execute();
  return [
    ...chains.map((c) => ({ id: c.chain_id, seq: Number(c.last_seq), hash: c.last_hash })),
    ...seals.map((s) => ({ id: `row:${s.table_name}:${s.row_id}`, seq: 0, hash: s.mac })),
  ];
}

export interface Sink {
  /** Every line written so far, oldest first. */
  read(): CheckpointLine[];
  append(line: CheckpointLine): Promise<void>;
}

/** A JSON-lines file (on another disk or host mount than DATA_DIR; FEP_CHECKPOINT_FILE). */
export function fileSink(path: string): Sink {
  return {
    read() {
      if (!existsSync(path)) return [];
      return readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as CheckpointLine);
    },
    async append(line) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      appendFileSync(path, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    },
  };
}

/**
 * Takes a checkpoint: the leaves as committed now (one transaction, so heads and seals agree), the root
 * signed, the line appended to the sink and then recorded in the database with the leaves it covers.
 */
export async function takeCheckpoint(db: Executor, key: CheckpointKey, sink: Sink, now: Date): Promise<CheckpointLine> {
  const leaves = await currentLeaves(db);
  const previous = sink.read().at(-1);
  const unsigned = {
    seq: (previous?.seq ?? 0) + 1,
    createdAt: now.toISOString(),
    leaves: leaves.length,
    root: merkleRoot(leaves),
    prevHash: previous ? lineHash(previous) : '0'.repeat(64),
    publicKey: key.publicKey,
  };
  const line: CheckpointLine = { ...unsigned, signature: sm2Sign(key, signedText(unsigned)) };
  await sink.append(line);
  await db.deleteFrom('audit_checkpoint_leaves').execute();
  for (let i = 0; i < leaves.length; i += 500)
    await db
      .insertInto('audit_checkpoint_leaves')
      .values(leaves.slice(i, i + 500).map((l) => ({ leaf_id: l.id, seq: l.seq, hash: l.hash })))
      .execute();
  await db
    .insertInto('audit_checkpoints')
    .values({
      seq: line.seq,
      created_at: line.createdAt,
      leaves: line.leaves,
      root: line.root,
      prev_hash: line.prevHash,
      signature: line.signature,
      public_key: line.publicKey,
    })
    .execute();
  return line;
}

export interface RecordFinding {
  what: string;
  reason:
    | 'sink_broken'
    | 'signature_invalid'
    | 'checkpoint_leaves_altered'
    | 'chain_broken'
    | 'chain_cut_since_checkpoint'
    | 'chain_deleted'
    | 'row_changed_without_record'
    | 'row_seal_forged'
    | 'row_seal_deleted';
  detail?: string;
}

/**
 * Proves the record: the sink's lines chain and carry valid signatures of the expected key; the leaves
 * kept in the database are the ones the last line's root covers; every chain verifies from its first
 * event, still holds (at the same place) the head it had at the checkpoint; every row seal checks, and
 * no sealed row the checkpoint covers has lost its seal. `only`: the chains and rows of a sample (tests).
 */
export async function verifyRecord(
  db: Executor,
  auditKey: Buffer,
  publicKey: string,
  sink: Sink,
  only?: { chains: string[]; rows?: { table: string; ids: string[] } },
): Promise<RecordFinding[]> {
  const findings: RecordFinding[] = [];
  const lines = sink.read();
  let prev = '0'.repeat(64);
  for (const l of lines) {
    if (l.prevHash !== prev) findings.push({ what: `checkpoint ${l.seq}`, reason: 'sink_broken' });
    const { signature, ...unsigned } = l;
    if (l.publicKey !== publicKey || !sm2Verify(publicKey, signedText(unsigned), signature))
      findings.push({ what: `checkpoint ${l.seq}`, reason: 'signature_invalid' });
    prev = lineHash(l);
  }
  const last = lines.at(-1);
  const leaves = last ? await db.selectFrom('audit_checkpoint_leaves').selectAll().execute() : [];
  if (last && merkleRoot(leaves.map((l) => ({ id: l.leaf_id, seq: Number(l.seq), hash: l.hash }))) !== last.root)
    findings.push({ what: `checkpoint ${last.seq}`, reason: 'checkpoint_leaves_altered' });
  const chainLeaves = new Map(leaves.filter((l) => !l.leaf_id.startsWith('row:')).map((l) => [l.leaf_id, l]));
  const chains = only?.chains ?? (await db.selectFrom('audit_chain_heads').select('chain_id').execute()).map((c) => c.chain_id);
  for (const chainId of new Set([...chains, ...(only ? [] : chainLeaves.keys())])) {
    const r = await verifyChain(db, auditKey, chainId);
    const leaf = chainLeaves.get(chainId);
    if (!r) {
      if (leaf) findings.push({ what: chainId, reason: 'chain_deleted' });
      continue;
    }
    if (!r.ok) findings.push({ what: chainId, reason: 'chain_broken', detail: `${r.reason} at ${r.brokenAt}` });
    if (leaf) {
      const at = await db.selectFrom('audit_events').select('hash').where('chain_id', '=', chainId).where('seq', '=', Number(leaf.seq)).executeTakeFirst();
      if (at?.hash !== leaf.hash) findings.push({ what: chainId, reason: 'chain_cut_since_checkpoint', detail: `checkpoint had ${leaf.seq} events` });
    }
  }
  for (const f of await verifyRowSeals(db, auditKey, only?.rows))
    findings.push({ what: `${f.table}:${f.rowId}`, reason: f.reason === 'seal_forged' ? 'row_seal_forged' : 'row_changed_without_record' });
  const rowLeaves = leaves.filter((l) => l.leaf_id.startsWith('row:'));
  if (rowLeaves.length) {
    const sealed = new Set((await db.selectFrom('audit_row_seals').select(['table_name', 'row_id']).execute()).map((s) => `row:${s.table_name}:${s.row_id}`));
    for (const l of rowLeaves) {
      const [, table, id] = l.leaf_id.split(':') as [string, string, string];
      if (only?.rows && (only.rows.table !== table || !only.rows.ids.includes(id))) continue;
      if (!sealed.has(l.leaf_id)) {
        // A row deleted through the product loses its seal with a record on its chain; without one it is tampering.
        const exists = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where id = ${id}`.execute(db);
        findings.push({ what: `${table}:${id}`, reason: Number(exists.rows[0]?.n) ? 'row_seal_deleted' : 'row_changed_without_record' });
      }
    }
  }
  return findings;
}

const CHECKPOINT_JOB = 'audit.checkpoint';

/** The scheduled checkpoint (FEP_CHECKPOINT_CRON): one process at a time takes it (a lease). */
export async function checkpointJob(ctx: Pick<AppContext, 'database' | 'config' | 'now'>, holder: string): Promise<CheckpointLine | null> {
  const { db } = ctx.database;
  if (!(await acquireLease(db, CHECKPOINT_JOB, holder, ctx.now(), 10 * 60_000))) return null;
  try {
    const key = loadCheckpointKey(ctx.config.dataDir, ctx.config.checkpointKey);
    return await db.transaction().execute((trx) => takeCheckpoint(trx, key, fileSink(ctx.config.checkpointFile), ctx.now()));
  } finally {
    await releaseLease(db, CHECKPOINT_JOB, holder);
  }
}
