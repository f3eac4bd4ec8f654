import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import type { AuditInput } from '../platform/audit/chain.ts';
import type { DomainEventInput } from '../platform/events/outbox.ts';
import type { Transactor, TxFn } from '../platform/transact.ts';

/**
 * A transactor for use-case tests without a database: it runs the body with a transaction handle that
 * throws on any use (so a use case that bypasses its injected repository fails loudly), and records the
 * enforcement-record and domain events the body writes. Like the real one, a body that records no
 * enforcement event is refused, and nothing is recorded when the body throws.
 */
export function fakeTransactor(): Transactor & { audits: (AuditInput & { actor: Actor })[]; events: DomainEventInput[] } {
  const audits: (AuditInput & { actor: Actor })[] = [];
  const events: DomainEventInput[] = [];
  const trx = new Proxy(
    {},
    {
      get(_t, prop) {
        throw new Error(`use case touched the database (trx.${String(prop)}) instead of its injected repository`);
      },
    },
  ) as Transaction<DB>;
  const run = async <T>(actor: Actor, fn: TxFn<T>): Promise<T> => {
    const a: (AuditInput & { actor: Actor })[] = [];
    const e: DomainEventInput[] = [];
    const r = await fn(
      trx,
      async (input) => void a.push({ ...input, actor }),
      (ev) => void e.push(ev),
    );
    if (a.length === 0) throw new Error('mutation without an enforcement record event was rolled back');
    audits.push(...a);
    events.push(...e);
    return r;
  };
  return Object.assign(run, { audits, events });
}
