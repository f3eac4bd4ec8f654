import type {
  CaseReviewListQuery,
  CaseReviewSummaryQuery,
  CaseReviewSummaryView,
  CaseReviewView,
  InterferenceListQuery,
  InterferenceRecordView,
  InterferenceReportView,
  OfficerComplaintListQuery,
  OfficerComplaintView,
  OfficerFileView,
  OfficerListQuery,
  OfficerRow,
} from '@fep/contracts';
import {
  chinaDateOf,
  chinaMonthRange,
  endOfChinaDay,
  INTERFERENCE_CHANNEL_LABELS,
  INTERFERENCE_CHANNELS,
  INTERFERENCE_ROLE_LABELS,
  INTERFERENCE_ROLES,
  ROLE_LABELS,
  type Role,
  startOfChinaDay,
  tallyInterference,
} from '@fep/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { cappedCount, searchAny } from '../../platform/lists/lists.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { inspectorCertificates } from '../supervision/index.ts';
import { assertCivilDate, loadOfficer } from './oversight.access.ts';
import { presentComplaint, presentInterference, presentReview } from './oversight.presenter.ts';
import { complaintRows, interferenceRows, officersOfReviews, reviewRows } from './oversight.repository.ts';

/**
 * The oversight reads (list pages, the monthly report, averages, the officer's file): the caller's scope
 * first, then the filters, then sort and page (docs/ui.md 列表页).
 */
type Page<T> = { items: T[]; total: number; capped: boolean };
const dirOf = (order: 'ascend' | 'descend' | undefined) => (order === 'ascend' ? 'asc' : 'desc');

// ---- interference records (ENF-08) --------------------------------------------------------------

/**
 * Oversight staff (`oversight:interference:read`) see the records of their agency and those below it;
 * anyone else sees the records they made themselves — and so does anyone asking for `mine`.
 */
function interferenceFiltered(db: Executor, actor: Actor, q: InterferenceListQuery) {
  let query = interferenceRows(db);
  const oversight = actor.permissions.includes('oversight:interference:read');
  if (oversight) query = query.where(scopeFilter(actor.scope, { agencyPath: 'interference_records.agency_path' }));
  if (!oversight || q.mine) query = query.where('interference_records.recorded_by', '=', actor.userId ?? '-');
  if (q.month) {
    const r = chinaMonthRange(q.month);
    query = query.where('interference_records.occurred_at', '>=', r.from).where('interference_records.occurred_at', '<', r.to);
  }
  if (q.role) query = query.where('interference_records.role', '=', q.role);
  if (q.channel) query = query.where('interference_records.channel', '=', q.channel);
  if (q.q?.trim())
    query = query.where(
      searchAny(
        ['interference_records.person_name', 'interference_records.person_position', 'interference_records.case_reference', 'interference_records.content'],
        q.q,
      ),
    );
  return query;
}

export async function interferencePage(
  db: Executor,
  actor: Actor,
  q: InterferenceListQuery,
  offset: number,
  limit: number,
): Promise<Page<InterferenceRecordView>> {
  const sortCol = q.sort === 'createdAt' ? 'interference_records.created_at' : 'interference_records.occurred_at';
  const dir = dirOf(q.order);
  const [rows, total] = await Promise.all([
    interferenceFiltered(db, actor, q)
      .selectAll('interference_records')
      .select(['agencies.name as agency_name', 'users.display_name as recorder_name'])
      .orderBy(sortCol, dir)
      .orderBy('interference_records.id', dir)
      .limit(limit)
      .offset(offset)
      .execute(),
    cappedCount(db, interferenceFiltered(db, actor, q)),
  ]);
  return { items: rows.map(presentInterference), ...total };
}

/** A month's report holds at most this many records in its list (the counts are always complete). */
export const REPORT_LIST_LIMIT = 1000;

/**
 * The monthly report (ENF-08: 通报) of the caller's agency and every agency below it: per agency the
 * number of records by channel and by role — every agency listed, with none recorded as 0 — and the
 * month's records, newest first.
 */
