import { COMPLAINT_CHANNEL_LABELS, type ComplaintChannel, isCivilDate } from '@fep/domain';
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { scopeFilter } from '../../../platform/org/scope.ts';

/**
 * The figures of reports (CMP-03): received, verified, verified within the statutory limit, founded, fixed
 * (founded, closed, and not found unfixed by the reporter), rewarded — per channel and per agency, for
 * reports received in [from, to] (Beijing dates). Complaint-triggered checks are counted here and kept
 * apart from random checks in supervision's figures (purpose `complaint`).
 */
export async function complaintFigures(deps: Pick<AppContext, 'database'>, actor: Actor, q: { from: string; to: string }) {
  for (const [field, v] of [
    ['from', q.from],
    ['to', q.to],
  ] as const)
    if (!isCivilDate(v)) throw new AppError('REQUEST.BAD_DATE', `日期格式应为 YYYY-MM-DD：${v}`, { field });
  if (q.from > q.to) throw new AppError('REQUEST.INVALID', '开始日期不能晚于结束日期', { field: 'from' });
  const from = new Date(`${q.from}T00:00:00+08:00`).toISOString();
  const to = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000).toISOString();
  const base = deps.database.db
    .selectFrom('complaints')
    .innerJoin('agencies', 'agencies.id', 'complaints.agency_id')
    .leftJoin('complaint_rewards', 'complaint_rewards.complaint_id', 'complaints.id')
    .where(scopeFilter(actor.scope, { agencyPath: 'complaints.agency_path' }))
    .where('complaints.received_at', '>=', from)
    .where('complaints.received_at', '<', to);
  const measures = [
    sql<number>`count(*)`.as('received'),
    sql<number>`sum(case when complaints.verified_at is not null then 1 else 0 end)`.as('verified'),
    sql<number>`sum(case when complaints.verified_at is not null and complaints.verified_at <= complaints.due_at then 1 else 0 end)`.as('verified_in_time'),
    sql<number>`sum(case when complaints.outcome in ('founded', 'partly_founded') then 1 else 0 end)`.as('founded'),
    sql<number>`sum(case when complaints.outcome in ('founded', 'partly_founded') and complaints.status = 'closed' and (complaints.satisfaction is null or complaints.satisfaction = 'satisfied') then 1 else 0 end)`.as(
      'fixed',
    ),
    sql<number>`sum(case when complaint_rewards.status in ('offered', 'claimed', 'paid') then 1 else 0 end)`.as('rewarded'),
  ] as const;
  const byChannel = await base
    .select(['complaints.channel as key', ...measures])
    .groupBy('complaints.channel')
    .orderBy('complaints.channel')
    .execute();
  const byAgency = await base
    .select(['complaints.agency_id as key', 'agencies.name as label', ...measures])
    .groupBy(['complaints.agency_id', 'agencies.name'])
    .orderBy('agencies.name')
    .execute();
  const row = (
    r: { key: string; received: number; verified: number; verified_in_time: number; founded: number; fixed: number; rewarded: number },
    label: string,
  ) => ({
    key: r.key,
    label,
    received: Number(r.received),
    verified: Number(r.verified ?? 0),
    verifiedInTime: Number(r.verified_in_time ?? 0),
    founded: Number(r.founded ?? 0),
    fixed: Number(r.fixed ?? 0),
    rewarded: Number(r.rewarded ?? 0),
  });
  const channels = byChannel.map((r) => row(r, COMPLAINT_CHANNEL_LABELS[r.key as ComplaintChannel] ?? r.key));
  const total = { key: 'total', label: '合计', received: 0, verified: 0, verifiedInTime: 0, founded: 0, fixed: 0, rewarded: 0 };
  for (const r of channels) {
    total.received += r.received;
    total.verified += r.verified;
    total.verifiedInTime += r.verifiedInTime;
    total.founded += r.founded;
    total.fixed += r.fixed;
    total.rewarded += r.rewarded;
  }
  return { byChannel: channels, byAgency: byAgency.map((r) => row(r, r.label)), total };
}
