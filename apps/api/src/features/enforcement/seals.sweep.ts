import { chinaDateOf, chinaDateTimeOf, sealExpired } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { transact } from '../../platform/transact.ts';
import { raiseAlert } from './case-steps.ts';
import { emitSealChanged } from './seal-map.ts';
import { advanceSeal, stopClock } from './seal-steps.ts';

export const SEAL_SWEEP_JOB = 'seal-sweep';

export interface SealSweepResult {
  ran: boolean;
  expired: number;
  unconfirmed: number;
}

/**
 * The end-of-term sweep of temporary seals (ENF-05, OVS-01), lease-protected like the clock sweep:
 * - a seal in force whose end date has passed without lifting or extension becomes `expired_unlifted` (by
 *   compare-and-set), its term clock stops, and an oversight alert `seal_expired` is raised: the seal must be
 *   lifted (行政强制法 art. 28 ¶1 (4)) or decided anew — agencies lost in court for leaving one in place;
 * - an emergency seal not confirmed by the collective discussion within the policy's hours raises
 *   `seal_unconfirmed` (消防监督检查规定 art. 23: confirm within 24 h or release).
 * The alert's unique key (kind, target) keeps one alert per seal and kind even if two processes overlap.
 */
export async function sweepSeals(ctx: AppContext, holder: string): Promise<SealSweepResult> {
  const { db } = ctx.database;
  const now = ctx.now();
  if (!(await acquireLease(db, SEAL_SWEEP_JOB, holder, now, 5 * 60_000))) return { ran: false, expired: 0, unconfirmed: 0 };
  try {
    const today = chinaDateOf(now);
    const nowIso = now.toISOString();
    const result: SealSweepResult = { ran: true, expired: 0, unconfirmed: 0 };
    const due = await db.selectFrom('enforcement_seals').select('id').where('status', '=', 'in_force').where('end_date', '<', today).limit(1000).execute();
    for (const { id } of due) {
      const done = await transact(ctx, systemActor('seal-sweep'), async (trx, audit, emit) => {
        const s = await trx.selectFrom('enforcement_seals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        if (!sealExpired({ status: s.status, endDate: s.end_date }, today)) {
          await audit({
            action: 'enforcement_seal.expire',
            outcome: 'failure',
            targetType: 'enforcement_seal',
            targetId: id,
            details: { reason: 'no_longer_due' },
          });
          return false;
        }
        try {
          emitSealChanged(emit, s, await advanceSeal(trx, s, 'expire', { expired_at: nowIso }, now));
        } catch (err) {
          // Lifted or extended meanwhile by someone else: nothing to do.
          if (err instanceof AppError && err.code === 'ENFORCEMENT.SEAL_STATE') {
            await audit({
              action: 'enforcement_seal.expire',
              outcome: 'failure',
              targetType: 'enforcement_seal',
              targetId: id,
              details: { reason: 'changed' },
            });
            return false;
          }
          throw err;
        }
        await stopClock(trx, s.term_clock_id, '期限届满未解除，转执法监督', null, now);
        await audit({ action: 'enforcement_seal.expire', targetType: 'enforcement_seal', targetId: id, details: { endDate: s.end_date } });
        await raiseAlert(
          trx,
          audit,
          {
            agencyId: s.agency_id,
            agencyPath: s.agency_path,
            kind: 'seal_expired',
            targetType: 'enforcement_seal',
            targetId: id,
            message: `${s.unit_name}（${s.number ?? '临时查封'}）查封期限已于 ${s.end_date} 届满，未解除也未依法延长：应当立即解除查封，仍须查封的重新作出决定`,
          },
          now,
        );
        return true;
      });
      if (done) result.expired++;
    }
    const unconfirmed = await db
      .selectFrom('enforcement_seals')
      .leftJoin('oversight_alerts', (j) =>
        j
          .onRef('oversight_alerts.target_id', '=', 'enforcement_seals.id')
          .on('oversight_alerts.kind', '=', 'seal_unconfirmed')
          .on('oversight_alerts.target_type', '=', 'enforcement_seal'),
      )
      .selectAll('enforcement_seals')
      .where('enforcement_seals.status', '=', 'emergency')
      .where('enforcement_seals.confirm_by', '<=', nowIso)
      .where('oversight_alerts.id', 'is', null)
      .limit(1000)
      .execute();
    for (const s of unconfirmed) {
      const raised = await transact(ctx, systemActor('seal-sweep'), async (trx, audit) => {
        const fresh = await raiseAlert(
          trx,
          audit,
          {
            agencyId: s.agency_id,
            agencyPath: s.agency_path,
            kind: 'seal_unconfirmed',
            targetType: 'enforcement_seal',
            targetId: s.id,
            message: `${s.unit_name}：紧急查封（${s.scope}）未在 ${chinaDateTimeOf(s.confirm_by!)} 前经集体研究确认，应当立即解除或者补作决定`,
          },
          now,
        );
        // Raised meanwhile by another process: the attempt still leaves its trace (a transaction records something).
        if (!fresh)
          await audit({
            action: 'oversight_alert.raise',
            outcome: 'failure',
            targetType: 'enforcement_seal',
            targetId: s.id,
            details: { kind: 'seal_unconfirmed', reason: 'already_raised' },
          });
        return fresh;
      });
      if (raised) result.unconfirmed++;
    }
    return result;
  } finally {
    await releaseLease(db, SEAL_SWEEP_JOB, holder);
  }
}