export async function interferenceReport(db: Executor, actor: Actor, month: string): Promise<InterferenceReportView> {
  const range = chinaMonthRange(month);
  const inScope = scopeFilter(actor.scope, { agencyPath: 'interference_records.agency_path' });
  const [agencies, facts, rows] = await Promise.all([
    db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where(scopeFilter(actor.scope, { agencyPath: 'agencies.path' }))
      .orderBy('path')
      .execute(),
    db
      .selectFrom('interference_records')
      .select(['agency_id', 'role', 'channel'])
      .where(inScope)
      .where('occurred_at', '>=', range.from)
      .where('occurred_at', '<', range.to)
      .execute(),
    interferenceRows(db)
      .selectAll('interference_records')
      .select(['agencies.name as agency_name', 'users.display_name as recorder_name'])
      .where(inScope)
      .where('interference_records.occurred_at', '>=', range.from)
      .where('interference_records.occurred_at', '<', range.to)
      .orderBy('interference_records.occurred_at', 'desc')
      .orderBy('interference_records.id', 'desc')
      .limit(REPORT_LIST_LIMIT)
      .execute(),
  ]);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const tallies = tallyInterference(
    agencies.map((a) => a.id),
    facts.map((f) => ({ agencyId: f.agency_id, role: f.role, channel: f.channel })),
  );
  return {
    month,
    total: facts.length,
    agencies: tallies.map((t) => ({
      agency: { id: t.agencyId, name: names.get(t.agencyId) ?? '' },
      total: t.total,
      byChannel: INTERFERENCE_CHANNELS.map((k) => ({ key: k, label: INTERFERENCE_CHANNEL_LABELS[k], count: t.byChannel[k] })),
      byRole: INTERFERENCE_ROLES.map((k) => ({ key: k, label: INTERFERENCE_ROLE_LABELS[k], count: t.byRole[k] })),
    })),
    items: rows.map(presentInterference),
  };
}

// ---- complaints about officers (OVS-03) ---------------------------------------------------------

function complaintFiltered(db: Executor, actor: Actor, q: OfficerComplaintListQuery) {
  let query = complaintRows(db).where(scopeFilter(actor.scope, { agencyPath: 'officer_complaints.agency_path' }));
  if (q.status) query = query.where('officer_complaints.status', '=', q.status);
  if (q.q?.trim()) query = query.where(searchAny(['officer_complaints.officer_name', 'officer_complaints.officer_badge', 'officer_complaints.account'], q.q));
  return query;
}

export async function complaintPage(
  db: Executor,
  actor: Actor,
  q: OfficerComplaintListQuery,
  offset: number,
  limit: number,
): Promise<Page<OfficerComplaintView>> {
  const dir = dirOf(q.order);
  const [rows, total] = await Promise.all([
    complaintFiltered(db, actor, q)
      .selectAll('officer_complaints')
      .select(['agencies.name as agency_name', 'users.display_name as handler_name'])
      .orderBy('officer_complaints.submitted_at', dir)
      .orderBy('officer_complaints.id', dir)
      .limit(limit)
      .offset(offset)
      .execute(),
    cappedCount(db, complaintFiltered(db, actor, q)),
  ]);
  return { items: rows.map(presentComplaint), ...total };
}

// ---- case reviews and officers (OVS-02) ----------------------------------------------------------

function reviewFiltered(db: Executor, actor: Actor, q: CaseReviewListQuery) {
  let query = reviewRows(db).where(scopeFilter(actor.scope, { agencyPath: 'case_reviews.agency_path' }));
  if (q.grade) query = query.where('case_reviews.grade', '=', q.grade);
  if (q.fileKind) query = query.where('case_reviews.file_kind', '=', q.fileKind);
  if (q.officerId)
    query = query.where('case_reviews.id', 'in', (eb) =>
      eb.selectFrom('case_review_officers').select('case_review_officers.review_id').where('case_review_officers.user_id', '=', q.officerId!),
    );
  if (q.q?.trim()) query = query.where(searchAny(['case_reviews.case_reference'], q.q));
  return query;
}

export async function reviewPage(db: Executor, actor: Actor, q: CaseReviewListQuery, offset: number, limit: number): Promise<Page<CaseReviewView>> {
  const dir = dirOf(q.order);
  const [rows, total] = await Promise.all([
    reviewFiltered(db, actor, q)
      .selectAll('case_reviews')
      .select(['agencies.name as agency_name', 'users.display_name as reviewer_name'])
      .orderBy(q.sort === 'total' ? 'case_reviews.total' : 'case_reviews.reviewed_at', dir)
      .orderBy('case_reviews.id', dir)
      .limit(limit)
      .offset(offset)
      .execute(),
    cappedCount(db, reviewFiltered(db, actor, q)),
  ]);
  const officers = await officersOfReviews(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentReview(r, officers.get(r.id) ?? [])), ...total };
}

