import type { SealRequestView, SealRow, SealView } from '@fep/contracts';
import {
  hasPermission,
  SEAL_REQUEST_KIND_LABELS,
  SEAL_REQUEST_KINDS,
  SEAL_REQUEST_OUTCOME_LABELS,
  SEAL_REQUEST_STATUS_LABELS,
  SEAL_SITUATION_LABELS,
  SEAL_SITUATIONS,
  SEAL_STATUS_LABELS,
  SERVICE_METHOD_LABELS,
  type SealRequestKind,
  type SealRequestOutcome,
  sealRequestAllowed,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { EnforcementSeal, EnforcementSealRequest } from '../../db/schema/enforcement.ts';
import type { Actor } from '../../platform/actor.ts';
import { dueViews } from '../../platform/clocks/due.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { SEAL_MAP_POINT, SEAL_PARTICIPANTS, SEAL_PHOTOS, SEAL_REQUEST_PHOTOS } from './enforcement.columns.ts';
import { sealDocumentsOf } from './seal-documents.ts';
import { isSealOfficer, sealOfficersOf } from './seals.access.ts';

const ITEM_NUMBERS = ['（一）', '（二）', '（三）', '（四）', '（五）'];

/** The legal basis of a seal in the words of its decision: 消防法 art. 54 and the situation's item of art. 22. */
export function sealLegalBasis(situation: EnforcementSeal['situation']): string {
  const item = ITEM_NUMBERS[SEAL_SITUATIONS.indexOf(situation)] ?? '';
  return `《中华人民共和国消防法》第五十四条；《消防监督检查规定》第二十二条第一款第${item}项`;
}

/** Who is looking: the agency's staff, or the unit in its portal (which sees no internal deliberation). */
export type Viewer = { kind: 'staff'; actor: Actor } | { kind: 'party'; actor: Actor };

/** The steps the staff member may take on the seal now, by status, permission and whether they sealed it. */
function staffActions(s: EnforcementSeal, actor: Actor): SealView['actions'] {
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(actor.roles, p);
  const out: SealView['actions'] = [];
  if ((s.status === 'proposed' || s.status === 'emergency') && can('enforcement:case:decide'))
    out.push({ action: 'decision', label: s.status === 'emergency' ? '集体研究确认紧急查封' : '集体研究决定' });
  if (s.status === 'in_force' && !s.served_on && isSealOfficer(s, actor)) out.push({ action: 'service', label: '送达临时查封决定书' });
  if (s.status === 'in_force' && s.extended_days === null && can('enforcement:case:decide')) out.push({ action: 'extension', label: '延长查封期限' });
  if ((s.status === 'in_force' || s.status === 'expired_unlifted') && can('enforcement:case:decide')) out.push({ action: 'lifting', label: '解除查封' });
  return out;
}

function requestActions(s: EnforcementSeal, r: EnforcementSealRequest, viewer: Viewer): SealRequestView['actions'] {
  if (viewer.kind === 'party') return [];
  const out: SealRequestView['actions'] = [];
  if (r.status === 'submitted' && r.kind !== 'enter' && isSealOfficer(s, viewer.actor)) out.push({ action: 'inspection', label: '录入检查结果' });
  const decidable = r.status === 'inspected' || (r.status === 'submitted' && r.kind === 'enter');
  if (decidable && hasPermission(viewer.actor.roles, 'enforcement:case:decide'))
    out.push({ action: 'decision', label: r.kind === 'enter' ? '同意进入整改并作出安排' : '作出决定' });
  return out;
}

export async function presentSeal(db: Executor, s: EnforcementSeal, viewer: Viewer, now: Date): Promise<SealView> {
  const agency = await agencyById(db, s.agency_id);
  if (!agency) throw new Error(`agency ${s.agency_id} of seal ${s.id} not found`);
  const officerIds = sealOfficersOf(s);
  const names = new Map(
    officerIds.length
      ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', officerIds).execute()).map((u) => [u.id, u.display_name])
      : [],
  );
  const requests = await db.selectFrom('enforcement_seal_requests').selectAll().where('seal_id', '=', s.id).orderBy('submitted_at', 'desc').execute();
  const clockIds = [s.confirm_clock_id, s.service_clock_id, s.term_clock_id, ...requests.flatMap((r) => [r.inspection_clock_id, r.decision_clock_id])].filter(
    (x): x is string => !!x,
  );
  const clocks = clockIds.length ? await db.selectFrom('clocks').selectAll().where('id', 'in', clockIds).execute() : [];
  const views = await dueViews(db, clocks, now);
  const due = (id: string | null) => {
    const c = id ? clocks.find((x) => x.id === id) : undefined;
    const v = c ? views.get(c.id) : undefined;
    if (!c || !v || c.status !== 'running') return null;
    // A day clock is due by the end of its date; an hour clock (emergency confirmation, entry reply) at an instant.
    return { title: c.title, dueDate: v.dueDate, dueAt: c.unit === 'hours' ? v.dueAt : null, label: v.label, alert: v.alert };
  };
  const caseNumber = s.case_id
    ? ((await db.selectFrom('enforcement_cases').select('number').where('id', '=', s.case_id).executeTakeFirst())?.number ?? null)
    : null;
  const party = viewer.kind === 'party';
  const history = requests.map((r) => ({ kind: r.kind as SealRequestKind, status: r.status, outcome: r.outcome as SealRequestOutcome | null }));
  const actions = party
    ? SEAL_REQUEST_KINDS.filter((k) => sealRequestAllowed(k, s, history).ok).map((k) => ({ action: k, label: SEAL_REQUEST_KIND_LABELS[k] }))
    : staffActions(s, viewer.actor);
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    statusLabel: SEAL_STATUS_LABELS[s.status],
    version: s.version,
    agency: { id: agency.id, name: agency.name, regionCode: agency.region_code },
    caseId: s.case_id,
    caseNumber,
    unit: { usci: s.usci, name: s.unit_name },
    situation: s.situation,
    situationLabel: SEAL_SITUATION_LABELS[s.situation],
    legalBasis: sealLegalBasis(s.situation),
    scope: s.scope,
    photoIds: SEAL_PHOTOS.decode(s.photo_ids_json) ?? [],
    mapPoint: SEAL_MAP_POINT.decode(s.map_point_json),
    inspectedOn: s.inspected_on,
    termDays: s.term_days,
    emergency: s.emergency === 1,
    oralApproval: party ? null : s.oral_approval,
    confirmBy: s.confirm_by,
    collective: s.decided_at
      ? {
          record: party ? null : s.collective_record,
          participants: party ? [] : (SEAL_PARTICIPANTS.decode(s.collective_participants_json) ?? []),
          decidedAt: s.decided_at,
        }
      : null,
    startDate: s.start_date,
    endDate: s.end_date,
    extension: s.extended_days !== null && s.extended_at ? { days: s.extended_days, reason: s.extension_reason ?? '', extendedAt: s.extended_at } : null,
    service:
      s.service_method && s.served_on
        ? { method: s.service_method, methodLabel: SERVICE_METHOD_LABELS[s.service_method], servedOn: s.served_on, trackingNumber: s.service_tracking_number }
        : null,
    lift: s.lifted_at ? { reason: s.lift_reason ?? '', liftedAt: s.lifted_at } : null,
    expiredAt: s.expired_at,
    officers: officerIds.map((id) => ({ userId: id, name: names.get(id) ?? '（已停用的用户）' })),
    due: party ? [] : [due(s.confirm_clock_id), due(s.service_clock_id), due(s.term_clock_id)].filter((d): d is NonNullable<typeof d> => d !== null),
    documents: await sealDocumentsOf(db, s.id, party),
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: SEAL_REQUEST_KIND_LABELS[r.kind],
      status: r.status,
      statusLabel: SEAL_REQUEST_STATUS_LABELS[r.status],
      version: r.version,
      note: r.note,
      photoIds: SEAL_REQUEST_PHOTOS.decode(r.photo_ids_json) ?? [],
      submittedAt: r.submitted_at,
      taskId: party ? null : r.task_id,
      inspection:
        r.inspection_passed !== null && r.inspected_at
          ? { passed: r.inspection_passed === 1, findings: r.inspection_findings ?? '', inspectedAt: r.inspected_at }
          : null,
      decision:
        r.outcome && r.decided_at
          ? { outcome: r.outcome, outcomeLabel: SEAL_REQUEST_OUTCOME_LABELS[r.outcome], reason: r.decision_reason ?? '', decidedAt: r.decided_at }
          : null,
      due: due(r.decision_clock_id) ?? due(r.inspection_clock_id),
      actions: requestActions(s, r, viewer),
    })),
    actions,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export function presentSealRow(s: EnforcementSeal, openRequests: number): SealRow {
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    statusLabel: SEAL_STATUS_LABELS[s.status],
    unitName: s.unit_name,
    usci: s.usci,
    situationLabel: SEAL_SITUATION_LABELS[s.situation],
    scope: s.scope,
    emergency: s.emergency === 1,
    startDate: s.start_date,
    endDate: s.end_date,
    openRequests,
    createdAt: s.created_at,
  };
}
