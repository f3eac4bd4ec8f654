import type { CaseRow, CaseView } from '@fep/contracts';
import {
  addWorkingDays,
  CASE_ACTION_LABELS,
  CASE_DOCUMENT_KIND_LABELS,
  CASE_DOCUMENT_PURPOSE,
  CASE_DOCUMENT_STATUS_LABELS,
  CASE_PROCEDURE_LABELS,
  CASE_RECORD_ACTION_LABELS,
  CASE_STATUS_LABELS,
  type CaseAction,
  type CaseStatus,
  caseActionsFrom,
  caseDocumentStatus,
  chinaDateOf,
  type EnforcementProcedurePolicy,
  EVIDENCE_KIND_LABELS,
  findItem,
  hasPermission,
  maskIdNumber,
  PARTY_CATEGORY_LABELS,
  PENALTY_OUTCOME_LABELS,
  RECUSAL_STATUS_LABELS,
  recusalOpen,
  SEAL_STATUS_LABELS,
  SERVICE_METHOD_LABELS,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { EnforcementCase, EnforcementDocument } from '../../db/schema/enforcement.ts';
import type { Actor } from '../../platform/actor.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import { dueViews } from '../../platform/clocks/due.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { isOfficerOf, officersOf } from './cases.access.ts';
import { discretionFor } from './discretion.policy.ts';
import { CASE_CIRCUMSTANCES, CASE_PROPOSAL } from './enforcement.columns.ts';
import { type PaymentTerms, paymentOf, paymentTermsOf } from './payment-terms.ts';
import { procedureFor } from './procedure.policy.ts';

type Outcome = keyof typeof PENALTY_OUTCOME_LABELS;

/** The hearing request deadline of a served notice: the policy's working days on the region's calendar (art. 64 (1), art. 85). */
export async function hearingDeadlineOf(db: Executor, c: EnforcementCase, policy: EnforcementProcedurePolicy): Promise<string | null> {
  if (!c.notice_served_on || c.hearing_eligible !== 1) return null;
  return addWorkingDays(await loadCalendar(db, c.region_code), c.notice_served_on, policy.hearingRequestWorkingDays).date;
}

/** Whether the law asks for legal review before this case's decision (art. 58; the scope is policy). */
export function reviewRequired(c: EnforcementCase, policy: EnforcementProcedurePolicy): boolean {
  if (c.procedure === 'on_the_spot') return false;
  return policy.legalReviewScope === 'all_ordinary' || c.hearing_eligible === 1;
}

/** The steps the caller may take now, by status, role and whether the caller is one of the case officers. */
export function actionsFor(
  c: EnforcementCase,
  actor: Actor,
  policy: EnforcementProcedurePolicy,
  terms?: PaymentTerms,
  pendingRecusals = false,
): CaseView['actions'] {
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(actor.roles, p);
  const officer = isOfficerOf(c, actor);
  const status = c.status as CaseStatus;
  const allowed = new Set<string>();
  for (const a of caseActionsFrom(status)) {
    switch (a) {
      case 'file':
      case 'decline_filing':
      case 'revoke':
        if (can('enforcement:case:decide')) allowed.add(a);
        break;
      case 'decide':
        if (can('enforcement:case:decide') && !officer) allowed.add(a);
        break;
      case 'review_pass':
      case 'review_return':
        if (can('enforcement:case:review') && !officer) allowed.add(a);
        break;
      case 'decide_on_the_spot':
        if (officer && c.procedure === 'on_the_spot') allowed.add(a);
        break;
      case 'serve_notice':
        if (officer && c.procedure !== 'on_the_spot') allowed.add(a);
        break;
      case 'submit_decision':
        if (officer && !reviewRequired(c, policy)) allowed.add(a);
        break;
      case 'transfer':
        if (can('enforcement:case:decide')) allowed.add(a);
        break;
      case 'close':
        break;
      default:
        if (officer) allowed.add(a);
    }
  }
  const out: CaseView['actions'] = [...allowed].map((a) => ({ action: a, label: CASE_ACTION_LABELS[a as CaseAction] }));
  if (officer && status === 'investigating') out.push({ action: 'evidence', label: CASE_RECORD_ACTION_LABELS.evidence });
  if (status === 'awaiting_decision' && can('enforcement:case:decide') && !officer && !c.discussion_held_on)
    out.push({ action: 'collective_discussion', label: CASE_RECORD_ACTION_LABELS.collective_discussion });
  if (officer && (status === 'notice_served' || status === 'heard')) out.push({ action: 'statement', label: CASE_RECORD_ACTION_LABELS.statement });
  if (status === 'served' && c.outcome === 'fine' && !c.paid_on && can('enforcement:payment:record'))
    out.push({ action: 'payment', label: CASE_RECORD_ACTION_LABELS.payment });
  // 临时查封 of the party's premises (ENF-05), proposed by an officer of the case from its page.
  if (officer && c.party_kind === 'unit' && c.party_usci && !['closed', 'revoked', 'not_filed', 'transferred'].includes(status))
    out.push({ action: 'propose_seal', label: CASE_RECORD_ACTION_LABELS.propose_seal });
  if (recusalOpen(status)) {
    if (officer) out.push({ action: 'recusal_request', label: CASE_RECORD_ACTION_LABELS.recusal_request });
    if (pendingRecusals && can('enforcement:case:decide')) out.push({ action: 'recusal_decision', label: CASE_RECORD_ACTION_LABELS.recusal_decision });
  }
  if (status === 'served' && c.outcome === 'fine' && !c.paid_on && terms) {
    if (terms.pending && can('enforcement:case:decide')) out.push({ action: 'payment_plan_decision', label: CASE_RECORD_ACTION_LABELS.payment_plan_decision });
    if (can('enforcement:case:handle')) {
      const open = terms.remedies.some((r) => r.ended_on === null);
      out.push(
        open
          ? { action: 'remedy_end', label: CASE_RECORD_ACTION_LABELS.remedy_end }
          : { action: 'remedy_start', label: CASE_RECORD_ACTION_LABELS.remedy_start },
      );
    }
  }
  return out;
}

/**
 * Whether the party has been told of a document (ENF-04): a notice when it is served (the act that records
 * it); a decision once it is served (art. 61), or at once on the spot, where it is handed over (art. 52).
 */
export function partyMaySee(c: Pick<EnforcementCase, 'served_on' | 'procedure'>, d: Pick<EnforcementDocument, 'kind'>): boolean {
  return d.kind === 'notice' || d.kind === 'hearing_notice' || c.served_on !== null || c.procedure === 'on_the_spot';
}

/** The case's documents in the order of the acts, each with the caller's own download route. */
async function caseDocumentsOf(db: Executor, c: EnforcementCase, actor: Actor): Promise<CaseView['documents']> {
  const party = actor.kind === 'applicant';
  const rows = await db.selectFrom('enforcement_documents').selectAll().where('case_id', '=', c.id).orderBy('created_at').orderBy('id').execute();
  const lastNotice = rows.filter((d) => d.kind === 'notice').at(-1);
  const lastHearingNotice = rows.filter((d) => d.kind === 'hearing_notice').at(-1);
  return rows
    .filter((d) => !party || partyMaySee(c, d))
    .map((d) => {
      const status = caseDocumentStatus({
        kind: d.kind,
        decisionRevoked: c.revoked_at !== null,
        newerNotice: (d.kind === 'notice' && d !== lastNotice) || (d.kind === 'hearing_notice' && d !== lastHearingNotice),
      });
      return {
        id: d.id,
        kindLabel: CASE_DOCUMENT_KIND_LABELS[d.kind],
        number: d.number,
        issuedOn: d.issued_on,
        downloadUrl: party ? `/api/v1/portal/penalties/${c.id}/documents/${d.id}/pdf` : `/api/v1/enforcement/documents/${d.id}/pdf`,
        purpose: CASE_DOCUMENT_PURPOSE[d.kind],
        verifyCode: d.verify_code,
        statusLabel: CASE_DOCUMENT_STATUS_LABELS[status],
        valid: status === 'valid',
      };
    });
}

export async function presentCase(db: Executor, c: EnforcementCase, actor: Actor, now: Date): Promise<CaseView> {
  const today = chinaDateOf(now);
  const agency = await agencyById(db, c.agency_id);
  if (!agency) throw new Error(`agency ${c.agency_id} of case ${c.id} not found`);
  const { policy } = await procedureFor(db, agency, today);
  const { policy: discretion } = await discretionFor(db, c.region_code, today);
  const item = findItem(discretion, c.violation_code);
  const officerIds = officersOf(c);
  const people = [...officerIds, c.hearing_host_id, c.reviewer_id].filter((x): x is string => !!x);
  const names = new Map(
    people.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', people).execute()).map((u) => [u.id, u.display_name]) : [],
  );
  const history = await db
    .selectFrom('enforcement_cases')
    .select(['id', 'number', 'violation_code', 'decided_on', 'outcome'])
    .where('id', '!=', c.id)
    .where(c.party_kind === 'unit' ? 'party_usci' : 'party_id_number', '=', (c.party_kind === 'unit' ? c.party_usci : c.party_id_number) ?? '-')
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const evidence = await db.selectFrom('enforcement_evidence').selectAll().where('case_id', '=', c.id).orderBy('recorded_at').execute();
  let due: CaseView['due'] = null;
  if (c.clock_id) {
    const clock = await db.selectFrom('clocks').selectAll().where('id', '=', c.clock_id).executeTakeFirst();
    const view = clock ? (await dueViews(db, [clock], now)).get(clock.id) : undefined;
    if (view) due = { dueDate: view.dueDate, label: view.label, alert: view.alert };
  }
  const documents = await caseDocumentsOf(db, c, actor);
  const terms = await paymentTermsOf(db, c.id);
  const recusals = await recusalsOf(db, c);
  const outcome = (o: string | null) => (o ? PENALTY_OUTCOME_LABELS[o as Outcome] : null);
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status as CaseStatus] ?? '办理中',
    procedure: c.procedure,
    procedureLabel: CASE_PROCEDURE_LABELS[c.procedure],
    version: c.version,
    agency: { id: agency.id, name: agency.name, regionCode: agency.region_code },
    party: {
      kind: c.party_kind,
      kindLabel: PARTY_CATEGORY_LABELS[c.party_kind],
      name: c.party_name,
      usci: c.party_usci,
      idNumber: c.party_id_number ? maskIdNumber(c.party_id_number) : null,
    },
    violation: { code: c.violation_code, conduct: item?.conduct ?? '（该违法行为已不在现行裁量基准中）', provision: item?.provision ?? '' },
    facts: c.facts,
    occurredOn: c.occurred_on,
    circumstances: CASE_CIRCUMSTANCES.decode(c.circumstances_json) ?? {},
    proposal: CASE_PROPOSAL.decode(c.proposal_json)!,
    officers: officerIds.map((id) => ({ userId: id, name: names.get(id) ?? '（已停用的用户）' })),
    recusals,
    referralId: c.referral_id,
    history: history.map((h) => ({ id: h.id, number: h.number, violationCode: h.violation_code, decidedOn: h.decided_on, outcomeLabel: outcome(h.outcome) })),
    notice:
      c.notice_served_on && c.notice_outcome
        ? {
            servedOn: c.notice_served_on,
            outcome: c.notice_outcome,
            outcomeLabel: PENALTY_OUTCOME_LABELS[c.notice_outcome],
            fine: c.notice_fine,
            hearingEligible: c.hearing_eligible === 1,
            hearingDeadline: await hearingDeadlineOf(db, c, policy),
          }
        : null,
    statement: c.statement,
    discussion:
      c.discussion_held_on && c.discussion_participants && c.discussion_conclusion
        ? { heldOn: c.discussion_held_on, participants: c.discussion_participants, conclusion: c.discussion_conclusion }
        : null,
    transfer: c.transferred_to ? { to: c.transferred_to, reason: c.transfer_reason ?? '' } : null,
    hearing: c.hearing_requested_at
      ? {
          requestedAt: c.hearing_requested_at,
          hostName: c.hearing_host_id ? (names.get(c.hearing_host_id) ?? null) : null,
          hearingAt: c.hearing_at,
          place: c.hearing_place,
          heldOn: c.hearing_held_on,
          transcript: c.hearing_transcript,
        }
      : null,
    review:
      c.reviewer_id || c.review_opinion
        ? { reviewerName: c.reviewer_id ? (names.get(c.reviewer_id) ?? null) : null, passedAt: c.review_passed_at, opinion: c.review_opinion }
        : null,
    decision:
      c.outcome && c.decided_on
        ? {
            outcome: c.outcome,
            outcomeLabel: PENALTY_OUTCOME_LABELS[c.outcome],
            fine: c.fine,
            number: c.decision_number,
            decidedOn: c.decided_on,
            deviationReason: c.deviation_reason,
          }
        : null,
    deviation: c.deviation === 1,
    service:
      c.service_method && c.served_on
        ? { method: c.service_method, methodLabel: SERVICE_METHOD_LABELS[c.service_method], servedOn: c.served_on, trackingNumber: c.service_tracking_number }
        : null,
    payment: paymentOf(c, policy, today, terms),
    seal: await latestSealOf(db, c.id),
    publicity: c.published_at && c.publicity_until ? { publishedAt: c.published_at, until: c.publicity_until, withdrawnAt: c.withdrawn_at } : null,
    revocation: c.revoked_at ? { revokedAt: c.revoked_at, reason: c.revocation_reason ?? '' } : null,
    evidence: evidence.map((e) => ({
      id: e.id,
      fileId: e.file_id,
      sha256: e.sha256,
      kind: e.kind,
      kindLabel: EVIDENCE_KIND_LABELS[e.kind],
      description: e.description,
      recordedAt: e.recorded_at,
    })),
    documents,
    due,
    actions: actionsFor(
      c,
      actor,
      policy,
      terms,
      recusals.some((r) => r.status === 'requested'),
    ),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** The case's latest temporary seal (ENF-05), once it has a term: its dates and status in words. */
async function latestSealOf(db: Executor, caseId: string): Promise<CaseView['seal']> {
  const s = await db
    .selectFrom('enforcement_seals')
    .select(['id', 'start_date', 'end_date', 'status'])
    .where('case_id', '=', caseId)
    .where('start_date', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!s?.start_date || !s.end_date) return null;
  return { id: s.id, startDate: s.start_date, endDate: s.end_date, status: s.status, statusLabel: SEAL_STATUS_LABELS[s.status] };
}

export function presentCaseRow(c: EnforcementCase, conduct: (code: string) => string): CaseRow {
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status as CaseStatus] ?? '办理中',
    procedureLabel: CASE_PROCEDURE_LABELS[c.procedure],
    partyName: c.party_name,
    violationCode: c.violation_code,
    conduct: conduct(c.violation_code),
    deviation: c.deviation === 1,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** The case's recusal requests for its view, with names. */
async function recusalsOf(db: Executor, c: EnforcementCase): Promise<CaseView['recusals']> {
  const rows = await db.selectFrom('enforcement_recusal_requests').selectAll().where('case_id', '=', c.id).orderBy('requested_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.officer_user_id, r.replacement_officer_id]).filter((x): x is string => !!x))];
  const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((u) => [u.id, u.display_name]));
  return rows.map((r) => ({
    id: r.id,
    officerUserId: r.officer_user_id,
    officerName: names.get(r.officer_user_id) ?? '（已停用的用户）',
    reason: r.reason,
    status: r.status,
    statusLabel: RECUSAL_STATUS_LABELS[r.status],
    requestedAt: r.requested_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    replacementName: r.replacement_officer_id ? (names.get(r.replacement_officer_id) ?? null) : null,
  }));
}
