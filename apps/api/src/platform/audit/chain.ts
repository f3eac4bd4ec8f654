import { createHash, createHmac } from 'node:crypto';
import { insertRows, runCompiled } from '../../db/compiled.ts';
import type { Dialect, Executor } from '../../db/database.ts';
import { canonicalJson, type JsonCodec, JsonObject, jsonColumn } from '../../db/json.ts';
import type { AuditEventTable } from '../../db/schema.ts';
import { uuidv7 } from '../ids.ts';

/**
 * The enforcement record (执法全过程记录): every mutation writes an event in the same transaction.
 * Events of one target form a chain: hash = HMAC-SM3(key, prev_hash ‖ canonical event). A keyed hash
 * means someone with write access to the database alone cannot forge a consistent chain; `verify`
 * names the first broken link after any edit or deletion (等保 level 3, 8.1.4.3 audit integrity).
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What the record keeps of who acted (a subset of platform/actor.ts's Actor). */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  agencyId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string;
  outcome?: 'success' | 'failure' | 'denied';
  policyVersion?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

/** JSON with sorted keys, so the same content always hashes the same (one definition, db/json.ts). */
export { canonicalJson };

/**
 * `audit_events.details`: a JSON object of whatever the acting use case records (a revocation's reason, a
 * refusal's cause, …: arbitrary by design). Written canonically (sorted keys), because the text itself is
 * hashed into the chain and must be recomputed byte for byte by `verifyChain`; so it stays text on PostgreSQL.
 */
export const DETAILS = jsonColumn('audit_events.details', JsonObject, { canonical: true }) as JsonCodec<Record<string, unknown>>;

export function sm3Hex(data: string): string {
  return createHash('sm3').update(data, 'utf8').digest('hex');
}

export function chainIdOf(targetType: string, targetId: string): string {
  return `${targetType}:${targetId}`;
}

type HashedFields = Omit<AuditEventTable, 'hash'>;

export function eventHash(key: Buffer, e: HashedFields): string {
  const body = canonicalJson([
    e.id,
    e.chain_id,
    e.seq,
    e.occurred_at,
    e.actor_user_id,
    e.actor_role,
    e.actor_agency_id,
    e.action,
    e.target_type,
    e.target_id,
    e.outcome,
    e.source_ip,
    e.request_id,
    e.policy_version,
    e.change_digest,
    e.details,
  ]);
  return createHmac('sm3', key).update(e.prev_hash, 'utf8').update(body, 'utf8').digest('hex');
}

export async function appendEvent(trx: Executor, dialect: Dialect, key: Buffer, actor: AuditActor, input: AuditInput, now: Date): Promise<AuditEventTable> {
  const writer = new AuditWriter(trx, dialect, key, actor, now);
  await writer.append(input);
  return (await writer.flush())[0]!;
}

/** An event of the transaction before its place in the chain is known: everything but seq, prev_hash and hash. */
type PendingEvent = Omit<HashedFields, 'seq' | 'prev_hash'>;

/**
 * Appends the events of one transaction. The events are kept in order until `flush`, just before the
 * commit: then every touched chain's head is read (and on PostgreSQL locked, so two transactions on the
 * same case append one after the other; SQLite has a single writer) in one statement, the events are
 * linked and inserted together, and each head is written once. Taking the head locks at the end keeps
 * them for the commit alone, and in chain-id order, so two transactions touching the same chains cannot
 * deadlock on them.
 */
export class AuditWriter {
  private pending: PendingEvent[] = [];
  count = 0;

  /** `_dialect`: both dialects take the same statements (the head upsert locks on PostgreSQL by itself). */
  constructor(
    private readonly trx: Executor,
    _dialect: Dialect,
    private readonly key: Buffer,
    private readonly actor: AuditActor,
    private readonly now: Date,
  ) {}

  async append(input: AuditInput): Promise<void> {
    const actor = this.actor;
    this.pending.push({
      id: uuidv7(this.now.getTime()),
      chain_id: chainIdOf(input.targetType, input.targetId),
      occurred_at: this.now.toISOString(),
      actor_user_id: actor.userId,
      actor_role: actor.role,
      actor_agency_id: actor.agencyId,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      outcome: input.outcome ?? 'success',
      source_ip: actor.ip,
      request_id: actor.requestId,
      policy_version: input.policyVersion ?? null,
      change_digest: sm3Hex(canonicalJson({ before: input.before ?? null, after: input.after ?? null })),
      details: DETAILS.encode(input.details ?? {}),
    });
    this.count++;
  }

