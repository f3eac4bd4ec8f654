import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, sm3Hex } from '../audit/chain.ts';
import { type MutationFn, mutate } from '../audit/mutate.ts';
import { AppError } from './errors.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/** How long a request may hold a key before another may take it over (the holder crashed). */
const ABANDONED_AFTER_MS = 60_000;
const WAIT_MS = 10_000;

/**
 * Creating POSTs with an `Idempotency-Key` header (DESIGN §4): the first request reserves the key, runs,
 * and in the same transaction as its business write stores its response; concurrent or later retries
 * with the same key and body get that response replayed (never a second record); the same key with a
 * different body is a 422. Keys are scoped to the caller (user, or anonymous).
 */
export async function createIdempotent<T>(req: FastifyRequest, reply: FastifyReply, status: number, fn: MutationFn<T>): Promise<T> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined) {
    const result = await mutate(req, fn);
    reply.code(status);
    return result;
  }
  if (!KEY_PATTERN.test(key)) throw new AppError('IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key 须为 8–128 位字母、数字或 ._:- 字符');
  const ctx = req.server.ctx;
  const { db } = ctx.database;
  const scope = req.auth ? `user:${req.auth.user.id}` : 'anonymous';
  const requestHash = sm3Hex(canonicalJson({ method: req.method, url: req.routeOptions.url, params: req.params ?? null, body: req.body ?? null }));

  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = ctx.now();
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash, status: 'in_progress', response_status: null, response_body: null, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    let reservedAt: string | null = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? now.toISOString() : null;
    if (!reservedAt) {
      const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
      if (!row) continue; // released between our insert and read: try again
      if (row.request_hash !== requestHash) throw new AppError('IDEMPOTENCY.KEY_REUSED', '该 Idempotency-Key 已用于另一笔不同的请求');
      if (row.status === 'done') {
        reply.code(row.response_status ?? 200).header('idempotent-replayed', 'true');
        return JSON.parse(row.response_body ?? 'null') as T;
      }
      if (now.getTime() - new Date(row.created_at).getTime() > ABANDONED_AFTER_MS) {
        const taken = await db
          .updateTable('idempotency_keys')
          .set({ created_at: now.toISOString() })
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('status', '=', 'in_progress')
          .where('created_at', '=', row.created_at)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) > 0) reservedAt = now.toISOString();
      }
      if (!reservedAt) {
        if (Date.now() > deadline) throw new AppError('IDEMPOTENCY.IN_PROGRESS', '相同的请求正在处理中，请稍后查询结果');
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
    }
    try {
      const result = await mutate(req, async (trx, audit) => {
        const r = await fn(trx, audit);
        await trx
          .updateTable('idempotency_keys')
          .set({ status: 'done', response_status: status, response_body: JSON.stringify(r) })
          .where('scope', '=', scope)
          .where('key', '=', key)
          .execute();
        return r;
      });
      reply.code(status);
      return result;
    } catch (err) {
      // Nothing was written: free the key so that a corrected retry can use it.
      await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).where('status', '=', 'in_progress').execute();
      throw err;
    }
  }
}
