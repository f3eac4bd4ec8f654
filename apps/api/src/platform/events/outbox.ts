import type { Transaction } from 'kysely';
import { insertRows } from '../../db/compiled.ts';
import { type JsonCodec, JsonObject, jsonColumn } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { uuidv7 } from '../ids.ts';

/**
 * `domain_events.payload`: any JSON object. The payload is the contract between the producing and the
 * subscribing feature (e.g. features/enforcement/events.ts), which the platform does not know; what the
 * outbox can honestly promise is that it stores and hands back a JSON object, never a value JSON cannot hold.
 */
export const PAYLOAD = jsonColumn('domain_events.payload', JsonObject) as JsonCodec<Record<string, unknown>>;

/**
 * A domain event: a fact one feature tells the others ("a rectification order was escalated", "a false
 * commitment was found"). Written in the same transaction as the change that caused it, so an event
 * exists exactly when its change does; dispatched after the commit to the subscribers registered for its
 * type, each delivery tracked on its own (at least once, retried with backoff, dead letters kept).
 */
export interface DomainEventInput {
  /** `<feature>.<fact>`, past tense: `supervision.order_escalated`. */
  type: string;
  targetType?: string;
  targetId?: string;
  agencyId?: string | null;
  payload: Record<string, unknown>;
}

export interface DomainEvent {
  id: string;
  type: string;
  targetType: string | null;
  targetId: string | null;
  agencyId: string | null;
  payload: Record<string, unknown>;
  actorUserId: string | null;
  occurredAt: string;
}

export async function writeEvents(trx: Transaction<DB>, deps: AppContext, actor: Actor, events: DomainEventInput[], now: Date): Promise<void> {
  const at = now.toISOString();
  const rows = events.map((e) => ({
    id: uuidv7(now.getTime()),
    type: e.type,
    target_type: e.targetType ?? null,
    target_id: e.targetId ?? null,
    agency_id: e.agencyId ?? actor.agencyId ?? null,
    payload: PAYLOAD.encode(e.payload),
    actor_user_id: actor.userId,
    occurred_at: at,
  }));
  const deliveries = rows.flatMap((r) =>
    deps.events.subscribersOf(r.type).map((subscriber) => ({
      event_id: r.id,
      subscriber,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      done_at: null,
    })),
  );
  if (deliveries.length && deps.database.dialect === 'postgres') {
    // One round trip on PostgreSQL: the events in a data-modifying WITH, their deliveries in the statement
    // itself (the deliveries' foreign key is checked at the end of the statement, when the events are there).
    await trx
      .with('written', (db) => db.insertInto('domain_events').values(rows).returning('id'))
      .insertInto('event_deliveries')
      .values(deliveries)
      .execute();
    return;
  }
  await insertRows(trx, 'domain_events', rows);
  await insertRows(trx, 'event_deliveries', deliveries);
}

export function eventOf(row: DB['domain_events']): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    targetType: row.target_type,
    targetId: row.target_id,
    agencyId: row.agency_id,
    payload: PAYLOAD.decode(row.payload)!,
    actorUserId: row.actor_user_id,
    occurredAt: row.occurred_at,
  };
}
