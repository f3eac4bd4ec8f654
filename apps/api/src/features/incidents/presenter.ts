import type { IncidentReviewView, IncidentView } from '@fep/contracts';
import {
  declarationLastDay,
  INCIDENT_REVIEW_OUTCOME_LABELS,
  INCIDENT_REVIEW_STATUS_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_TIER_LABELS,
  NATIONAL_INCIDENT_PROCEDURE,
  SEALING_CHANGE_LABELS,
  SEALING_STATUS_LABELS,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Incident, IncidentReview } from '../../db/schema/incidents.ts';
import type { ClockTable } from '../../db/schema.ts';
import { STATUS_LABEL } from '../../platform/clocks/clocks.service.ts';
import { latestDetermination, presentDetermination } from './determination-document.ts';
import { CHANGE_AREAS, CONDITIONS, FAILING, INVESTIGATORS, SEALED_AREAS, SEALED_PHOTOS } from './incidents.columns.ts';

const presentClock = (c: ClockTable) => ({
  id: c.id,
  title: c.title,
  status: c.status,
  statusLabel: STATUS_LABEL[c.status],
  dueDate: c.due_date,
  alert: c.alert_state,
  version: c.event_seq ?? 0,
});

/** A record's clocks, the named ones first in the order named (they may start in one millisecond). */
async function clocksOf(db: Executor, targetType: string, targetId: string, first: (string | null)[]) {
  const rows = await db
    .selectFrom('clocks')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const rank = (id: string) => {
    const k = first.indexOf(id);
    return k < 0 ? first.length : k;
  };
  return rows.sort((a, b) => rank(a.id) - rank(b.id)).map(presentClock);
}

export async function presentReview(db: Executor, r: IncidentReview): Promise<IncidentReviewView> {
  const agency = await db.selectFrom('agencies').select(['id', 'name']).where('id', '=', r.agency_id).executeTakeFirstOrThrow();
  return {
    id: r.id,
    incidentId: r.incident_id,
    reviewingAgency: { id: agency.id, name: agency.name },
    appliedAt: r.applied_at,
    reasons: r.reasons,
    status: r.status,
    statusLabel: INCIDENT_REVIEW_STATUS_LABELS[r.status],
    outcome: r.outcome,
    outcomeLabel: r.outcome ? INCIDENT_REVIEW_OUTCOME_LABELS[r.outcome] : null,
    decisionReasons: r.decision_reasons,
    clocks: await clocksOf(db, 'incident_review', r.id, [r.accept_clock_id, r.file_clock_id, r.decision_clock_id]),
    version: r.version,
  };
}

/** An incident for people: the tier and why, the sealed scope and its history, the clocks, the determination, the review. */
export async function presentIncident(db: Executor, i: Incident, _nowIso: string): Promise<IncidentView> {
  const agency = await db.selectFrom('agencies').select('name').where('id', '=', i.agency_id).executeTakeFirstOrThrow();
  const changes = await db.selectFrom('incident_sealing_changes').selectAll().where('incident_id', '=', i.id).orderBy('seq').execute();
  const review = await db.selectFrom('incident_reviews').selectAll().where('incident_id', '=', i.id).executeTakeFirst();
  const declarationClock = i.declaration_clock_id
    ? await db.selectFrom('clocks').select('amount').where('id', '=', i.declaration_clock_id).executeTakeFirst()
    : undefined;
  return {
    id: i.id,
    agencyName: agency.name,
    unitUsci: i.unit_usci,
    unitName: i.unit_name,
    place: i.place,
    reportedAt: i.reported_at,
    extinguishedAt: i.extinguished_at,
    tier: i.tier,
    tierLabel: INCIDENT_TIER_LABELS[i.tier],
    conditions: CONDITIONS.decode(i.conditions_json)!,
    failing: FAILING.decode(i.failing_json)!,
    investigatorCount: INVESTIGATORS.decode(i.investigators_json)!.length,
    policyVersion: i.policy_version,
    status: i.status,
    statusLabel: INCIDENT_STATUS_LABELS[i.status],
    sealing: {
      status: i.sealing_status,
      statusLabel: SEALING_STATUS_LABELS[i.sealing_status],
      areas: SEALED_AREAS.decode(i.sealed_areas_json)!,
      photoFileIds: SEALED_PHOTOS.decode(i.sealed_photo_ids_json)!,
      sealedAt: i.sealed_at,
      liftedAt: i.sealing_lifted_at,
      changes: changes.map((c) => ({
        kind: c.kind,
        kindLabel: SEALING_CHANGE_LABELS[c.kind],
        areas: CHANGE_AREAS.decode(c.areas_json)!,
        reason: c.reason,
        at: c.at,
      })),
    },
    declaration: {
      lastDay: declarationLastDay(i.extinguished_at, {
        ...NATIONAL_INCIDENT_PROCEDURE,
        declarationDays: declarationClock?.amount ?? NATIONAL_INCIDENT_PROCEDURE.declarationDays,
      }),
      amount: i.declared_loss,
      note: i.declared_note,
      declaredAt: i.declared_at,
    },
    determination:
      i.cause && i.determined_at && i.served_at
        ? {
            cause: i.cause,
            determinedAt: i.determined_at,
            servedAt: i.served_at,
            reviewLastDay: i.review_last_day,
            document: presentDetermination(await latestDetermination(db, i.id)),
          }
        : null,
    clocks: await clocksOf(db, 'incident', i.id, [i.determination_clock_id, i.declaration_clock_id]),
    review: review ? await presentReview(db, review) : null,
    version: i.version,
  };
}
