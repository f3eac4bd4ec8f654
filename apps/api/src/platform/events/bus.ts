import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { type Deps, IdempotentReplay } from '../transact.ts';
import { type DomainEvent, eventOf } from './outbox.ts';

/**
 * A subscriber handles one event for one feature. It receives deps carrying an idempotency claim keyed
 * by (subscriber, event id): a use case it calls writes that claim in its own transaction, so a delivery
 * retried after a crash replays instead of acting twice.
 */
export interface Subscriber {
  /** Stable name, `<feature>.<what it does>`; deliveries are tracked under it. */
  name: string;
  types: string[];
  handle(deps: Deps, event: DomainEvent): Promise<void>;
}

export const DISPATCH_JOB = 'event-dispatch';
export const MAX_ATTEMPTS = 8;

/** Backoff after the n-th failed attempt: 2ⁿ seconds, at most one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** attempts);
}

export class EventBus {
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly byType = new Map<string, string[]>();
  private readonly holder = `dispatch-${randomUUID()}`;
  private chain: Promise<unknown> = Promise.resolve();
  private kicked = false;
  private timer: NodeJS.Timeout | null = null;
  /** After a commit that emitted events, dispatch at once in this process (off in unit tests that drain by hand). */
  autoDispatch = true;
  private deps: AppContext | null = null;

  attach(deps: AppContext): void {
    this.deps = deps;
  }

  subscribe(s: Subscriber): void {
    if (this.subscribers.has(s.name)) throw new Error(`subscriber ${s.name} registered twice`);
    this.subscribers.set(s.name, s);
    for (const t of s.types) this.byType.set(t, [...(this.byType.get(t) ?? []), s.name]);
  }

  subscribersOf(type: string): string[] {
    return this.byType.get(type) ?? [];
  }

  /** Called after a commit with events: one dispatch soon, coalesced. */
  kick(): void {
    if (!this.autoDispatch || this.kicked || !this.deps) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      void this.drain().catch((err: unknown) => this.deps?.log?.(err, 'event dispatch failed'));
    });
  }

  /** Polls for due retries (every `ms`) until stopped. */
  start(ms = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.drain().catch((err: unknown) => this.deps?.log?.(err, 'event dispatch failed')), ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.autoDispatch = false;
    await this.chain.catch(() => undefined);
  }

  /** Dispatches every due delivery (serialised in this process; the lease keeps other processes out). */
  drain(): Promise<number> {
    const run = this.chain.then(async () => {
      let total = 0;
      for (;;) {
        const n = await this.dispatchOnce();
        total += n;
        if (n === 0) return total;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async dispatchOnce(limit = 100): Promise<number> {
    const deps = this.deps;
    if (!deps) return 0;
    const { db } = deps.database;
    const now = deps.now();
    if (!(await acquireLease(db, DISPATCH_JOB, this.holder, now, 60_000))) return 0;
    try {
      const due = await db
        .selectFrom('event_deliveries')
        .innerJoin('domain_events', 'domain_events.id', 'event_deliveries.event_id')
        .selectAll('domain_events')
        .select(['event_deliveries.subscriber', 'event_deliveries.attempts'])
        .where('event_deliveries.status', '=', 'pending')
        .where('event_deliveries.next_attempt_at', '<=', now.toISOString())
        .orderBy('event_deliveries.next_attempt_at')
        .orderBy('event_deliveries.event_id')
        .limit(limit)
        .execute();
      let handled = 0;
      for (const row of due) {
        const { subscriber: name, attempts, ...event } = row;
        const s = this.subscribers.get(name);
        const at = deps.now().toISOString();
        const where = { event_id: event.id, subscriber: name };
        try {
          if (!s) throw new Error(`no subscriber named ${name} in this process`);
          try {
            await s.handle({ ...deps, idempotency: { scope: `event:${name}`, key: event.id, requestHash: event.id, status: 200 } }, eventOf(event));
          } catch (err) {
            if (!(err instanceof IdempotentReplay)) throw err;
          }
          await db
            .updateTable('event_deliveries')
            .set({ status: 'done', attempts: attempts + 1, done_at: at, last_error: null })
            .where('event_id', '=', where.event_id)
            .where('subscriber', '=', where.subscriber)
            .where('status', '=', 'pending')
            .execute();
        } catch (err) {
          const n = attempts + 1;
          const message = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 2000) : String(err).slice(0, 2000);
          await db
            .updateTable('event_deliveries')
            .set({
              status: n >= MAX_ATTEMPTS ? 'dead' : 'pending',
              attempts: n,
              last_error: message,
              next_attempt_at: new Date(deps.now().getTime() + backoffMs(n)).toISOString(),
            })
            .where('event_id', '=', where.event_id)
            .where('subscriber', '=', where.subscriber)
            .where('status', '=', 'pending')
            .execute();
        }
        handled++;
      }
      return handled;
    } finally {
      await releaseLease(db, DISPATCH_JOB, this.holder);
    }
  }
}
