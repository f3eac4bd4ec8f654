import type {
  AlertPage,
  AlertQuery,
  CaseListQuery,
  CasePage,
  CaseView,
  OfficerList,
  PublicPenaltyPage,
  PublicPenaltyQuery,
  ReferralList,
} from '@fep/contracts';
import {
  ALERT_KIND_LABELS,
  chinaDateOf,
  findItem,
  fineInWan,
  PARTY_CATEGORY_LABELS,
  PENALTY_OUTCOME_LABELS,
  publicPartyOf,
  REFERRAL_SOURCE_LABELS,
  REFERRAL_STATUS_LABELS,
  yuan,
} from '@fep/domain';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { EnforcementPublicGramTable } from '../../../db/schema/enforcement.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { cappedCount, pageWindow, searchAny } from '../../../platform/lists/lists.ts';
import { scopeFilter, scopeOf } from '../../../platform/org/scope.ts';
import type { Deps } from '../../../platform/transact.ts';
import { eligibleInspectors } from '../../inspections/index.ts';
import { loadCase, loadOwnCase, officersOf, partyMayRead } from '../cases.access.ts';
import { presentCase, presentCaseRow } from '../cases.presenter.ts';
import { discretionFor } from '../discretion.policy.ts';
import { rarestBigram } from '../public-search.ts';

/** One case as the workbench shows it (ENF-01 … ENF-07). */
export async function getCase(deps: Deps, actor: Actor, id: string): Promise<CaseView> {
  const db = deps.database.db;
  return presentCase(db, await loadCase(deps, actor, db, id), actor, deps.now());
}

/** The party's own case in the portal (ENF-04, ENF-06): once told of it. */
export async function getOwnCase(deps: Deps, actor: Actor, id: string): Promise<CaseView> {
  const db = deps.database.db;
  return presentCase(db, await loadOwnCase(deps, actor, db, id), actor, deps.now());
}

/** The cases of the jurisdiction, newest first, with search by number, party or USCI and a status filter. */
export async function listCases(deps: Deps, actor: Actor, query: CaseListQuery): Promise<CasePage> {
  const db = deps.database.db;
  const { page, pageSize, offset } = pageWindow(query);
  let q = db.selectFrom('enforcement_cases').where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_cases.agency_path' }));
  if (query.q?.trim())
    q = q.where(
      searchAny(['enforcement_cases.number', 'enforcement_cases.party_name', 'enforcement_cases.party_usci', 'enforcement_cases.decision_number'], query.q),
    );
  const statuses = query.status?.split(',').filter(Boolean);
  if (statuses?.length) q = q.where('status', 'in', statuses);
  // The officers' ids are a JSON array (jsonb on PostgreSQL): matched as text; a user id has no LIKE wildcard.
  if (query.mine && actor.userId) q = q.where(sql<string>`cast(${sql.ref('enforcement_cases.officer_ids_json')} as text)`, 'like', `%${actor.userId}%`);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', query.order === 'ascend' ? 'asc' : 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    cappedCount(db, q),
  ]);
  const today = chinaDateOf(deps.now());
  const conducts = new Map<string, string>();
  for (const r of rows) {
    if (conducts.has(`${r.region_code}:${r.violation_code}`)) continue;
    const { policy } = await discretionFor(db, r.region_code, today);
    conducts.set(`${r.region_code}:${r.violation_code}`, findItem(policy, r.violation_code)?.conduct ?? '');
  }
  return {
    items: rows.map((r) => presentCaseRow(r, (code) => conducts.get(`${r.region_code}:${code}`) ?? '')),
    ...count,
    page,
    pageSize,
  };
}

/** The party's cases in the portal: those it has been told of. */
export async function listOwnCases(deps: Deps, actor: Actor): Promise<CasePage> {
  const db = deps.database.db;
  const rows = actor.usci
    ? await db.selectFrom('enforcement_cases').selectAll().where('party_usci', '=', actor.usci).orderBy('created_at', 'desc').limit(100).execute()
    : [];
  const visible = rows.filter(partyMayRead);
  const today = chinaDateOf(deps.now());
  const items = [];
  for (const r of visible) {
    const { policy } = await discretionFor(db, r.region_code, today);
    items.push(presentCaseRow(r, (code) => findItem(policy, code)?.conduct ?? ''));
  }
  return { items, total: items.length, capped: false, page: 1, pageSize: 100 };
}

