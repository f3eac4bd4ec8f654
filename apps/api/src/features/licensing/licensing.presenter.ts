import type { ApplicationSummaryView, ApplicationView, IntakeDocumentView, LicenceRevocationView, LicenceView, TaskView } from '@fep/contracts';
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
  allowedActions,
  hasPermission,
  INTAKE_DOCUMENT_KIND_LABELS,
  INTAKE_DOCUMENT_PURPOSE,
  INTAKE_DOCUMENT_STATUS_LABELS,
  LICENCE_STATUS_LABELS,
  type LicenceStatus,
  type LicensingPath,
  maskPersonalText,
  maskPersonName,
  maskPhone,
  type Permission,
  type Role,
  TASK_PURPOSE_LABELS,
  VENUE_KIND_LABELS,
  type VenueKind,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ApplicationDocumentTable, ApplicationTable, ClockTable, InspectionTaskTable, LicenceTable } from '../../db/schema.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { CHECKLIST, inspectorIdsOf } from '../inspections/index.ts';
import { APPOINTMENT, COMMITMENT, DECISION, DELIVERY, EXEMPTION, MATERIALS, NOTICE_ITEMS, PENDING, POLICY_VERSIONS, REVOCATION } from './licensing.columns.ts';

/** Who may take each action (the same permissions the routes declare). */
const ACTION_PERMISSION: Record<ApplicationAction, Permission> = {
  submit: 'licensing:application:submit',
  resubmit: 'licensing:application:submit',
  withdraw: 'licensing:application:submit',
  issue_notice: 'licensing:application:intake',
  reject_at_intake: 'licensing:application:intake',
  accept: 'licensing:application:intake',
  assign_inspection: 'licensing:inspection:assign',
  record_inspection: 'licensing:inspection:record',
  legal_review_pass: 'licensing:application:review',
  legal_review_return: 'licensing:application:review',
  decide: 'licensing:application:decide',
};

export { presentClock };

/**
 * A permit. `masked`: the public view (legal representative masked, no delivery, application or policy);
 * `list` (and `masked`): ID and mobile numbers typed into its free text are masked (PIPL art. 51, DESIGN §4).
 */
export function presentLicence(l: LicenceTable, opts: { masked?: boolean; list?: boolean } = {}): LicenceView {
  const text = opts.masked || opts.list ? maskPersonalText : <T>(s: T) => s;
  const revocation = revocationOf(l, opts.masked === true);
  return {
    id: l.id,
    number: l.number,
    revision: l.revision,
    verifyCode: l.verify_code,
    status: l.status,
    statusLabel: LICENCE_STATUS_LABELS[l.status as LicenceStatus],
    holder: text(l.holder_name),
    usci: l.usci,
    legalRepresentative: opts.masked ? maskPersonName(l.legal_representative) : l.legal_representative,
    venue: text(l.venue_name),
    venueAddress: text(l.venue_address),
    venueKind: l.venue_kind,
    venueKindLabel: VENUE_KIND_LABELS[l.venue_kind as VenueKind] ?? l.venue_kind,
    floorArea: l.floor_area,
    path: l.path,
    issuedAt: l.issued_on,
    supersededBy: l.superseded_by,
    revokedAt: l.revoked_at,
    revocation: revocation ? { ...revocation, reason: text(revocation.reason) } : null,
    delivery: opts.masked ? null : DELIVERY.decode(l.delivery_json),
    ...(opts.masked ? {} : { applicationId: l.application_id, policyVersion: l.policy_version }),
  };
}

/** The revocation of a permit; the public sees its reason and legal basis, not who revoked it. */
function revocationOf(l: LicenceTable, masked: boolean): LicenceRevocationView | null {
  const r = REVOCATION.decode(l.revocation_json);
  return r && masked ? { reason: r.reason, legalBasis: r.legalBasis } : r;
}

/** The new values of a change request as a list shows them: ID and mobile numbers typed into them masked. */
export function maskedChanges(changes: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, typeof v === 'string' ? maskPersonalText(v) : v]));
}

const PURPOSE_LABELS: Record<string, string> = TASK_PURPOSE_LABELS;

