import { chinaDateTimeOf } from '@fep/domain';
import { systemActor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { uuidv7 } from '../ids.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { transact } from '../transact.ts';

export const SWEEP_JOB = 'clock-sweep';

export interface SweepResult {
  ran: boolean;
  dueSoon: number;
  overdue: number;
}

/**
 * Marks due-soon and overdue clocks (OVS-01) and queues a notification for each, once. Lease-protected;
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
        const raised = await transact(ctx, systemActor(), async (trx, audit) => {
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
          const due = c.due_date ?? (c.due_at ? chinaDateTimeOf(c.due_at) : '');
          await trx
            .insertInto('outbox')
            .values({
              id: uuidv7(now.getTime()),
              channel: 'log',
              recipient_user_id: c.assignee_user_id,
              subject: kind === 'overdue' ? `【已超期】${c.title}` : `【即将到期】${c.title}`,
              body: `${c.title}，办理期限 ${due}${c.provisional ? '（暂定：所涉年度节假日安排尚未公布）' : ''}，依据 ${c.legal_document}${c.legal_clause ?? ''}。`,
              created_at: nowIso,
              sent_at: null,
            })
            .execute();
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
