import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import type { AppContext } from '../context.ts';
import { sm2Sign, sm2Verify } from '../documents/seal.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { signRequest } from '../partners/secrets.ts';
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
  read(): Promise<CheckpointLine[]>;
  append(line: CheckpointLine): Promise<void>;
  /**
   * A sink kept in two places: the lines of the copy that counts, and every line where the other copy differs
   * from it (a line changed, or missing on either side). verifyRecord reports each as `sink_mismatch`.
   */
  crossCheck?(): Promise<{ lines: CheckpointLine[]; mismatches: { seq: number; detail: string }[] }>;
}

/** A JSON-lines file (on another disk or host mount than DATA_DIR; FEP_CHECKPOINT_FILE). */
export function fileSink(path: string): Sink {
  return {
    async read() {
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

/** The endpoint could not be reached, refused the request, or holds another line with the same number. */
export class SinkError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'SinkError';
  }
}

const isLine = (v: unknown): v is CheckpointLine => {
  if (!v || typeof v !== 'object') return false;
  const l = v as Record<string, unknown>;
  return (
    Number.isInteger(l.seq) && Number.isInteger(l.leaves) && ['createdAt', 'root', 'prevHash', 'publicKey', 'signature'].every((k) => typeof l[k] === 'string')
  );
};

/**
 * The partner endpoint (FEP_CHECKPOINT_URL; protocol in docs/partners.md "Checkpoint endpoint"): `POST <url>` with
 * one line as JSON — 201 stored, 200 the same line was stored before (a retry), 409 another line holds that number —
 * and `GET <url>` for every line, oldest first, as a JSON array. Both are signed as the gateway signs its pushes
 * (partners/secrets.ts: HMAC-SM3 over method, path, timestamp, nonce and SM3 of the body) with the shared key, so the
 * endpoint stores only what this platform sent, and answers its lines only to it.
 */
export function endpointSink(url: string, key: string, clock: () => Date = () => new Date(), send: typeof fetch = fetch): Sink {
  const target = new URL(url);
  const request = async (method: 'GET' | 'POST', body: string): Promise<{ status: number; text: string }> => {
    const timestamp = clock().toISOString();
    const nonce = randomBytes(16).toString('hex');
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': signRequest(key, method, target.pathname + target.search, timestamp, nonce, body),
    };
    if (method === 'POST') headers['content-type'] = 'application/json';
    try {
      const r = await send(target, { method, headers, body: method === 'POST' ? body : undefined, signal: AbortSignal.timeout(10_000) });
      return { status: r.status, text: await r.text() };
    } catch (err) {
      const why = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
      throw new SinkError(`checkpoint endpoint ${target.origin} unreachable: ${why}`, null);
    }
  };
  return {
    async read() {
      const r = await request('GET', '');
      if (r.status !== 200) throw new SinkError(`checkpoint endpoint answered HTTP ${r.status} to GET`, r.status);
      let lines: unknown;
      try {
        lines = JSON.parse(r.text);
      } catch {
        throw new SinkError('checkpoint endpoint answered GET with something other than JSON', r.status);
      }
      if (!Array.isArray(lines) || !lines.every(isLine))
        throw new SinkError('checkpoint endpoint answered GET with something other than checkpoint lines', r.status);
      return lines;
    },
    async append(line) {
      const r = await request('POST', JSON.stringify(line));
      if (r.status === 201 || r.status === 200) return;
      if (r.status === 409) throw new SinkError(`checkpoint endpoint holds another line numbered ${line.seq}`, 409);
      throw new SinkError(`checkpoint endpoint answered HTTP ${r.status} to line ${line.seq}`, r.status);
    },
  };
}

/**
 * The file and the endpoint together (FEP_CHECKPOINT_URL set). The endpoint's copy counts: it is out of reach of
 * whoever administers this platform's hosts, the file is not. A line goes to the endpoint first — unreachable, the
 * checkpoint fails before anything is written anywhere (its transaction recorded nothing either), and the next run
 * tries again — then to the file. An endpoint configured after checkpoints were written to the file alone gets the
 * file's lines first, oldest first, so one chain continues on both.
 */
