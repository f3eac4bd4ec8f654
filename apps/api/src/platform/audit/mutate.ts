import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, type AuditInput, appendEvent } from './chain.ts';

export type Audit = (input: AuditInput) => Promise<void>;
export type MutationFn<T> = (trx: Transaction<DB>, audit: Audit) => Promise<T>;

export function actorOf(req: FastifyRequest): Actor {
  const a = req.auth;
  return {
    userId: a?.user.id ?? null,
    role: req.actingRole ?? (a ? (a.roles[0] ?? null) : 'anonymous'),
    agencyId: a?.user.agencyId ?? null,
    ip: req.ip,
    requestId: req.id,
  };
}

/**
 * The only way business code writes: one transaction, and the enforcement record event(s) inside it.
 * A mutation that records no event is rolled back — no business write succeeds without its event.
 */
export async function mutate<T>(req: FastifyRequest, fn: MutationFn<T>): Promise<T> {
  return mutateAs(req.server.ctx, actorOf(req), fn);
}

export async function mutateAs<T>(ctx: FastifyRequest['server']['ctx'], actor: Actor, fn: MutationFn<T>): Promise<T> {
  const { db, dialect } = ctx.database;
  return db.transaction().execute(async (trx) => {
    let events = 0;
    const audit: Audit = async (input) => {
      await appendEvent(trx, dialect, ctx.auditKey, actor, input, ctx.now());
      events++;
    };
    const result = await fn(trx, audit);
    if (events === 0) throw new Error('mutation without an enforcement record event was rolled back');
    return result;
  });
}

/** Records an attempt that was refused (out-of-scope read, failed login) in its own transaction. */
export async function recordRefusal(req: FastifyRequest, input: AuditInput): Promise<void> {
  await mutate(req, async (_trx, audit) => audit({ outcome: 'denied', ...input }));
}
