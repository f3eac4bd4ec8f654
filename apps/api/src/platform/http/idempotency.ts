import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, sm3Hex } from '../audit/chain.ts';
import { AppError } from '../errors.ts';
import { type Deps, IdempotentReplay, RESPONSE_BODY, type TxFn, transact } from '../transact.ts';
import { actorOf } from './actor.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Route wrapper for creating POSTs with an `Idempotency-Key` header (DESIGN §4). The use case runs with
 * deps carrying a claim on the key; its first transaction reserves the key, writes the business rows and
 * stores the answer, all in one commit (see `transact`). A retry of a committed request gets the stored
 * answer replayed (header `idempotent-replayed: true`) — before any precondition of the use case is
 * checked again, so a client can always learn the result of a write that happened; the same key with a
 * different body is a 422. Keys are scoped to the caller (user, or anonymous).
 */
export async function idempotent<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: (deps: Deps) => Promise<T>,
  /** A partner call has no session: its keys are scoped to the partner (`partner:<id>`). */
  opts: { scope?: string } = {},
): Promise<T> {
  const ctx = req.server.ctx;
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined) {
    const result = await run(ctx);
    reply.code(status);
    return result;
  }
  if (!KEY_PATTERN.test(key)) throw new AppError('IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key 须为 8–128 位字母、数字或 ._:- 字符');
  const scope = opts.scope ?? (req.auth ? `user:${req.auth.user.id}` : 'anonymous');
  const requestHash = sm3Hex(canonicalJson({ method: req.method, url: req.routeOptions.url, params: req.params ?? null, body: req.body ?? null }));
  const replay = (code: number, body: unknown): T => {
    reply.code(code).header('idempotent-replayed', 'true');
    return body as T;
  };
  // A committed answer is replayed at once (one indexed read, no write).
  const done = await ctx.database.db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response_status', 'response_body'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (done?.status === 'done') {
    if (done.request_hash !== requestHash) throw new AppError('IDEMPOTENCY.KEY_REUSED', '该 Idempotency-Key 已用于另一笔不同的请求');
    return replay(done.response_status ?? 200, RESPONSE_BODY.decode(done.response_body));
  }
  try {
    const result = await run({ ...ctx, idempotency: { scope, key, requestHash, status } });
    reply.code(status);
    return result;
  } catch (err) {
    if (err instanceof IdempotentReplay) return replay(err.status, err.body);
    throw err;
  }
}

/** `idempotent` around one transaction written in the route (for routes without a use case of their own). */
export async function createIdempotent<T>(req: FastifyRequest, reply: FastifyReply, status: number, fn: TxFn<T>): Promise<T> {
  return idempotent(req, reply, status, (deps) => transact(deps, actorOf(req), fn));
}
