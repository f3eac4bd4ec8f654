import type { FastifyRequest } from 'fastify';
import { actorOf } from '../http/actor.ts';
import { type Audit, type TxFn, transact } from '../transact.ts';

export type { Audit };
export type MutationFn<T> = TxFn<T>;

/**
 * HTTP adapter of `transact` for route code that has not yet moved its work into a use case:
 * the request's actor, the process's deps.
 */
export async function mutate<T>(req: FastifyRequest, fn: MutationFn<T>): Promise<T> {
  return transact(req.server.ctx, actorOf(req), fn);
}