  /** Reads the touched heads, links and writes the pending events, moves each head: three statements; called once before the commit. */
  async flush(): Promise<AuditEventTable[]> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return [];
    const at = this.now.toISOString();
    const trx = this.trx;
    const chainIds = [...new Set(pending.map((e) => e.chain_id))].sort();
    const heads = new Map<string, { seq: number; hash: string }>();
    for (let i = 0; i < chainIds.length; i += 100) {
      const part = chainIds.slice(i, i + 100);
      const read = await runCompiled<{ chain_id: string; last_seq: number; last_hash: string }>(
        trx,
        `audit_chain_heads:heads:${part.length}`,
        part.flatMap((id) => [id, 0, GENESIS_HASH, at]),
        () =>
          trx
            .insertInto('audit_chain_heads')
            .values(part.map((id) => ({ chain_id: id, last_seq: 0, last_hash: GENESIS_HASH, updated_at: at })))
            .onConflict((oc) => oc.column('chain_id').doUpdateSet((eb) => ({ chain_id: eb.ref('excluded.chain_id') })))
            .returning(['chain_id', 'last_seq', 'last_hash']),
      );
      for (const h of read.rows) heads.set(h.chain_id, { seq: Number(h.last_seq), hash: h.last_hash });
    }
    const from = new Map([...heads].map(([id, h]) => [id, h.seq]));
    const rows = pending.map((e): AuditEventTable => {
      const head = heads.get(e.chain_id)!;
      const fields: HashedFields = { ...e, seq: head.seq + 1, prev_hash: head.hash };
      const row: AuditEventTable = { ...fields, hash: eventHash(this.key, fields) };
      head.seq = row.seq;
      head.hash = row.hash;
      return row;
    });
    for (let i = 0; i < rows.length; i += 100) await insertRows(trx, 'audit_events', rows.slice(i, i + 100));
    const moved = [...heads]
      .filter(([id, h]) => h.seq !== from.get(id))
      .map(([chain_id, h]) => ({ chain_id, last_seq: h.seq, last_hash: h.hash, updated_at: at }));
    for (let i = 0; i < moved.length; i += 100) {
      const part = moved.slice(i, i + 100);
      await runCompiled(
        trx,
        `audit_chain_heads:move:${part.length}`,
        part.flatMap((m) => [m.chain_id, m.last_seq, m.last_hash, m.updated_at]),
        () =>
          trx
            .insertInto('audit_chain_heads')
            .values(part)
            .onConflict((oc) =>
              oc.column('chain_id').doUpdateSet((eb) => ({
                last_seq: eb.ref('excluded.last_seq'),
                last_hash: eb.ref('excluded.last_hash'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            ),
      );
    }
    return rows;
  }
}

export interface ChainReport {
  chainId: string;
  ok: boolean;
  events: number;
  /** Sequence number of the first broken link. */
  brokenAt?: number;
  brokenEventId?: string | null;
  reason?: 'hash_mismatch' | 'link_mismatch' | 'missing_event' | 'truncated';
}

/** Recomputes one chain from its first event and compares it with the stored head. */
export async function verifyChain(db: Executor, key: Buffer, chainId: string): Promise<ChainReport | null> {
  const head = await db.selectFrom('audit_chain_heads').selectAll().where('chain_id', '=', chainId).executeTakeFirst();
  const events = await db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).orderBy('seq').execute();
  if (!head && events.length === 0) return null;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { chainId, ok: false, events: events.length, brokenAt: expectedSeq, brokenEventId: null, reason: 'missing_event' };
    const { hash, ...fields } = e;
    if (e.prev_hash !== prev) return { chainId, ok: false, events: events.length, brokenAt: e.seq, brokenEventId: e.id, reason: 'link_mismatch' };
    if (eventHash(key, fields) !== hash) return { chainId, ok: false, events: events.length, brokenAt: e.seq, brokenEventId: e.id, reason: 'hash_mismatch' };
    prev = hash;
    expectedSeq++;
  }
  if (!head || head.last_seq !== expectedSeq - 1 || head.last_hash !== prev) {
    // Events after the last one present were deleted (or the head was tampered with).
    return { chainId, ok: false, events: events.length, brokenAt: expectedSeq, brokenEventId: null, reason: 'truncated' };
  }
  return { chainId, ok: true, events: events.length };
}

/** Chains that concern one target: `type:id` exactly, or every chain whose target id is `id`. */
export async function chainsOfTarget(db: Executor, target: string): Promise<string[]> {
  const heads = await db
    .selectFrom('audit_chain_heads')
    .select('chain_id')
    .where((eb) => eb.or([eb('chain_id', '=', target), eb('chain_id', 'like', `%:${target.replace(/[%_\\]/g, '')}`)]))
    .orderBy('chain_id')
    .execute();
  return heads.map((h) => h.chain_id).filter((c) => c === target || c.slice(c.indexOf(':') + 1) === target);
}
