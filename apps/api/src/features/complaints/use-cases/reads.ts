import type { ComplaintListQuery, ComplaintPage, ComplaintView, PublicComplaintStatusView } from '@fep/contracts';
import {
  boxAround,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_STATUS_LABELS,
  DUPLICATE_REASON_LABELS,
  DUPLICATE_WINDOW_DAYS,
  duplicateReason,
  isCivilDate,
  normalTrackingCode,
  REWARD_STATUS_LABELS,
} from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../../platform/attempts.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { cappedCount, searchAny } from '../../../platform/lists/lists.ts';
import { scopeFilter } from '../../../platform/org/scope.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { inScopeOr, mayReadReporter } from '../complaints.access.ts';
import { categoryName, clockView, presentComplaint } from '../complaints.presenter.ts';
import { type ComplaintJoined, complaintByCodeHash, complaintById, complaintRows, duplicatesOf, returnVisitsOf, rewardOf } from '../complaints.repository.ts';
import { codeHash, openIdentity } from '../vault.ts';

type ReadDeps = Pick<AppContext, 'database' | 'now' | 'sealMasterKey'> & Partial<Deps>;

async function viewOf(deps: ReadDeps, c: ComplaintJoined, reporter: ReturnType<typeof openIdentity>): Promise<ComplaintView> {
  const db = deps.database.db;
  const [duplicates, reward, visits] = await Promise.all([duplicatesOf(db, c.id), rewardOf(db, c.id), returnVisitsOf(db, c.id)]);
  return presentComplaint(c, { duplicates, reward, visits, reporter, now: deps.now().toISOString() });
}

/**
 * The file of a report (staff, in scope). The reporter block is decrypted for the intake role alone
 * (CMP-04), and each such reveal is an enforcement record of its own (`complaint.reporter_read`).
 */
export async function getComplaint(deps: Deps, actor: Actor, id: string, opts: { record: boolean } = { record: true }): Promise<ComplaintView> {
  const c = inScopeOr(actor, await complaintById(deps.database.db, id), id);
  if (!mayReadReporter(actor) || !c.identity_enc) return viewOf(deps, c, null);
  const identity = openIdentity(deps, c.identity_enc, c.id);
  if (opts.record)
    await transact(deps, actor, async (_trx, audit) => {
      await audit({ action: 'complaint.reporter_read', targetType: 'complaint', targetId: c.id, details: { fields: Object.keys(identity ?? {}) } });
    });
  return viewOf(deps, c, identity);
}

/**
 * The report as it was handed over, for the clerk who just transferred it out of their jurisdiction: the
 * answer to their own step (what went where, with its clock), never the reporter — and later reads by
 * them are out of scope like any neighbour's.
 */
export async function transferredComplaint(deps: Deps, id: string): Promise<ComplaintView> {
  const c = await complaintById(deps.database.db, id);
  if (!c) throw notFound('举报投诉');
  return viewOf(deps, c, null);
}

function listQuery(db: Executor, actor: Actor, q: ComplaintListQuery, nowIso: string) {
  let query = complaintRows(db).where(scopeFilter(actor.scope, { agencyPath: 'complaints.agency_path' }));
  if (q.q?.trim()) query = query.where(searchAny(['complaints.description', 'complaints.address', 'complaints.unit_usci', 'complaints.external_ref'], q.q));
  if (q.status) query = query.where('complaints.status', '=', q.status);
  if (q.channel) query = query.where('complaints.channel', '=', q.channel);
  if (q.category) query = query.where('complaints.category', '=', q.category);
  if (q.due === 'overdue') query = query.where('complaints.verified_at', 'is', null).where('complaints.due_at', '<', nowIso);
  return query;
}

