import { chinaDateOf, type MonitoringCheckFacts, type MonitoringCheckTriggerPolicy, monitoringCheckReasons } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { transact } from '../../platform/transact.ts';
import { MONITORING_CHECK_TRIGGERED, type MonitoringCheckTriggered } from './events.ts';
import { TRIGGER_REASONS } from './monitoring.columns.ts';
import { Unchanged } from './monitoring.repository.ts';

export const CHECK_TRIGGER_JOB = 'monitoring.check_triggers';

/**
 * Checks raised by remote monitoring (MON-01 → SUP-06), nightly: for each agency with registered devices, its
 * policy `monitoring.check_trigger` (window and thresholds), the fire alarms and the faults and supervisory alarms
 * of each unit in the window (one grouped read over the (usci, occurred_at) index), and how long its longest-silent
 * offline device has been silent. A unit passing a threshold gets one trigger row per month (unique per unit and
 * period: a second run, or a second process, raises nothing) recorded with its reasons and the event
 * `monitoring.check_triggered`, on which supervision opens the inspection task.
 */
export async function sweepMonitoringTriggers(ctx: AppContext, holder: string): Promise<{ ran: boolean; raised: number }> {
  const { db } = ctx.database;
  if (!(await acquireLease(db, CHECK_TRIGGER_JOB, holder, ctx.now(), 10 * 60_000))) return { ran: false, raised: 0 };
  let raised = 0;
  try {
    const now = ctx.now();
    const today = chinaDateOf(now);
    const period = today.slice(0, 7);
    const agencies = await db.selectFrom('monitoring_devices').select('agency_id').distinct().orderBy('agency_id').execute();
    for (const { agency_id } of agencies) {
      const agency = await agencyById(db, agency_id);
      if (!agency) continue;
      const [resolved] = await resolveForAgency(db, agency, today, ['monitoring.check_trigger']);
      const policy = resolved!.values as MonitoringCheckTriggerPolicy;
      const facts = await unitFacts(ctx, agency_id, new Date(now.getTime() - policy.windowDays * 86_400_000).toISOString(), now);
      for (const [usci, f] of facts) {
        const reasons = monitoringCheckReasons(f.facts, policy);
        if (reasons.length === 0) continue;
        if (await db.selectFrom('monitoring_check_triggers').select('id').where('usci', '=', usci).where('period', '=', period).executeTakeFirst()) continue;
        const done = await transact(ctx, systemActor('monitoring'), async (trx, audit, emit) => {
          const row = {
            id: uuidv7(now.getTime()),
            usci,
            period,
            agency_id,
            agency_path: f.agencyPath,
            reasons_json: TRIGGER_REASONS.encode(reasons),
            policy_version: resolved!.versionKey,
            created_at: now.toISOString(),
          };
          const r = await trx
            .insertInto('monitoring_check_triggers')
            .values(row)
            .onConflict((oc) => oc.columns(['usci', 'period']).doNothing())
            .executeTakeFirst();
          // Another process raised it first: nothing is recorded twice.
          if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Unchanged();
          await audit({ action: 'monitoring.check_triggered', targetType: 'unit', targetId: usci, after: row, details: { reasons } });
          const payload: MonitoringCheckTriggered = { usci, agencyId: agency_id, period, reason: `远程监控：${reasons.join('；')}` };
          emit({ type: MONITORING_CHECK_TRIGGERED, targetType: 'unit', targetId: usci, agencyId: agency_id, payload: { ...payload } });
          return true;
        }).catch((err: unknown) => {
          if (err instanceof Unchanged) return false;
          throw err;
        });
        if (done) raised++;
      }
    }
  } finally {
    await releaseLease(db, CHECK_TRIGGER_JOB, holder);
  }
  return { ran: true, raised };
}

async function unitFacts(
  ctx: AppContext,
  agencyId: string,
  sinceIso: string,
  now: Date,
): Promise<Map<string, { agencyPath: string; facts: MonitoringCheckFacts }>> {
  const { db } = ctx.database;
  const devices = await db
    .selectFrom('monitoring_devices')
    .select(['usci', 'agency_path', 'status', 'last_seen_at', 'created_at'])
    .where('agency_id', '=', agencyId)
    .execute();
  const out = new Map<string, { agencyPath: string; facts: MonitoringCheckFacts }>();
  for (const d of devices) {
    const u = out.get(d.usci) ?? { agencyPath: d.agency_path, facts: { fireAlarms: 0, faults: 0, longestOfflineHours: null } };
    if (d.status === 'offline') {
      const hours = (now.getTime() - new Date(d.last_seen_at ?? d.created_at).getTime()) / 3_600_000;
      u.facts.longestOfflineHours = Math.max(u.facts.longestOfflineHours ?? 0, hours);
    }
    out.set(d.usci, u);
  }
  const counts = await db
    .selectFrom('monitoring_events')
    .innerJoin('monitoring_devices', 'monitoring_devices.id', 'monitoring_events.device_id')
    .select(['monitoring_events.usci', 'monitoring_events.type', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('monitoring_devices.agency_id', '=', agencyId)
    .where('monitoring_events.type', 'in', ['fire_alarm', 'fault', 'supervisory'])
    .where('monitoring_events.occurred_at', '>=', sinceIso)
    .groupBy(['monitoring_events.usci', 'monitoring_events.type'])
    .execute();
  for (const c of counts) {
    const u = out.get(c.usci);
    if (!u) continue;
    if (c.type === 'fire_alarm') u.facts.fireAlarms += Number(c.n);
    else u.facts.faults += Number(c.n);
  }
  return out;
}