/** Referrals waiting for a case (an escalated order, a false commitment), for the officers of the jurisdiction. */
export async function listReferrals(deps: Deps, actor: Actor): Promise<ReferralList> {
  const db = deps.database.db;
  const rows = await db
    .selectFrom('enforcement_referrals')
    .leftJoin('enforcement_cases', 'enforcement_cases.referral_id', 'enforcement_referrals.id')
    .select([
      'enforcement_referrals.id',
      'enforcement_referrals.usci',
      'enforcement_referrals.subject_name',
      'enforcement_referrals.source_type',
      'enforcement_referrals.reason',
      'enforcement_referrals.status',
      'enforcement_referrals.created_at',
      'enforcement_cases.id as case_id',
    ])
    .where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_referrals.agency_path' }))
    .orderBy('enforcement_referrals.created_at', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      usci: r.usci,
      subjectName: r.subject_name,
      sourceLabel: REFERRAL_SOURCE_LABELS[r.source_type] ?? '其他移送',
      reason: r.reason,
      status: r.status,
      statusLabel: REFERRAL_STATUS_LABELS[r.status],
      caseId: r.case_id ?? null,
      createdAt: r.created_at,
    })),
  };
}

/**
 * Oversight alerts of the jurisdiction (OVS-01), newest first: the alerts raised by acts (a decision outside
 * the benchmark, acting outside jurisdiction) and every statutory clock now overdue (licensing,
 * verification, rectification, case decision).
 */
export async function listAlerts(deps: Deps, actor: Actor, query: AlertQuery): Promise<AlertPage> {
  const db = deps.database.db;
  const { page, pageSize, offset } = pageWindow(query);
  const scope = scopeOf(actor);
  const window = offset + pageSize;
  const wantActs = !query.kind || query.kind !== 'clock_overdue';
  const wantClocks = !query.kind || query.kind === 'clock_overdue';
  let acts = db
    .selectFrom('oversight_alerts')
    .innerJoin('agencies', 'agencies.id', 'oversight_alerts.agency_id')
    .where(scopeFilter(scope, { agencyPath: 'oversight_alerts.agency_path' }));
  if (query.kind && query.kind !== 'clock_overdue') acts = acts.where('oversight_alerts.kind', '=', query.kind);
  const clocks = db
    .selectFrom('clocks')
    .innerJoin('agencies', 'agencies.id', 'clocks.agency_id')
    .where(scopeFilter(scope, { agencyPath: 'clocks.agency_path' }))
    .where('clocks.status', '=', 'running')
    .where('clocks.due_at', '<', deps.now().toISOString());
  const [actRows, actCount, clockRows, clockCount] = await Promise.all([
    wantActs
      ? acts
          .select([
            'oversight_alerts.id',
            'oversight_alerts.kind',
            'oversight_alerts.target_type',
            'oversight_alerts.target_id',
            'oversight_alerts.message',
            'oversight_alerts.raised_at',
            'agencies.name as agency_name',
          ])
          .orderBy('oversight_alerts.raised_at', 'desc')
          .limit(window)
          .execute()
      : [],
    wantActs ? acts.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst() : { n: 0 },
    wantClocks
      ? clocks
          .select(['clocks.id', 'clocks.target_type', 'clocks.target_id', 'clocks.title', 'clocks.due_at', 'clocks.due_date', 'agencies.name as agency_name'])
          .orderBy('clocks.due_at', 'desc')
          .limit(window)
          .execute()
      : [],
    wantClocks ? clocks.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst() : { n: 0 },
  ]);
  const targetLabel = (type: string) => TARGET_LABELS[type] ?? '执法事项';
  const merged = [
    ...actRows.map((a) => ({
      id: a.id,
      kind: a.kind,
      kindLabel: ALERT_KIND_LABELS[a.kind] ?? '执法监督预警',
      targetType: a.target_type,
      targetId: a.target_id,
      targetLabel: targetLabel(a.target_type),
      message: a.message,
      agencyName: a.agency_name,
      raisedAt: a.raised_at,
    })),
    ...clockRows.map((c) => ({
      id: `clock:${c.id}`,
      kind: 'clock_overdue',
      kindLabel: ALERT_KIND_LABELS.clock_overdue!,
      targetType: c.target_type,
      targetId: c.target_id,
      targetLabel: targetLabel(c.target_type),
      message: `${c.title}：已于 ${c.due_date ?? chinaDateOf(c.due_at!)} 到期`,
      agencyName: c.agency_name,
      raisedAt: c.due_at!,
    })),
  ].sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.id < b.id ? 1 : -1));
  return { items: merged.slice(offset, offset + pageSize), total: Number(actCount?.n ?? 0) + Number(clockCount?.n ?? 0), page, pageSize };
}

