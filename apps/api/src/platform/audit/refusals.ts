import type { RefusalReason } from '@fep/domain';
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { uuidv7 } from '../ids.ts';
import { ownerOfTarget } from '../org/targets.ts';
import { AuditWriter } from './chain.ts';

/**
 * Refused requests as security events (等保 2.0 GB/T 22239-2019 8.1.4.3 a/b: 对重要用户行为和重要安全事件进行审计,
 * with date and time, user, event type and outcome): every refusal of a signed-in account — a missing
 * permission, a record or jurisdiction outside its scope (answered as the 404 of a missing record), an act
 * reserved to the assigned inspectors, another unit's matter — is counted in `security_refusals`, one row per
 * account, route and answered code in each window (`FEP_REFUSAL_WINDOW_SECONDS`, 10 minutes by default).
 *
 * So that a flood of refused requests cannot fill the store nor load the database:
 * - the first refusal of a row in this process is written at once (the row, and — when the row is new — one
 *   `denied` event on the enforcement record: on the chain of the record the caller tried to reach, or on the
 *   account's own chain `user:<id>`), so an auditor sees it with the answer;
 * - the further refusals of that row only add to a count in memory, written by one upsert per row every few
 *   seconds (and when the process closes): whatever the rate, a row costs one write per flush.
 * A row's size does not grow with its count; the number of rows per window is bounded by accounts × routes.
 * Requests without a session (401) are not refusals of an account and stay in the access log.
 */
export interface Refusal {
  /** The route as registered: `POST /api/v1/supervision/tasks` (not the address, so rows stay few). */
  route: string;
  /** The code the caller was answered. */
  code: string;
  reason: RefusalReason;
  target?: { type: string; id: string };
}

const FLUSH_MS = 2_000;

interface Pending {
  window: string;
  actor: Actor;
  refusal: Refusal;
  count: number;
  lastAt: string;
  /** The first write of the row (its counts are written after it, so that it creates the row and its event). */
  written: Promise<void>;
}

class RefusalRecorder {
  /** Rows this process has written in the current windows, and what they counted since the last flush. */
  private readonly rows = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private window = '';

  constructor(private readonly deps: AppContext) {}

  async record(actor: Actor, refusal: Refusal): Promise<void> {
    if (!actor.userId) return;
    const now = this.deps.now();
    const windowMs = this.deps.config.refusalWindowSeconds * 1000;
    const window = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
    // A new window: the rows of the last one are written and forgotten (the map holds the current window's).
    if (window !== this.window) {
      if (this.window) void this.flush();
      this.window = window;
    }
    const key = `${window}|${actor.userId}|${refusal.route}|${refusal.code}`;
    const known = this.rows.get(key);
    if (known) {
      known.count++;
      known.lastAt = now.toISOString();
      known.refusal = refusal;
      this.schedule();
      return;
    }
    const written = this.write(window, actor, refusal, 1, now.toISOString(), true);
    this.rows.set(key, { window, actor, refusal, count: 0, lastAt: now.toISOString(), written: written.catch(() => undefined) });
    try {
      await written;
    } catch (e) {
      // The next refusal of the row tries again to write it (and its event).
      this.rows.delete(key);
      throw e;
    }
  }

  /** Writes what the rows counted since the last flush, and forgets rows of windows that have ended. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const windowMs = this.deps.config.refusalWindowSeconds * 1000;
    const current = new Date(Math.floor(this.deps.now().getTime() / windowMs) * windowMs).toISOString();
    for (const [key, p] of this.rows) {
      await p.written;
      if (p.count > 0) {
        const n = p.count;
        p.count = 0;
        try {
          await this.write(p.window, p.actor, p.refusal, n, p.lastAt, false);
        } catch (e) {
          p.count += n;
          this.deps.log?.(e, 'security event (refusal) not written');
          continue;
        }
      }
      if (p.window < current) this.rows.delete(key);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /**
   * One upsert of the row (count + n); when `first` created it, one `denied` event on the enforcement record
   * in the same transaction. Another process may have created the row first: then only the count grows.
   */
  private async write(window: string, actor: Actor, refusal: Refusal, n: number, at: string, first: boolean): Promise<void> {
    const { db, dialect } = this.deps.database;
    const target = refusal.target ?? null;
    const agencyPath = actor.agencyPath ?? (target ? ((await ownerOfTarget(db, target.type, target.id))?.agencyPath ?? null) : null);
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('security_refusals')
        .values({
          id: uuidv7(Date.parse(at)),
          window_start: window,
          actor_user_id: actor.userId!,
          actor_role: actor.role,
          actor_agency_id: actor.agencyId,
          agency_path: agencyPath,
          route: refusal.route,
          code: refusal.code,
          reason: refusal.reason,
          count: n,
          first_at: at,
          last_at: at,
          last_target: target ? `${target.type}:${target.id}` : null,
          source_ip: actor.ip,
          request_id: actor.requestId,
        })
        .onConflict((oc) =>
          oc.columns(['window_start', 'actor_user_id', 'route', 'code']).doUpdateSet((eb) => ({
            count: eb('security_refusals.count', '+', n),
            last_at: eb.ref('excluded.last_at'),
            last_target: eb.fn.coalesce('excluded.last_target', 'security_refusals.last_target'),
          })),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      if (!first || Number(row.count) !== n) return;
      const writer = new AuditWriter(trx, dialect, this.deps.auditKey, actor, this.deps.now());
      await writer.append({
        action: 'access.refused',
        targetType: target?.type ?? 'user',
        targetId: target?.id ?? actor.userId!,
        outcome: 'denied',
        details: { reason: refusal.reason, route: refusal.route, code: refusal.code },
      });
      await writer.flush();
    });
  }
}

const recorders = new WeakMap<AppContext, RefusalRecorder>();

function recorderOf(deps: AppContext): RefusalRecorder {
  let r = recorders.get(deps);
  if (!r) {
    r = new RefusalRecorder(deps);
    recorders.set(deps, r);
  }
  return r;
}

/** Counts a refusal of a signed-in actor (see above); anonymous and system actors are not counted. */
export function recordRefusal(deps: AppContext, actor: Actor, refusal: Refusal): Promise<void> {
  return recorderOf(deps).record(actor, refusal);
}

/** Writes the counts held in memory now (on close, and where a test reads them). */
export async function flushRefusals(deps: AppContext): Promise<void> {
  await recorders.get(deps)?.flush();
}