const round1 = (n: number | string | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

/**
 * Average review totals per agency (the handling agency of each review) and per officer named in a review,
 * in the caller's scope, optionally between two dates (Beijing calendar, both included).
 */
export async function reviewSummary(db: Executor, actor: Actor, q: CaseReviewSummaryQuery): Promise<CaseReviewSummaryView> {
  assertCivilDate(q.from, 'from');
  assertCivilDate(q.to, 'to');
  let scoped = db.selectFrom('case_reviews').where(scopeFilter(actor.scope, { agencyPath: 'case_reviews.agency_path' }));
  if (q.from) scoped = scoped.where('case_reviews.reviewed_at', '>=', startOfChinaDay(q.from));
  if (q.to) scoped = scoped.where('case_reviews.reviewed_at', '<', endOfChinaDay(q.to));
  const failed = sql<number>`sum(case when case_reviews.grade = 'fail' then 1 else 0 end)`;
  const [agencies, officers] = await Promise.all([
    scoped
      .innerJoin('agencies', 'agencies.id', 'case_reviews.agency_id')
      .select((eb) => [
        'agencies.id as id',
        'agencies.name as name',
        eb.fn.countAll<number>().as('reviews'),
        eb.fn.avg<number>('case_reviews.total').as('average'),
        failed.as('failed'),
      ])
      .groupBy(['agencies.id', 'agencies.name', 'agencies.path'])
      .orderBy('agencies.path')
      .execute(),
    scoped
      .innerJoin('case_review_officers', 'case_review_officers.review_id', 'case_reviews.id')
      .innerJoin('users', 'users.id', 'case_review_officers.user_id')
      .innerJoin('agencies', 'agencies.id', 'case_review_officers.agency_id')
      .select((eb) => [
        'users.id as id',
        'users.display_name as name',
        'agencies.name as agency_name',
        eb.fn.countAll<number>().as('reviews'),
        eb.fn.avg<number>('case_reviews.total').as('average'),
        failed.as('failed'),
      ])
      .groupBy(['users.id', 'users.display_name', 'agencies.name'])
      .orderBy('users.display_name')
      .execute(),
  ]);
  return {
    agencies: agencies.map((a) => ({ agency: { id: a.id, name: a.name }, reviews: Number(a.reviews), average: round1(a.average), failed: Number(a.failed) })),
    officers: officers.map((o) => ({
      officer: { id: o.id, name: o.name },
      agencyName: o.agency_name,
      reviews: Number(o.reviews),
      average: round1(o.average),
      failed: Number(o.failed),
    })),
  };
}

/** Each officer's review count and average total (all reviews naming them). */
async function averagesOf(db: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return new Map<string, { reviews: number; average: number | null }>();
  const rows = await db
    .selectFrom('case_review_officers')
    .innerJoin('case_reviews', 'case_reviews.id', 'case_review_officers.review_id')
    .select((eb) => ['case_review_officers.user_id', eb.fn.countAll<number>().as('reviews'), eb.fn.avg<number>('case_reviews.total').as('average')])
    .where('case_review_officers.user_id', 'in', [...userIds])
    .groupBy('case_review_officers.user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, { reviews: Number(r.reviews), average: round1(r.average) }]));
}

async function rolesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', [...userIds])
    .orderBy('role')
    .execute();
  for (const r of rows) (out.get(r.user_id) ?? out.set(r.user_id, []).get(r.user_id)!).push(ROLE_LABELS[r.role as Role] ?? '工作人员');
  return out;
}

function certificationView(c: { certificateNo: string; certifiedUntil: string; active: boolean } | undefined, today: string) {
  return c ? { ...c, valid: c.active && c.certifiedUntil >= today } : null;
}

function officersFiltered(db: Executor, actor: Actor, q: OfficerListQuery) {
  let query = db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .where('users.kind', '=', 'staff')
    .where('users.disabled', '=', 0)
    .where(scopeFilter(actor.scope, { agencyPath: 'agencies.path' }));
  if (q.q?.trim()) query = query.where(searchAny(['users.display_name'], q.q));
  return query;
}

/** The staff of the caller's jurisdiction (执法人员) with certificate, roles and review average. */
export async function officerPage(db: Executor, actor: Actor, q: OfficerListQuery, now: Date, offset: number, limit: number): Promise<Page<OfficerRow>> {
  const dir = q.order === 'descend' ? 'desc' : 'asc';
  const [rows, total] = await Promise.all([
    officersFiltered(db, actor, q)
      .select(['users.id', 'users.display_name', 'agencies.id as agency_id', 'agencies.name as agency_name'])
      .orderBy('agencies.path')
      .orderBy('users.display_name', dir)
      .orderBy('users.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    cappedCount(db, officersFiltered(db, actor, q)),
  ]);
  const ids = rows.map((r) => r.id);
  const [certs, averages, roles] = await Promise.all([inspectorCertificates(db, ids), averagesOf(db, ids), rolesOf(db, ids)]);
  const today = chinaDateOf(now);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.display_name,
      agency: { id: r.agency_id, name: r.agency_name },
      roleLabels: roles.get(r.id) ?? [],
      certification: certificationView(certs.get(r.id), today),
      reviews: averages.get(r.id)?.reviews ?? 0,
      average: averages.get(r.id)?.average ?? null,
    })),
    ...total,
  };
}

