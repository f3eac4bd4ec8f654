import { chinaDateTimeOf } from '@fep/domain';
import { systemActor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { transact } from '../transact.ts';
import { CLOCK_ALERT_RAISED, type ClockAlertRaised } from './events.ts';

export const SWEEP_JOB = 'clock-sweep';

export interface SweepResult {
  ran: boolean;
  dueSoon: number;
  overdue: number;
}

/**
 * Marks due-soon and overdue clocks (OVS-01) and emits CLOCK_ALERT_RAISED for each, once (the notification
 * centre delivers it). Lease-protected;
 * the (clock, kind) primary key of clock_alerts guarantees one alert per clock and kind even if two
 * processes ever overlap.
 */
export async function sweepClocks(ctx: AppContext, holder: string): Promise<SweepResult> {
  const { db } = ctx.database;
  const now = ctx.now();
  if (!(await acquireLease(db, SWEEP_JOB, holder, now, 5 * 60_000))) return { ran: false, dueSoon: 0, overdue: 0 };
  try {
    const nowIso = now.toISOString();
    const result: SweepResult = { ran: true, dueSoon: 0, overdue: 0 };
    for (const kind of ['overdue', 'due_soon'] as const) {
      const column = kind === 'overdue' ? 'clocks.due_at' : 'clocks.due_soon_at';
      const candidates = await db
        .selectFrom('clocks')
        .leftJoin('clock_alerts', (j) => j.onRef('clock_alerts.clock_id', '=', 'clocks.id').on('clock_alerts.kind', '=', kind))
        .selectAll('clocks')
        .where('clocks.status', '=', 'running')
        .where(column, 'is not', null)
        .where(column, '<=', nowIso)
        .where('clock_alerts.clock_id', 'is', null)
        .limit(1000)
        .execute();
      for (const c of candidates) {
        const raised = await transact(ctx, systemActor(), async (trx, audit, emit) => {
          const ins = await trx
            .insertInto('clock_alerts')
            .values({ clock_id: c.id, kind, raised_at: nowIso })
            .onConflict((oc) => oc.columns(['clock_id', 'kind']).doNothing())
            .executeTakeFirst();
          if (Number(ins.numInsertedOrUpdatedRows ?? 0) === 0) {
            await audit({ action: 'clock.alert.skipped', targetType: 'clock', targetId: c.id, details: { kind, reason: 'already_raised' } });
            return false;
          }
          const alertState = kind === 'overdue' ? 'overdue' : c.alert_state === 'overdue' ? 'overdue' : 'due_soon';
          await trx.updateTable('clocks').set({ alert_state: alertState, updated_at: nowIso }).where('id', '=', c.id).execute();
          const payload: ClockAlertRaised = {
            clockId: c.id,
            kind,
            title: c.title,
            targetType: c.target_type,
            targetId: c.target_id,
            agencyId: c.agency_id,
            agencyPath: c.agency_path,
            assigneeUserId: c.assignee_user_id,
            due: c.due_date ?? (c.due_at ? chinaDateTimeOf(c.due_at) : ''),
            provisional: c.provisional === 1,
            legalBasis: `${c.legal_document}${c.legal_clause ?? ''}`,
          };
          // The notification centre turns the alert into messages for the people concerned (features/notifications).
          emit({ type: CLOCK_ALERT_RAISED, targetType: 'clock', targetId: c.id, agencyId: c.agency_id, payload: { ...payload } });
          await audit({ action: `clock.alert.${kind}`, targetType: 'clock', targetId: c.id, details: { dueAt: c.due_at } });
          return true;
        });
        if (raised) result[kind === 'overdue' ? 'overdue' : 'dueSoon']++;
      }
    }
    return result;
  } finally {
    await releaseLease(db, SWEEP_JOB, holder);
  }
}