const TARGET_LABELS: Record<string, string> = {
  enforcement_case: '行政处罚案件',
  enforcement_seal: '临时查封',
  seal_request: '查封相关申请',
  application: '许可申请',
  inspection_task: '检查任务',
  rectification_order: '责令改正通知',
  user: '执法人员',
  clock: '办理时限',
};

/**
 * 行政处罚公示 (ENF-07): published decisions within their publicity period and not withdrawn, in the national
 * record's fields; a person's name and ID number masked; fines in 万元.
 *
 * At province scale (bench/penalties.ts, 100,000 decisions) the page is read in two steps: the ids of the page
 * from the partial index `enforcement_cases_public` alone (its order, publicity date and region; migration
 * 0242), then those rows with their agency; the total is counted up to COUNT_CAP (共 10000+ 条). A full USCI
 * or decision number is looked up by equality on its index; other text is a contains-search of names and
 * numbers (a scan, bounded by the cap).
 */
export async function publicPenalties(deps: Deps, query: PublicPenaltyQuery): Promise<PublicPenaltyPage> {
  const db = deps.database.db;
  const today = chinaDateOf(deps.now());
  const { page, pageSize, offset } = pageWindow(query);
  const text = query.q?.trim();
  // Part of a name or number (ENF-07): the decisions holding the query's rarest bigram, newest first from the
  // search index (migration 0253), then the same contains-test as without it. A one-character query scans.
  const contains = text && !USCI.test(text) && !DECISION_NUMBER.test(text) ? text : null;
  const rarest = contains ? await rarestBigram(db, contains) : null;
  let q = (
    rarest
      ? db.selectFrom('enforcement_public_grams as g').innerJoin('enforcement_cases', 'enforcement_cases.id', 'g.case_id').where('g.gram', '=', rarest.gram)
      : db.selectFrom('enforcement_cases')
  )
    .where('enforcement_cases.withdrawn_at', 'is', null)
    .where('enforcement_cases.published_at', 'is not', null)
    .where('enforcement_cases.publicity_until', '>=', today) as SelectQueryBuilder<DB & { g: EnforcementPublicGramTable }, 'enforcement_cases' | 'g', object>;
  for (const other of rarest?.others ?? [])
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enforcement_public_grams as g2')
          .select(sql<number>`1`.as('one'))
          .where('g2.gram', '=', other)
          .whereRef('g2.published_at', '=', 'g.published_at')
          .whereRef('g2.case_id', '=', 'g.case_id'),
      ),
    );
  if (query.region) q = q.where('enforcement_cases.region_code', 'like', `${query.region}%`);
  if (text) {
    if (USCI.test(text)) q = q.where('enforcement_cases.party_usci', '=', text);
    else if (DECISION_NUMBER.test(text)) q = q.where('enforcement_cases.decision_number', '=', text);
    else {
      // A person's name is shown masked: searching by it would tell who was penalised, so names are searched for units only.
      q = q.where((eb) =>
        eb.or([
          searchAny(['enforcement_cases.decision_number', 'enforcement_cases.party_usci'], text),
          eb.and([eb('enforcement_cases.party_kind', '=', 'unit'), searchAny(['enforcement_cases.party_name'], text)]),
        ]),
      );
    }
  }
  // Through the index the page is read in the index's order (the same published_at and id): no sort.
  const ids = (
    rarest
      ? q.select('enforcement_cases.id').orderBy('g.published_at', 'desc').orderBy('g.case_id', 'desc')
      : q.select('enforcement_cases.id').orderBy('enforcement_cases.published_at', 'desc').orderBy('enforcement_cases.id', 'desc')
  )
    .limit(pageSize)
    .offset(offset);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('enforcement_cases')
      .innerJoin('agencies', 'agencies.id', 'enforcement_cases.agency_id')
      .select([
        'enforcement_cases.id',
        'enforcement_cases.party_kind',
        'enforcement_cases.party_name',
        'enforcement_cases.party_usci',
        'enforcement_cases.party_id_number',
        'enforcement_cases.decision_number',
        'enforcement_cases.violation_code',
        'enforcement_cases.region_code',
        'enforcement_cases.facts',
        'enforcement_cases.outcome',
        'enforcement_cases.fine',
        'enforcement_cases.decided_on',
        'enforcement_cases.publicity_until',
        'enforcement_cases.published_at',
        'agencies.name as agency_name',
      ])
      .where('enforcement_cases.id', 'in', ids)
      .orderBy('enforcement_cases.published_at', 'desc')
      .orderBy('enforcement_cases.id', 'desc')
      .execute(),
    cappedCount(db, q as unknown as SelectQueryBuilder<DB, 'enforcement_cases', object>),
  ]);
  // One benchmark per region on the page (resolved policies are cached per process, so this is a map lookup).
  const policies = new Map<string, Awaited<ReturnType<typeof discretionFor>>['policy']>();
  for (const code of new Set(rows.map((r) => r.region_code))) policies.set(code, (await discretionFor(db, code, today)).policy);
  const items = rows.map((r) => {
    const item = findItem(policies.get(r.region_code)!, r.violation_code);
    const party = publicPartyOf({ kind: r.party_kind, name: r.party_name, usci: r.party_usci, idNumber: r.party_id_number });
    const outcome = r.outcome ?? 'warning';
    return {
      id: r.id,
      partyName: party.name,
      partyCategory: PARTY_CATEGORY_LABELS[r.party_kind],
      usci: party.usci,
      idNumber: party.idNumber,
      decisionNumber: r.decision_number ?? '',
      violationType: item?.conduct ?? '消防违法行为',
      // The facts as written may name people; the public record carries the violation, not the narrative of a person.
      facts: r.party_kind === 'unit' ? r.facts : `${item?.conduct ?? '消防违法行为'}`,
      basis: item ? `${item.law}${item.provision}` : '',
      category: PENALTY_OUTCOME_LABELS[outcome],
      content: outcome === 'fine' ? `罚款人民币 ${yuan(r.fine ?? 0)} 元` : '警告',
      fineWan: outcome === 'fine' ? fineInWan(r.fine ?? 0) : null,
      decisionDate: r.decided_on ?? '',
      publicityUntil: r.publicity_until ?? '',
      agency: r.agency_name,
    };
  });
  return { items, total: count.total, capped: count.capped, page, pageSize };
}

