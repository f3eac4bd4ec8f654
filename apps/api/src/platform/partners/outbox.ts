import { createHmac, randomBytes } from 'node:crypto';
import {
  DELIVERY_ATTEMPT_LABELS,
  DELIVERY_TOPIC_LABELS,
  DELIVERY_TOPIC_SCOPE,
  type DeliveryTopic,
  deliveryBackoffMs,
  PARTNER_DELIVERY_STATUS_LABELS,
  PARTNER_KIND_LABELS,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { JsonObject, jsonColumn } from '../../db/json.ts';
import type { GatewayDelivery, GatewayPartner } from '../../db/schema/partners.ts';
import { type Actor, systemActor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound, outOfScope } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { searchAny } from '../lists/lists.ts';
import { inScope, scopeFilter } from '../org/scope.ts';
import { type Deps, transact } from '../transact.ts';
import { partnersWithScope, servesArea } from './partners.ts';
import { openSecret, signRequest } from './secrets.ts';

/**
 * The one delivery outbox of the partner gateway (MON-03; DESIGN §2 "one delivery log"). A push is queued in the
 * transaction of the fact it tells (or by the subscriber of that fact's domain event), once per partner and fact
 * (unique dedupe key); a leased sender POSTs it to the partner's address, signed like an inbound call (secrets.ts)
 * with the delivery id as nonce, so the partner can refuse a copy; a failure is retried with backoff (2ⁿ minutes,
 * at most 6 hours) up to the attempt limit, then the delivery is dead. Every attempt is a row of the delivery log;
 * an administrator reads the log and replays a dead (or delivered) delivery, a compare-and-set on its version.
 */
export const PUSH_JOB = 'partner-push';
export const MAX_PUSH_ATTEMPTS = 8;
export const PAYLOAD = jsonColumn('gateway_deliveries.payload_json', JsonObject);

export interface PushInput {
  topic: DeliveryTopic;
  /** The fact: the same key for the same fact never queues a second push to the same partner. */
  dedupeKey: string;
  subject: string;
  /** The agency whose fact it is: only partners serving its area get it, and the log is read in scope. */
  agencyPath: string;
  data: Record<string, unknown>;
  /** The last moment the law allows (e.g. 双随机 results, 20 days after the check), with its basis. */
  due?: { at: string; basis: string } | null;
  /** Only these partners (a portal's callback goes to the portal that filed); default: every holder of the topic's scope. */
  partnerIds?: string[];
  /**
   * The receivers named are the ones the fact belongs to (a 12345 order goes back to the platform that sent it,
   * wherever the order was transferred): no area filter.
   */
  namedReceivers?: boolean;
  /** Pushes that must arrive in order: held while an earlier one of the same sequence is not delivered. */
  sequence?: { key: string; no: number };
}

/** Queues a push to every partner entitled to it, in the caller's transaction. Returns the deliveries queued. */
export async function queuePush(trx: Executor, deps: Pick<AppContext, 'now'>, input: PushInput): Promise<string[]> {
  let partners: GatewayPartner[] = await partnersWithScope(trx as never, DELIVERY_TOPIC_SCOPE[input.topic]);
  if (input.partnerIds) partners = partners.filter((p) => input.partnerIds!.includes(p.id));
  partners = partners.filter((p) => p.callback_url && ((input.namedReceivers && input.partnerIds) || servesArea(p, input.agencyPath)));
  const now = deps.now();
  const nowIso = now.toISOString();
  const ids: string[] = [];
  for (const p of partners) {
    const id = uuidv7(now.getTime());
    const body = { deliveryId: id, topic: input.topic, occurredAt: nowIso, data: input.data };
    const r = await trx
      .insertInto('gateway_deliveries')
      .values({
        id,
        partner_id: p.id,
        topic: input.topic,
        dedupe_key: input.dedupeKey,
        subject: input.subject.slice(0, 200),
        agency_path: input.agencyPath,
        payload_json: PAYLOAD.encode(body as never),
        status: 'pending',
        attempts: 0,
        max_attempts: MAX_PUSH_ATTEMPTS,
        next_attempt_at: nowIso,
        due_at: input.due?.at ?? null,
        due_basis: input.due?.basis ?? null,
        last_error: null,
        last_http_status: null,
        delivered_at: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 0,
        sequence_key: input.sequence?.key ?? null,
        sequence_no: input.sequence?.no ?? null,
      })
      .onConflict((oc) => oc.columns(['partner_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) ids.push(id);
  }
  return ids;
}

/** Which of these dedupe keys are already queued to a partner (a copy from an older table is made once). */
export async function queuedKeys(db: Deps['database']['db'], partnerId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('gateway_deliveries').select('dedupe_key').where('partner_id', '=', partnerId).where('dedupe_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.dedupe_key));
}

/** queuePush in a transaction of its own (a subscriber's), recorded in the enforcement record. */
export async function queuePushRecorded(deps: Deps, input: PushInput): Promise<string[]> {
  return transact(deps, systemActor('partner-gateway'), async (trx, audit) => {
    const ids = await queuePush(trx, deps, input);
    await audit({
      action: 'partner_delivery.queue',
      targetType: 'partner_delivery',
      targetId: ids[0] ?? `none:${input.dedupeKey}`,
      details: { topic: input.topic, subject: input.subject, deliveries: ids },
    });
    return ids;
  });
}

/**
 * What goes on the wire for a delivery. A partner registered on the gateway gets the envelope (delivery id, topic,
 * moment, data) signed like an inbound call, with the delivery id in the nonce. The credit platform keeps the
 * request it has accepted since CRD-03 — the bare 双公示 record (`cf_*` fields) as the body and HMAC-SM3 of the body
 * with the platform secret in `x-fep-signature` — because its receiving end checks exactly that; the gateway's
 * headers are added beside it, so a receiver may move to the gateway signature without a change on this side.
 * The 12345 platform likewise gets the bare report, signed as before (the same canonical string as the gateway's,
 * with its partner id in `x-partner-id`).
 */
export function wireRequest(
  d: Pick<GatewayDelivery, 'id' | 'topic' | 'payload_json' | 'partner_id'>,
  kind: GatewayPartner['kind'],
  url: URL,
  secret: string,
  now: Date,
): { body: string; headers: Record<string, string> } {
  const envelope = PAYLOAD.decode(d.payload_json) ?? {};
  const bare = kind === 'credit_platform' || kind === 'hotline_12345';
  const body = JSON.stringify(bare ? envelope.data : envelope);
  const timestamp = now.toISOString();
  const nonce = `${d.id.replace(/-/g, '')}${randomBytes(4).toString('hex')}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-fep-delivery': d.id,
    'x-fep-topic': d.topic,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signRequest(secret, 'POST', url.pathname + url.search, timestamp, nonce, body),
  };
  if (kind === 'credit_platform') headers['x-fep-signature'] = createHmac('sm3', secret).update(body, 'utf8').digest('hex');
  // The 12345 platform checks a report as it has since CMP-01: signed like its own calls to us, with its partner id.
  if (kind === 'hotline_12345') headers['x-partner-id'] = d.partner_id;
  return { body, headers };
}

export interface PushRun {
  ran: boolean;
  delivered: number;
  failed: number;
  dead: number;
}

/**
 * Sends the due pushes (lease-protected: one process at a time). The outcome of an attempt is written by
 * compare-and-set on (status, attempts, version), with its row in the delivery log in the same transaction.
 */
export async function deliverPushes(ctx: AppContext, holder: string, send: typeof fetch = fetch): Promise<PushRun> {
  const { db } = ctx.database;
  const run: PushRun = { ran: false, delivered: 0, failed: 0, dead: 0 };
  if (!(await acquireLease(db, PUSH_JOB, holder, ctx.now(), 5 * 60_000))) return run;
  run.ran = true;
  try {
    const due = await db
      .selectFrom('gateway_deliveries')
      .innerJoin('gateway_partners', 'gateway_partners.id', 'gateway_deliveries.partner_id')
      .selectAll('gateway_deliveries')
      .select([
        'gateway_partners.callback_url',
        'gateway_partners.secret_enc',
        'gateway_partners.status as partner_status',
        'gateway_partners.kind as partner_kind',
      ])
      .where('gateway_deliveries.status', 'in', ['pending', 'failed'])
      .where('gateway_deliveries.next_attempt_at', '<=', ctx.now().toISOString())
      // Oldest first, and a sequence in its order, so an earlier push of a sequence is tried before a later one.
      .orderBy('gateway_deliveries.created_at')
      .orderBy('gateway_deliveries.sequence_no')
      .orderBy('gateway_deliveries.id')
      .limit(200)
      .execute();
    const held = new Set<string>();
    for (const d of due) {
      if (d.partner_status !== 'active' || !d.callback_url) continue;
      if (d.sequence_key !== null) {
        // A later report of a 12345 order waits while an earlier one waits for its retry (or is dead, until replayed):
        // the platform never hears the result before the progress.
        if (held.has(d.sequence_key)) continue;
        const earlier = await db
          .selectFrom('gateway_deliveries')
          .select('id')
          .where('sequence_key', '=', d.sequence_key)
          .where('partner_id', '=', d.partner_id)
          .where('sequence_no', '<', d.sequence_no ?? 0)
          .where('status', '!=', 'delivered')
          .executeTakeFirst();
        if (earlier) {
          held.add(d.sequence_key);
          continue;
        }
      }
      const url = new URL(d.callback_url);
      const secret = openSecret(ctx, d.secret_enc, d.partner_id);
      const { body, headers } = wireRequest(d, d.partner_kind, url, secret, ctx.now());
      const started = Date.now();
      let error: string | null = null;
      let status: number | null = null;
      try {
        const r = await send(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(10_000),
        });
        status = r.status;
        await r.arrayBuffer().catch(() => undefined);
        if (r.status < 200 || r.status >= 300) error = `HTTP ${r.status}`;
      } catch (err) {
        error = (err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err)).slice(0, 300);
      }
      const at = ctx.now();
      const attempt = d.attempts + 1;
      const dead = error !== null && attempt >= d.max_attempts;
      const outcome = error === null ? 'delivered' : dead ? 'dead' : 'failed';
      await transact(ctx, systemActor('partner-push'), async (trx, audit) => {
        const r = await trx
          .updateTable('gateway_deliveries')
          .set({
            status: outcome,
            attempts: attempt,
            last_error: error,
            last_http_status: status,
            next_attempt_at: error && !dead ? new Date(at.getTime() + deliveryBackoffMs(attempt)).toISOString() : d.next_attempt_at,
            delivered_at: error ? null : at.toISOString(),
            updated_at: at.toISOString(),
            version: d.version + 1,
          })
          .where('id', '=', d.id)
          .where('status', '=', d.status)
          .where('attempts', '=', d.attempts)
          .where('version', '=', d.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return;
        await trx
          .insertInto('gateway_delivery_attempts')
          .values({
            id: uuidv7(at.getTime()),
            delivery_id: d.id,
            attempt,
            kind: 'send',
            outcome,
            http_status: status,
            error,
            duration_ms: Date.now() - started,
            actor_user_id: null,
            at: at.toISOString(),
          })
          .execute();
        await audit({
          action: 'partner_delivery.attempt',
          outcome: error ? 'failure' : 'success',
          targetType: 'partner_delivery',
          targetId: d.id,
          details: { attempt, topic: d.topic, ...(error ? { error } : {}), ...(status ? { httpStatus: status } : {}) },
        });
      });
      run[outcome === 'delivered' ? 'delivered' : outcome === 'dead' ? 'dead' : 'failed']++;
      if (error && d.sequence_key !== null) held.add(d.sequence_key);
    }
    return run;
  } finally {
    await releaseLease(db, PUSH_JOB, holder);
  }
}

/**
 * An administrator puts a dead or delivered push back in line (a partner lost it, or is back after the attempts
 * ran out): compare-and-set on its status and version, so of twenty identical replays one takes effect, and the
 * attempts start again. A push still in line is not replayed: it is already going to be sent.
 */
export async function replayDelivery(deps: Deps, actor: Actor, input: { id: string; version: number }) {
  return transact(deps, actor, async (trx, audit) => {
    const d = await trx.selectFrom('gateway_deliveries').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!d) throw notFound('推送记录');
    if (!inScope(actor.scope, { agencyPath: d.agency_path })) throw outOfScope('推送记录', { type: 'partner_delivery', id: d.id });
    if (d.status !== 'dead' && d.status !== 'delivered') throw new AppError('GATEWAY.DELIVERY_STATE', '该推送正在排队重试，无需重新推送', { status: d.status });
    const now = deps.now().toISOString();
    const r = await trx
      .updateTable('gateway_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now, version: d.version + 1 })
      .where('id', '=', d.id)
      .where('status', '=', d.status)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('GATEWAY.DELIVERY_STATE', '该推送刚被他人处理，请刷新后再试', { status: d.status });
    await trx
      .insertInto('gateway_delivery_attempts')
      .values({
        id: uuidv7(deps.now().getTime()),
        delivery_id: d.id,
        attempt: d.attempts,
        kind: 'replay',
        outcome: 'requeued',
        http_status: null,
        error: null,
        duration_ms: null,
        actor_user_id: actor.userId,
        at: now,
      })
      .execute();
    await audit({
      action: 'partner_delivery.replay',
      targetType: 'partner_delivery',
      targetId: d.id,
      before: { status: d.status },
      after: { status: 'pending' },
    });
    const next = await trx.selectFrom('gateway_deliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    const p = await trx.selectFrom('gateway_partners').selectAll().where('id', '=', d.partner_id).executeTakeFirstOrThrow();
    return presentDelivery(next, p, deps.now());
  });
}

/**
 * What an administrator reads of a failed attempt: the partner's answer or the network's, in Chinese (the raw
 * error stays in the enforcement record of the attempt).
 */
export function describePushError(error: string | null): string | null {
  if (!error) return null;
  const http = /^HTTP (\d{3})/.exec(error);
  if (http) return `对方平台答复错误（状态 ${http[1]}）`;
  if (/ECONNREFUSED/.test(error)) return '无法连接对方平台（连接被拒绝）';
  if (/ENOTFOUND|EAI_AGAIN/.test(error)) return '找不到对方平台的地址';
  if (/timeout|aborted|TimeoutError/i.test(error)) return '对方平台在 10 秒内未答复';
  return '推送失败（网络错误）';
}

export function presentDelivery(d: GatewayDelivery, p: Pick<GatewayPartner, 'name' | 'kind'>, now: Date) {
  const topic = d.topic as DeliveryTopic;
  return {
    id: d.id,
    partnerName: p.name,
    partnerKindLabel: PARTNER_KIND_LABELS[p.kind],
    topic,
    topicLabel: DELIVERY_TOPIC_LABELS[topic] ?? d.topic,
    subject: d.subject,
    status: d.status,
    statusLabel: PARTNER_DELIVERY_STATUS_LABELS[d.status],
    attempts: d.attempts,
    maxAttempts: d.max_attempts,
    nextAttemptAt: d.status === 'pending' || d.status === 'failed' ? d.next_attempt_at : null,
    dueAt: d.due_at,
    dueBasis: d.due_basis,
    overdue: d.due_at !== null && d.status !== 'delivered' && d.due_at < now.toISOString(),
    lastError: describePushError(d.last_error),
    lastHttpStatus: d.last_http_status,
    deliveredAt: d.delivered_at,
    createdAt: d.created_at,
    version: d.version,
    replayable: d.status === 'dead' || d.status === 'delivered',
  };
}

export interface DeliveryListQuery {
  q?: string | undefined;
  status?: string | undefined;
  topic?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** The delivery log, newest first (administrators). */
export async function listDeliveries(deps: Deps, actor: Actor, query: DeliveryListQuery) {
  const db = deps.database.db;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db
    .selectFrom('gateway_deliveries')
    .innerJoin('gateway_partners', 'gateway_partners.id', 'gateway_deliveries.partner_id')
    .where(scopeFilter(actor.scope, { agencyPath: 'gateway_deliveries.agency_path' }));
  if (query.status) base = base.where('gateway_deliveries.status', 'in', query.status.split(',') as GatewayDelivery['status'][]);
  if (query.topic) base = base.where('gateway_deliveries.topic', '=', query.topic);
  if (query.q) base = base.where(searchAny(['gateway_deliveries.subject', 'gateway_partners.name'], query.q));
  const [rows, count] = await Promise.all([
    base
      .selectAll('gateway_deliveries')
      .select(['gateway_partners.name as partner_name', 'gateway_partners.kind as partner_kind'])
      .orderBy('gateway_deliveries.created_at', 'desc')
      .orderBy('gateway_deliveries.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const now = deps.now();
  const total = Number(count.n);
  return {
    items: rows.map((r) => presentDelivery(r, { name: r.partner_name, kind: r.partner_kind }, now)),
    total,
    capped: false,
    page,
    pageSize,
  };
}

/** One delivery with its log of attempts and replays. */
export async function deliveryDetail(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const d = await db.selectFrom('gateway_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('推送记录');
  if (!inScope(actor.scope, { agencyPath: d.agency_path })) throw outOfScope('推送记录', { type: 'partner_delivery', id });
  const p = await db.selectFrom('gateway_partners').selectAll().where('id', '=', d.partner_id).executeTakeFirstOrThrow();
  const attempts = await db.selectFrom('gateway_delivery_attempts').selectAll().where('delivery_id', '=', id).orderBy('at').orderBy('id').execute();
  return {
    ...presentDelivery(d, p, deps.now()),
    payload: JSON.stringify(PAYLOAD.decode(d.payload_json), null, 2),
    log: attempts.map((a) => ({
      attempt: a.attempt,
      kind: a.kind,
      kindLabel: a.kind === 'replay' ? '重新推送' : '推送',
      outcome: a.outcome,
      outcomeLabel: DELIVERY_ATTEMPT_LABELS[a.outcome],
      httpStatus: a.http_status,
      error: describePushError(a.error),
      durationMs: a.duration_ms,
      at: a.at,
    })),
  };
}

/** The inbound log's refusals, newest first (administrators): who tried, which code, why. */
export async function listInboundRefusals(deps: Deps, limit = 100) {
  const rows = await deps.database.db
    .selectFrom('gateway_inbound_log')
    .leftJoin('gateway_partners', 'gateway_partners.id', 'gateway_inbound_log.partner_id')
    .selectAll('gateway_inbound_log')
    .select('gateway_partners.name as partner_name')
    .where('gateway_inbound_log.outcome', '=', 'refused')
    .orderBy('gateway_inbound_log.at', 'desc')
    .limit(limit)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      partnerName: r.partner_name,
      method: r.method,
      path: r.path,
      code: r.code ?? '',
      reason: r.reason,
      ip: r.ip,
      at: r.at,
    })),
  };
}
