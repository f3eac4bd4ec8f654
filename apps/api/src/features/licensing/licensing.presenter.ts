import type { ApplicationSummaryView, ApplicationView, LicenceDeliveryView, LicenceRevocationView, LicenceView, TaskView } from '@fep/contracts';
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
  allowedActions,
  hasPermission,
  LICENCE_STATUS_LABELS,
  type LicenceStatus,
  type LicensingPath,
  maskPersonName,
  maskPhone,
  type Permission,
  type Role,
  VENUE_KIND_LABELS,
  type VenueKind,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable, ClockTable, InspectionTaskTable, LicenceTable } from '../../db/schema.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { inspectorIdsOf } from '../inspections/index.ts';
import { json } from './applications.repository.ts';
import { MATERIALS, PENDING, POLICY_VERSIONS } from './licensing.columns.ts';

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

export function presentLicence(l: LicenceTable, opts: { masked?: boolean } = {}): LicenceView {
  return {
    id: l.id,
    number: l.number,
    revision: l.revision,
    verifyCode: l.verify_code,
    status: l.status,
    statusLabel: LICENCE_STATUS_LABELS[l.status as LicenceStatus],
    holder: l.holder_name,
    usci: l.usci,
    legalRepresentative: opts.masked ? maskPersonName(l.legal_representative) : l.legal_representative,
    venue: l.venue_name,
    venueAddress: l.venue_address,
    venueKind: l.venue_kind,
    venueKindLabel: VENUE_KIND_LABELS[l.venue_kind as VenueKind] ?? l.venue_kind,
    floorArea: l.floor_area,
    path: l.path,
    issuedAt: l.issued_on,
    supersededBy: l.superseded_by,
    revokedAt: l.revoked_at,
    revocation: revocationOf(l, opts.masked === true),
    delivery: opts.masked ? null : (json<LicenceDeliveryView>(l.delivery_json) ?? null),
    ...(opts.masked ? {} : { applicationId: l.application_id, policyVersion: l.policy_version }),
  };
}

/** The revocation of a permit; the public sees its reason and legal basis, not who revoked it. */
function revocationOf(l: LicenceTable, masked: boolean): LicenceRevocationView | null {
  const r = json<LicenceRevocationView>(l.revocation_json) ?? null;
  return r && masked ? { reason: r.reason, legalBasis: r.legalBasis } : r;
}

const PURPOSE_LABELS: Record<string, string> = {
  opening_check: '营业前现场检查',
  commitment_verification: '告知承诺许可后核查',
  random: '双随机抽查',
  complaint: '举报投诉核查',
  superior_order: '上级交办',
  dishonest: '严重失信单位检查',
  re_inspection: '整改复查',
};

export function presentTask(t: InspectionTaskTable, names: Map<string, string>): TaskView {
  const ids = inspectorIdsOf(t);
  return {
    id: t.id,
    purpose: t.purpose,
    purposeLabel: PURPOSE_LABELS[t.purpose] ?? t.purpose,
    planId: t.plan_id,
    orderId: t.order_id,
    reason: t.trigger_reason,
    mode: t.mode,
    applicationId: t.application_id,
    licenceId: t.licence_id,
    usci: t.usci,
    subject: t.subject_name,
    venueAddress: t.venue_address,
    status: t.status,
    statusLabel: { unassigned: '待指派', assigned: '待检查', done: '已完成', cancelled: '已取消' }[t.status],
    inspectors: ids.map((id) => ({ id, name: names.get(id) ?? id })),
    appointmentAt: t.appointment_at,
    offHours: t.off_hours === 1,
    checklist: json<NonNullable<TaskView['checklist']>>(t.checklist_json) ?? null,
    result: t.result,
    findings: t.findings,
    clockId: t.clock_id,
    completedAt: t.completed_at,
  };
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** An application for the list (personal data masked). */
export function presentApplicationSummary(a: ApplicationTable): ApplicationSummaryView {
  return {
    id: a.id,
    referenceNo: a.reference_no,
    status: a.status,
    statusLabel: APPLICATION_STATUS_LABELS[a.status as ApplicationStatus],
    path: a.path,
    companyName: a.company_name,
    usci: a.usci,
    venueName: a.venue_name,
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
    legalRepresentative: a.legal_representative,
    contactName: a.contact_name,
    contactPhone: a.contact_phone,
    venueAddress: a.venue_address,
    investment: a.investment,
    agencyId: a.agency_id,
    materials: MATERIALS.decode(a.materials_json) ?? {},
    pendingDocuments: PENDING.decode(a.pending_json) ?? [],
    commitment: json<ApplicationView['commitment']>(a.commitment_json) ?? null,
    appointmentPreference: json<ApplicationView['appointmentPreference']>(a.appointment_json) ?? null,
    exemption: json<ApplicationView['exemption']>(a.exemption_json) ?? null,
    policyVersions: POLICY_VERSIONS.decode(a.policy_json) ?? {},
    decision: json<ApplicationView['decision']>(a.decision_json) ?? null,
    acceptedAt: a.accepted_at,
    decidedAt: a.decided_at,
    version: a.version,
    clock: await presentClock(db, clock, nowIso, { justStarted: created !== undefined }),
    notices: notices.map((n) => ({
      seq: n.seq,
      items: JSON.parse(n.items_json) as ApplicationView['notices'][number]['items'],
      issuedAt: n.issued_at,
      resolvedAt: n.resolved_at,
    })),
    tasks: tasks.map((t) => presentTask(t, names)),
    licence: licence ? presentLicence(licence) : null,
    allowedActions: actions.map((act) => ({ action: act, label: APPLICATION_ACTION_LABELS[act] })),
  };
}
