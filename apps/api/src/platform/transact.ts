import type { Transaction } from 'kysely';
import { runCompiled } from '../db/compiled.ts';
import { type JsonDocument, JsonValue, jsonColumn } from '../db/json.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { type AuditInput, AuditWriter } from './audit/chain.ts';
import { markTransaction, sealChangedRows } from './audit/row-seals.ts';
import { noteCommit, registerTransaction } from './cache.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { type DomainEventInput, writeEvents } from './events/outbox.ts';

export type Audit = (input: AuditInput) => Promise<void>;
/** Records a domain event in the transaction's outbox; it is dispatched after the commit (at least once). */
export type Emit = (event: DomainEventInput) => void;
export type TxFn<T> = (trx: Transaction<DB>, audit: Audit, emit: Emit) => Promise<T>;

/**
 * A claim on an `Idempotency-Key` (DESIGN §4), carried by the deps of one call. The first transaction of
 * the call reserves the key inside itself, so the reservation, the business write and the stored answer
 * commit together or not at all: a retry after a committed write replays the answer; a retry after a
 * crash finds nothing and runs again. Concurrent identical requests wait on the key's unique index.
 */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  consumed?: boolean;
}

/** Runs a transaction body; the default opens a database transaction, tests of use cases pass a fake. */
export type Transactor = <T>(actor: Actor, fn: TxFn<T>) => Promise<T>;

/**
 * What every use case receives first: the running process's services, per call an idempotency claim,
 * and (in use-case tests) a fake transactor in place of the database.
 */
export type Deps = AppContext & { idempotency?: IdempotencyClaim; transactor?: Transactor };

/** Thrown inside a claimed transaction when the key has already been answered: the caller replays it. */
/**
 * `idempotency_keys.response_body`: the answer of the first request, replayed to a retry. Arbitrary JSON on
 * purpose: it is whatever the route answered (each route's response schema in packages/contracts holds it;
 * the store does not repeat every one of them). It stays text on PostgreSQL: jsonb would reorder the keys of
 * the replayed answer.
 */
export const RESPONSE_BODY = jsonColumn('idempotency_keys.response_body', JsonValue);

export class IdempotentReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('idempotent replay');
  }
}

/**
 * The only way business code writes: one transaction holding the business rows, their enforcement record
 * events (hash-chained per target; each chain's head read once and written once per transaction) and the
 * domain events of the change. A transaction that records no enforcement event is rolled back — no
 * business write succeeds without its record (行政执法全过程记录).
 */
export async function transact<T>(deps: Deps, actor: Actor, fn: TxFn<T>): Promise<T> {
  if (deps.transactor) return deps.transactor(actor, fn);
  const { db, dialect } = deps.database;
  const claim = deps.idempotency && !deps.idempotency.consumed ? deps.idempotency : null;
  if (claim) claim.consumed = true;
  let emitted = 0;
  const result = await db.transaction().execute(async (trx) => {
    const now = deps.now();
    registerTransaction(trx, db);
    const mark = await markTransaction(trx, dialect);
    if (claim) await reserve(trx, claim, now);
    const writer = new AuditWriter(trx, dialect, deps.auditKey, actor, now);
    const events: DomainEventInput[] = [];
    const audit: Audit = async (input) => {
      await writer.append(input);
    };
    const r = await fn(trx, audit, (e) => void events.push(e));
    if (writer.count === 0) throw new Error('mutation without an enforcement record event was rolled back');
    await writer.flush();
    await sealChangedRows(trx, dialect, deps.auditKey, mark, now);
    if (events.length) await writeEvents(trx, deps, actor, events, now);
    emitted = events.length;
    if (claim) {
      const body = RESPONSE_BODY.encode((r ?? null) as JsonDocument);
      await runCompiled(trx, 'idempotency_keys:done', ['done', claim.status, body, claim.scope, claim.key], () =>
        trx
          .updateTable('idempotency_keys')
          .set({ status: 'done', response_status: claim.status, response_body: body })
          .where('scope', '=', claim.scope)
          .where('key', '=', claim.key),
      );
    }
    return r;
  });
  noteCommit();
  if (emitted) deps.events?.kick();
  return result;
}

async function reserve(trx: Transaction<DB>, claim: IdempotencyClaim, now: Date): Promise<void> {
  const at = now.toISOString();
  const inserted = await runCompiled(trx, 'idempotency_keys:reserve', [claim.scope, claim.key, claim.requestHash, 'in_progress', null, null, at], () =>
    trx
      .insertInto('idempotency_keys')
      .values({
        scope: claim.scope,
        key: claim.key,
        request_hash: claim.requestHash,
        status: 'in_progress',
        response_status: null,
        response_body: null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing()),
  );
  if (Number(inserted.numAffectedRows ?? 0) > 0) return;
  // Another transaction holding the key committed before us (PostgreSQL waited for it on the unique index).
  const row = await trx.selectFrom('idempotency_keys').selectAll().where('scope', '=', claim.scope).where('key', '=', claim.key).executeTakeFirstOrThrow();
  if (row.request_hash !== claim.requestHash) throw new AppError('IDEMPOTENCY.KEY_REUSED', '该 Idempotency-Key 已用于另一笔不同的请求');
  throw new IdempotentReplay(row.response_status ?? 200, RESPONSE_BODY.decode(row.response_body));
}