/** Certified officers who may take a case of the caller's agency: its own and those above it (OfficerList). */
export async function listOfficers(deps: Deps, actor: Actor): Promise<OfficerList> {
  if (!actor.agencyPath) return { items: [] };
  const rows = await eligibleInspectors(deps.database.db, actor.agencyPath, chinaDateOf(deps.now()));
  return { items: rows.map((r) => ({ userId: r.userId, name: r.name, agencyName: r.agencyName })) };
}

/** Staff of the case's agency and those above it who did not investigate it: who may host its hearing (art. 64 (4)). */
export async function listHearingHosts(deps: Deps, actor: Actor, caseId: string): Promise<OfficerList> {
  const db = deps.database.db;
  const c = await loadCase(deps, actor, db, caseId);
  const chain = c.agency_path.split('/').filter(Boolean);
  const officers = officersOf(c);
  const rows = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'agencies.name as agency_name'])
    .where('users.kind', '=', 'staff')
    .where('users.disabled', '=', 0)
    .where('users.agency_id', 'in', chain.length ? chain : ['-'])
    .orderBy('users.display_name')
    .limit(200)
    .execute();
  return { items: rows.filter((r) => !officers.includes(r.id)).map((r) => ({ userId: r.id, name: r.display_name, agencyName: r.agency_name })) };
}
/** A whole USCI (GB 32100) or a whole decision number (……〔2026〕第0001号): looked up by equality. */
const USCI = /^[0-9A-HJ-NP-RT-UW-Y]{18}$/;
const DECISION_NUMBER = /〔\d{4}〕第?\d+号$/;
