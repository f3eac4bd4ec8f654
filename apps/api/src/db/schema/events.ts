import type { Insertable, Selectable, Updateable } from 'kysely';

// Domain events (outbox) and their deliveries, owned by platform/events. Conventions: see ../schema.ts.

/** One row per fact, written in the transaction of the change that caused it. */
export interface DomainEventTable {
  id: string;
  type: string;
  target_type: string | null;
  target_id: string | null;
  agency_id: string | null;
  /** JSON object. */
  payload: string;
  actor_user_id: string | null;
  occurred_at: string;
}
/** One delivery of an event to one subscriber: pending → done, or dead after the last retry. */
export interface EventDeliveryTable {
  event_id: string;
  subscriber: string;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  done_at: string | null;
}
export type DomainEvent = Selectable<DomainEventTable>;
export type NewDomainEvent = Insertable<DomainEventTable>;
export type EventDelivery = Selectable<EventDeliveryTable>;
export type EventDeliveryUpdate = Updateable<EventDeliveryTable>;

export interface EventsTables {
  domain_events: DomainEventTable;
  event_deliveries: EventDeliveryTable;
}