/** The back-office queue (CMP-03): the reports of the agency and below with their clocks, soonest due first. */
export async function complaintPage(
  deps: ReadDeps,
  actor: Actor,
  q: ComplaintListQuery,
  offset: number,
  limit: number,
): Promise<Omit<ComplaintPage, 'page' | 'pageSize'>> {
  const db = deps.database.db;
  const nowIso = deps.now().toISOString();
  const rows = await listQuery(db, actor, q, nowIso)
    .selectAll('complaints')
    .select('agencies.name as agency_name')
    .orderBy('complaints.due_at', q.order === 'descend' ? 'desc' : 'asc')
    .orderBy('complaints.id')
    .offset(offset)
    .limit(limit)
    .execute();
  const { total, capped } = await cappedCount(db, listQuery(db, actor, q, nowIso));
  return {
    items: rows.map((c) => ({
      id: c.id,
      agencyName: c.agency_name,
      channelLabel: COMPLAINT_CHANNEL_LABELS[c.channel],
      categoryName: categoryName(c.category),
      description: c.description.slice(0, 120),
      address: c.address,
      status: c.status,
      statusLabel: COMPLAINT_STATUS_LABELS[c.status],
      receivedAt: c.received_at,
      clock: clockView(c, nowIso),
    })),
    total,
    capped,
  };
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  // A leading = + - @ would make a spreadsheet run it as a formula (CSV injection).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * CSV export of the queue's view (CMP-04): never the reporter's identity — not even for the intake role;
 * only whether contact details were left.
 */
export async function exportComplaints(deps: ReadDeps, actor: Actor, q: ComplaintListQuery): Promise<string> {
  const nowIso = deps.now().toISOString();
  const rows = await listQuery(deps.database.db, actor, q, nowIso)
    .selectAll('complaints')
    .select('agencies.name as agency_name')
    .orderBy('complaints.received_at', 'desc')
    .limit(10_000)
    .execute();
  const head = ['编号', '受理机构', '来源', '类别', '内容', '地址', '受理时间', '核查期限', '时限状态', '状态', '核查结论', '是否留有联系方式'];
  const lines = rows.map((c) => {
    const clock = clockView(c, nowIso);
    return [
      c.id,
      c.agency_name,
      COMPLAINT_CHANNEL_LABELS[c.channel],
      categoryName(c.category),
      c.description,
      c.address,
      c.received_at,
      clock.dueDate ?? clock.dueAt,
      clock.stateLabel,
      COMPLAINT_STATUS_LABELS[c.status],
      c.outcome ? COMPLAINT_OUTCOME_LABELS[c.outcome] : '',
      c.identity_enc ? '是' : '否',
    ]
      .map(csvCell)
      .join(',');
  });
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

export const MAP_LIMIT = 5000;

/** Points of reports in a box (the map, by category and status): no text, no reporter. */
export async function complaintMap(deps: ReadDeps, actor: Actor, q: { minLat: number; maxLat: number; minLng: number; maxLng: number; since?: string }) {
  let query = deps.database.db
    .selectFrom('complaints')
    .select(['id', 'lat', 'lng', 'category', 'status'])
    .where(scopeFilter(actor.scope, { agencyPath: 'complaints.agency_path' }))
    .where('lat', '>=', q.minLat)
    .where('lat', '<=', q.maxLat)
    .where('lng', '>=', q.minLng)
    .where('lng', '<=', q.maxLng);
  if (q.since) {
    if (!isCivilDate(q.since)) throw new AppError('REQUEST.BAD_DATE', `日期格式应为 YYYY-MM-DD：${q.since}`, { field: 'since' });
    query = query.where('received_at', '>=', `${q.since}T00:00:00.000Z`);
  }
  const rows = await query.limit(MAP_LIMIT + 1).execute();
  return {
    points: rows.slice(0, MAP_LIMIT).map((r) => ({ id: r.id, lat: r.lat!, lng: r.lng!, category: r.category, status: r.status })),
    truncated: rows.length > MAP_LIMIT,
  };
}

/**
 * Duplicate suggestions for a report (CMP-03): earlier open or recent reports of the same unit, or within
 * 50 m and 7 days, in the same agency's scope. The clerk links one; nothing is linked automatically.
 */
export async function duplicateSuggestions(deps: ReadDeps, actor: Actor, id: string) {
  const db = deps.database.db;
  const c = inScopeOr(actor, await complaintById(db, id), id);
  const facts = { usci: c.unit_usci, location: c.lat != null && c.lng != null ? { lat: c.lat, lng: c.lng } : null, receivedAt: c.received_at };
  const windowStart = new Date(Date.parse(c.received_at) - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();
  let q = complaintRows(db)
    .selectAll('complaints')
    .select('agencies.name as agency_name')
    .where(scopeFilter(actor.scope, { agencyPath: 'complaints.agency_path' }))
    .where('complaints.id', '!=', c.id)
    .where('complaints.status', '!=', 'duplicate')
    .where('complaints.received_at', '<=', c.received_at);
  const box = facts.location ? boxAround(facts.location, 60) : null;
  q = q.where((eb) => {
    const ors = [];
    if (c.unit_usci) ors.push(eb('complaints.unit_usci', '=', c.unit_usci));
    if (box)
      ors.push(
        eb.and([
          eb('complaints.lat', '>=', box.minLat),
          eb('complaints.lat', '<=', box.maxLat),
          eb('complaints.lng', '>=', box.minLng),
          eb('complaints.lng', '<=', box.maxLng),
          eb('complaints.received_at', '>=', windowStart),
        ]),
      );
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  const rows = await q.orderBy('complaints.received_at').limit(50).execute();
  return {
    items: rows.flatMap((r) => {
      const reason = duplicateReason(facts, {
        usci: r.unit_usci,
        location: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
        receivedAt: r.received_at,
      });
      return reason
        ? [
            {
              id: r.id,
              reasonLabel: DUPLICATE_REASON_LABELS[reason],
              categoryName: categoryName(r.category),
              description: r.description.slice(0, 120),
              receivedAt: r.received_at,
              statusLabel: COMPLAINT_STATUS_LABELS[r.status],
            },
          ]
        : [];
    }),
  };
}

/** Look-ups per client address in ten minutes (each one counted, found or not). */
export const LOOKUP_PER_CLIENT: AttemptWindow = { limit: 30, windowMs: 10 * 60_000 };

/** A report found by its tracking code (public), after the look-up limit; unknown and malformed alike: 404. */
export async function byTrackingCode(deps: ReadDeps, actor: Actor, raw: string): Promise<ComplaintJoined> {
  const db = deps.database.db;
  if (!(await countAttempt(db, `complaint:lookup:${actor.ip ?? 'unknown'}`, LOOKUP_PER_CLIENT, deps.now())))
    throw new AppError('COMPLAINTS.TOO_MANY_LOOKUPS', '查询次数过多，请十分钟后再试');
  const code = normalTrackingCode(raw);
  const c = code ? await complaintByCodeHash(db, codeHash(deps, code)) : undefined;
  if (!c) throw new AppError('COMPLAINTS.NOT_FOUND', '查询码不正确，请核对提交举报时取得的 16 位查询码');
  return c;
}

/**
 * CMP-04: the reporter follows the report with the tracking code — status, the verification limit, the
 * outcome, the feedback and the reward claim; nothing personal, no unit or inspector names.
 */
export async function lookUpComplaint(deps: ReadDeps, actor: Actor, raw: string): Promise<PublicComplaintStatusView> {
  const c = await byTrackingCode(deps, actor, raw);
  const reward = await rewardOf(deps.database.db, c.id);
  return {
    agencyName: c.agency_name,
    categoryName: categoryName(c.category),
    status: c.status,
    statusLabel: COMPLAINT_STATUS_LABELS[c.status],
    receivedAt: c.received_at,
    verifyBy: c.due_at,
    verifiedAt: c.verified_at,
    outcomeLabel: c.outcome ? COMPLAINT_OUTCOME_LABELS[c.outcome] : null,
    feedback: c.feedback,
    feedbackAt: c.feedback_at,
    reward: reward ? { statusLabel: REWARD_STATUS_LABELS[reward.status], amount: reward.amount, reason: reward.reason, claimBy: reward.claim_by } : null,
  };
}