/** How many entries of each part the file shows (newest first); the counts and averages cover everything. */
export const FILE_LIST_LIMIT = 100;

/**
 * The officer's enforcement file (执法档案, OVS-02; seed 001 §13 完善执法人员个人执法档案): the certificate from
 * the inspector directory (supervision), the case reviews naming them with their average, the interference
 * records they made (the officer approached is the one who records), and their training.
 */
export async function officerFile(deps: AppContext, actor: Actor, userId: string): Promise<OfficerFileView> {
  const db = deps.database.db;
  const officer = await loadOfficer(deps, actor, db, userId);
  const [certs, roles, averages, reviewRowsOf, interference, training, hours] = await Promise.all([
    inspectorCertificates(db, [officer.id]),
    rolesOf(db, [officer.id]),
    averagesOf(db, [officer.id]),
    reviewRows(db)
      .selectAll('case_reviews')
      .select(['agencies.name as agency_name', 'users.display_name as reviewer_name'])
      .where('case_reviews.id', 'in', (eb) =>
        eb.selectFrom('case_review_officers').select('case_review_officers.review_id').where('case_review_officers.user_id', '=', officer.id),
      )
      .orderBy('case_reviews.reviewed_at', 'desc')
      .limit(FILE_LIST_LIMIT)
      .execute(),
    interferenceRows(db)
      .selectAll('interference_records')
      .select(['agencies.name as agency_name', 'users.display_name as recorder_name'])
      .where('interference_records.recorded_by', '=', officer.id)
      .orderBy('interference_records.occurred_at', 'desc')
      .limit(FILE_LIST_LIMIT)
      .execute(),
    db
      .selectFrom('officer_training')
      .innerJoin('users', 'users.id', 'officer_training.recorded_by')
      .selectAll('officer_training')
      .select('users.display_name as recorder_name')
      .where('officer_training.user_id', '=', officer.id)
      .orderBy('officer_training.completed_on', 'desc')
      .orderBy('officer_training.id', 'desc')
      .limit(FILE_LIST_LIMIT)
      .execute(),
    db
      .selectFrom('officer_training')
      .select((eb) => eb.fn.sum<number>('hours').as('hours'))
      .where('user_id', '=', officer.id)
      .executeTakeFirst(),
  ]);
  const officers = await officersOfReviews(
    db,
    reviewRowsOf.map((r) => r.id),
  );
  return {
    officer: {
      id: officer.id,
      name: officer.display_name,
      agency: { id: officer.agency_id, name: officer.agency_name },
      roleLabels: roles.get(officer.id) ?? [],
    },
    certification: certificationView(certs.get(officer.id), chinaDateOf(deps.now())),
    reviews: {
      count: averages.get(officer.id)?.reviews ?? 0,
      average: averages.get(officer.id)?.average ?? null,
      items: reviewRowsOf.map((r) => presentReview(r, officers.get(r.id) ?? [])),
    },
    interference: interference.map(presentInterference),
    training: {
      totalHours: Number(hours?.hours ?? 0),
      items: training.map((t) => ({
        id: t.id,
        course: t.course,
        hours: Number(t.hours),
        completedOn: t.completed_on,
        recordedBy: { id: t.recorded_by, name: t.recorder_name },
        createdAt: t.created_at,
      })),
    },
  };
}