/** An inspection task; on a list (`list`) ID and mobile numbers typed into its free text are masked. */
export function presentTask(t: InspectionTaskTable, names: Map<string, string>, opts: { list?: boolean } = {}): TaskView {
  const ids = inspectorIdsOf(t);
  const text = opts.list ? maskPersonalText : <T>(s: T) => s;
  const checklist = CHECKLIST.decode(t.checklist_json) as TaskView['checklist'];
  return {
    id: t.id,
    purpose: t.purpose,
    purposeLabel: PURPOSE_LABELS[t.purpose] ?? t.purpose,
    planId: t.plan_id,
    orderId: t.order_id,
    reason: text(t.trigger_reason),
    mode: t.mode,
    applicationId: t.application_id,
    licenceId: t.licence_id,
    usci: t.usci,
    subject: text(t.subject_name),
    venueAddress: text(t.venue_address),
    status: t.status,
    statusLabel: { unassigned: '待指派', assigned: '待检查', done: '已完成', cancelled: '已取消' }[t.status],
    inspectors: ids.map((id) => ({ id, name: names.get(id) ?? id })),
    appointmentAt: t.appointment_at,
    offHours: t.off_hours === 1,
    checklist: checklist && opts.list ? checklist.map((i) => (i.note ? { ...i, note: maskPersonalText(i.note) } : i)) : checklist,
    result: t.result,
    findings: text(t.findings),
    clockId: t.clock_id,
    completedAt: t.completed_at,
  };
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** An application for the list (personal data masked, also ID and mobile numbers typed into its names). */
export function presentApplicationSummary(a: ApplicationTable): ApplicationSummaryView {
  return {
    id: a.id,
    referenceNo: a.reference_no,
    status: a.status,
    statusLabel: APPLICATION_STATUS_LABELS[a.status as ApplicationStatus],
    path: a.path,
    companyName: maskPersonalText(a.company_name),
    usci: a.usci,
    venueName: maskPersonalText(a.venue_name),
    venueKind: a.venue_kind,
    venueKindLabel: VENUE_KIND_LABELS[a.venue_kind as VenueKind] ?? a.venue_kind,
    floorArea: a.floor_area,
    regionCode: a.region_code,
    contactName: maskPersonName(a.contact_name),
    contactPhone: maskPhone(a.contact_phone),
    submittedAt: a.submitted_at,
    updatedAt: a.updated_at,
    clockId: a.clock_id,
    licenceId: a.licence_id,
  };
}

/** The whole application with its clock, notices, tasks, licence and what the caller may do next. */
/**
 * The full view of an application. `created` is a just-created application with the clock it started:
 * nothing else can exist yet (notices, tasks, licence, clock events), so the view is built from the rows
 * just written without reading them back.
 */
export async function presentApplication(
  db: Executor,
  a: ApplicationTable,
  roles: readonly Role[],
  nowIso: string,
  created?: { clock: ClockTable | null },
): Promise<ApplicationView> {
  const [clock, notices, tasks, licence] = created
    ? [created.clock ?? undefined, [], [], undefined]
    : await Promise.all([
        a.clock_id ? db.selectFrom('clocks').selectAll().where('id', '=', a.clock_id).executeTakeFirst() : Promise.resolve(undefined),
        db.selectFrom('application_notices').selectAll().where('application_id', '=', a.id).orderBy('seq').execute(),
        db.selectFrom('inspection_tasks').selectAll().where('application_id', '=', a.id).orderBy('created_at').execute(),
        a.licence_id ? db.selectFrom('licences').selectAll().where('id', '=', a.licence_id).executeTakeFirst() : Promise.resolve(undefined),
      ]);
  const names = await userNames(db, [...new Set(tasks.flatMap((t) => inspectorIdsOf(t)))]);
  const actions = allowedActions(a.status as ApplicationStatus, a.path as LicensingPath).filter((act) => hasPermission(roles, ACTION_PERMISSION[act]));
  return {
    ...presentApplicationSummary(a),
    companyName: a.company_name,
    venueName: a.venue_name,
    legalRepresentative: a.legal_representative,
    contactName: a.contact_name,
    contactPhone: a.contact_phone,
    venueAddress: a.venue_address,
    investment: a.investment,
    agencyId: a.agency_id,
    materials: MATERIALS.decode(a.materials_json) ?? {},
    pendingDocuments: PENDING.decode(a.pending_json) ?? [],
    commitment: COMMITMENT.decode(a.commitment_json),
    appointmentPreference: APPOINTMENT.decode(a.appointment_json),
    exemption: EXEMPTION.decode(a.exemption_json),
    policyVersions: POLICY_VERSIONS.decode(a.policy_json) ?? {},
    decision: DECISION.decode(a.decision_json),
    acceptedAt: a.accepted_at,
    decidedAt: a.decided_at,
    version: a.version,
    clock: await presentClock(db, clock, nowIso, { justStarted: created !== undefined }),
    notices: notices.map((n) => ({
      seq: n.seq,
      items: NOTICE_ITEMS.decode(n.items_json) ?? [],
      issuedAt: n.issued_at,
      resolvedAt: n.resolved_at,
    })),
    tasks: tasks.map((t) => presentTask(t, names)),
    licence: licence ? presentLicence(licence) : null,
    allowedActions: actions.map((act) => ({ action: act, label: APPLICATION_ACTION_LABELS[act] })),
  };
}

/** An intake document as listed to the applicant and the staff (and in 办件查询). */
export function presentIntakeDocument(d: ApplicationDocumentTable): IntakeDocumentView {
  return {
    id: d.id,
    kind: d.kind,
    title: INTAKE_DOCUMENT_KIND_LABELS[d.kind],
    purpose: INTAKE_DOCUMENT_PURPOSE[d.kind],
    number: d.number,
    issuedOn: d.issued_on,
    verifyCode: d.verify_code,
    statusLabel: INTAKE_DOCUMENT_STATUS_LABELS[d.status],
  };
}
