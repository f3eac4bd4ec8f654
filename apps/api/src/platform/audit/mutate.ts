import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../http/actor.ts';
import { type Audit, type Deps, type TxFn, transact } from '../transact.ts';
import type { AuditInput } from './chain.ts';

export type { Audit };
export type MutationFn<T> = TxFn<T>;

/**
 * HTTP adapter of `transact` for route code that has not yet moved its work into a use case:
 * the request's actor, the process's deps.
 */
export async function mutate<T>(req: FastifyRequest, fn: MutationFn<T>): Promise<T> {
  return transact(req.server.ctx, actorOf(req), fn);
}

/** Records an attempt that was refused (out-of-scope read, failed login) in its own transaction. */
export async function recordRefusal(deps: Deps | AppContext, actor: Actor, input: AuditInput): Promise<void> {
  await transact(deps, actor, async (_trx, audit) => audit({ outcome: 'denied', ...input }));
}