export function mirroredSink(file: Sink, endpoint: Sink): Sink {
  const history = async () => {
    const [atEndpoint, inFile] = await Promise.all([endpoint.read(), file.read()]);
    return { atEndpoint, inFile };
  };
  // What the last read found (a checkpoint reads, then appends): the endpoint's lines are not fetched twice.
  let seen: Awaited<ReturnType<typeof history>> | null = null;
  return {
    async read() {
      seen = await history();
      return seen.atEndpoint.length ? seen.atEndpoint : seen.inFile;
    },
    async append(line) {
      const { atEndpoint, inFile } = seen ?? (await history());
      seen = null;
      if (!atEndpoint.length) for (const earlier of inFile) await endpoint.append(earlier);
      await endpoint.append(line);
      await file.append(line);
    },
    async crossCheck() {
      const { atEndpoint, inFile } = await history();
      const mismatches: { seq: number; detail: string }[] = [];
      const fileBySeq = new Map<number, CheckpointLine[]>();
      for (const l of inFile) fileBySeq.set(l.seq, [...(fileBySeq.get(l.seq) ?? []), l]);
      const endpointSeqs = new Set(atEndpoint.map((l) => l.seq));
      for (const l of atEndpoint) {
        const copies = fileBySeq.get(l.seq) ?? [];
        if (copies.length === 0) mismatches.push({ seq: l.seq, detail: 'missing from the file' });
        else if (copies.some((c) => canonicalJson(c) !== canonicalJson(l)))
          mismatches.push({ seq: l.seq, detail: 'differs between the file and the endpoint' });
      }
      for (const seq of fileBySeq.keys()) if (!endpointSeqs.has(seq)) mismatches.push({ seq, detail: 'missing from the endpoint' });
      return { lines: atEndpoint, mismatches: mismatches.sort((a, b) => a.seq - b.seq) };
    },
  };
}

/** The sink the configuration names: the file, and the endpoint beside it where one is configured. */
export function configuredSink(config: Pick<Config, 'checkpointFile' | 'checkpointEndpoint'>, clock?: () => Date, send?: typeof fetch): Sink {
  const file = fileSink(config.checkpointFile);
  const e = config.checkpointEndpoint;
  return e ? mirroredSink(file, endpointSink(e.url, e.key, clock, send)) : file;
}

/**
 * Takes a checkpoint: the leaves as committed now (one transaction, so heads and seals agree), the root signed,
 * the line appended to the sink and then recorded in the database with the leaves it covers. Given the database
 * (not a transaction), the sink is written between two short transactions: a slow or unreachable endpoint holds
 * no transaction open (on SQLite that would stop every writer), and a sink that refuses the line leaves the
 * database as it was — the next run takes the checkpoint again.
 */
export async function takeCheckpoint(db: Executor, key: CheckpointKey, sink: Sink, now: Date): Promise<CheckpointLine> {
  const inTransaction = <T>(work: (trx: Executor) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));
  const leaves = await inTransaction(currentLeaves);
  const previous = (await sink.read()).at(-1);
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
  await inTransaction(async (trx) => {
    await trx.deleteFrom('audit_checkpoint_leaves').execute();
    for (let i = 0; i < leaves.length; i += 500)
      await trx
        .insertInto('audit_checkpoint_leaves')
        .values(leaves.slice(i, i + 500).map((l) => ({ leaf_id: l.id, seq: l.seq, hash: l.hash })))
        .execute();
    await trx
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
  });
  return line;
}

export interface RecordFinding {
  what: string;
  reason:
    | 'sink_broken'
    | 'sink_mismatch'
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
  const checked = sink.crossCheck ? await sink.crossCheck() : { lines: await sink.read(), mismatches: [] };
  const lines = checked.lines;
  for (const m of checked.mismatches) findings.push({ what: `checkpoint ${m.seq}`, reason: 'sink_mismatch', detail: m.detail });
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

/**
 * What this process saw of its scheduled checkpoints, for /metrics: a sink that refuses them (the endpoint
 * unreachable) fails every run until it answers again, and the record's window of protection grows meanwhile.
 */
export const checkpointHealth = { failures: 0, lastSuccessAt: null as number | null };

/** The scheduled checkpoint (FEP_CHECKPOINT_CRON): one process at a time takes it (a lease). */
export async function checkpointJob(ctx: Pick<AppContext, 'database' | 'config' | 'now'>, holder: string): Promise<CheckpointLine | null> {
  const { db } = ctx.database;
  if (!(await acquireLease(db, CHECKPOINT_JOB, holder, ctx.now(), 10 * 60_000))) return null;
  try {
    const key = loadCheckpointKey(ctx.config.dataDir, ctx.config.checkpointKey);
    const line = await takeCheckpoint(db, key, configuredSink(ctx.config, ctx.now), ctx.now());
    checkpointHealth.lastSuccessAt = ctx.now().getTime();
    return line;
  } catch (err) {
    checkpointHealth.failures++;
    throw err;
  } finally {
    await releaseLease(db, CHECKPOINT_JOB, holder);
  }
}
