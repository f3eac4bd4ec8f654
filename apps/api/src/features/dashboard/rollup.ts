import { chinaDateOf } from '@fep/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { noteCommit } from '../../platform/cache.ts';
import { CLOCK_ALERT_RAISED, type ClockAlertRaised } from '../../platform/clocks/events.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import type { Deps } from '../../platform/transact.ts';
import { COMPLAINT_RECEIVED, COMPLAINT_VERIFIED, type ComplaintReceived, type ComplaintVerified } from '../complaints/index.ts';
import { CREDIT_LEVEL_CHANGED, type CreditLevelChanged, INSPECTION_TRIGGERED } from '../credit/index.ts';
import { PENALTY_DECIDED, type PenaltyDecided, SEAL_CHANGED, type SealChanged, type SealOnMap, sealOnMap } from '../enforcement/index.ts';
import { APPLICATION_REFUSED, APPLICATION_SUBMITTED, type ApplicationSubmitted, PERMIT_GRANTED } from '../licensing/index.ts';
import { DEVICE_WENT_OFFLINE, FIRE_ALARM_RECEIVED, type FireAlarmReceived } from '../monitoring/index.ts';
import { MAJOR_HAZARD_LISTED, ORDER_ISSUED, type OrderFact } from '../supervision/index.ts';
import { UNIT_POSITION_SET, UNITS_DIRECTORY_CHANGED, type UnitPositionSet, type UnitsDirectoryChanged, unitOnMap } from '../units/index.ts';
import { recountUnits } from './levels.ts';
import { announceFiguresChanged, notifyFiguresChanged } from './live.ts';
import { putPoint, removePoint, setPointStatus, unitPoint } from './map-points.ts';

export const ROLLUP_SUBSCRIBER = 'dashboard.rollup';

/**
 * The leaders' figures and map kept current by the domain events of the features (MON-02, SUP-13): each
 * event adds to the day's count of its agency and, where it has a place, puts a point on the map.
 *
 * Not through `transact`: these rows are derived figures, no act of the administration, so they carry no
 * enforcement record; but they are written exactly once per event all the same — the delivery's claim
 * (`idempotency_keys`, scope `event:dashboard.rollup`, key the event id) is inserted in the same transaction
 * as the counts, and a redelivery that finds the claim writes nothing. Deliveries are dispatched one at a time
 * under the dispatch lease, so the rollup rows have one writer at a time.
 */
export const dashboardSubscribers: Subscriber[] = [
  {
    name: ROLLUP_SUBSCRIBER,
    types: [
      APPLICATION_SUBMITTED,
      PERMIT_GRANTED,
      APPLICATION_REFUSED,
      CLOCK_ALERT_RAISED,
      ORDER_ISSUED,
      MAJOR_HAZARD_LISTED,
      PENALTY_DECIDED,
      COMPLAINT_RECEIVED,
      COMPLAINT_VERIFIED,
      FIRE_ALARM_RECEIVED,
      DEVICE_WENT_OFFLINE,
      INSPECTION_TRIGGERED,
      SEAL_CHANGED,
      UNIT_POSITION_SET,
      CREDIT_LEVEL_CHANGED,
      UNITS_DIRECTORY_CHANGED,
    ],
    async handle(deps, event) {
      const tellThisProcess = await applyEvent(deps, event);
      if (tellThisProcess) notifyFiguresChanged(deps.database.db);
      // Other processes learn of the commit through its NOTIFY (live.ts); this one's caches at once.
      else noteCommit();
    },
  },
];

interface Count {
  metric: string;
  breakdown?: string;
  n?: number;
  amount?: number;
}

/** Counts the event once; true when this process must tell its own streams after the commit (live.ts). */
async function applyEvent(deps: Deps, event: DomainEvent): Promise<boolean> {
  const { db, dialect } = deps.database;
  const at = deps.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({
        scope: `event:${ROLLUP_SUBSCRIBER}`,
        key: event.id,
        request_hash: event.id,
        status: 'done',
        response_status: 200,
        response_body: null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const announce = () => announceFiguresChanged(trx, dialect, db);
    // The credit and risk distribution: the units the event names, recounted (levels.ts).
    const units = unitsOf(event);
    const recounted = units.length ? await recountUnits(trx, dialect, units) : false;
    if (event.type === CREDIT_LEVEL_CHANGED || event.type === UNITS_DIRECTORY_CHANGED) return recounted && announce();
    const path = await pathOf(trx, event);
    if (!path) return false;
    // The day of the fact in Beijing time: the day a leader's period counts it in.
    const day = chinaDateOf(new Date(event.occurredAt));
    for (const c of countsOf(event)) {
      await trx
        .insertInto('dashboard_counts')
        .values({ agency_path: path, metric: c.metric, breakdown: c.breakdown ?? '', day, n: c.n ?? 1, amount: c.amount ?? 0 })
        .onConflict((oc) =>
          oc.columns(['agency_path', 'metric', 'breakdown', 'day']).doUpdateSet((eb) => ({
            n: eb(eb.ref('dashboard_counts.n'), '+', eb.ref('excluded.n')),
            amount: eb(eb.ref('dashboard_counts.amount'), '+', eb.ref('excluded.amount')),
          })),
        )
        .execute();
    }
    await placeOnMap(trx, event, path, at);
    return announce();
  });
}

/** The units whose credit or risk level, agency or entry in the directory an event may have moved. */
function unitsOf(event: DomainEvent): string[] {
  const p = event.payload;
  switch (event.type) {
    case CREDIT_LEVEL_CHANGED:
      return (p as unknown as CreditLevelChanged).units.map((u) => u.usci);
    case UNITS_DIRECTORY_CHANGED:
      return (p as unknown as UnitsDirectoryChanged).uscis;
    case PERMIT_GRANTED:
      // A granted opening permit enters its unit in the directory in the same transaction (SUP-01).
      return typeof p.usci === 'string' && p.usci ? [p.usci] : [];
    default:
      return [];
  }
}

async function pathOf(trx: Executor, event: DomainEvent): Promise<string | null> {
  const fromPayload = event.payload.agencyPath;
  if (typeof fromPayload === 'string' && fromPayload) return fromPayload;
  if (!event.agencyId) return null;
  const a = await trx.selectFrom('agencies').select('path').where('id', '=', event.agencyId).executeTakeFirst();
  return a?.path ?? null;
}

/** What an event adds to the day's counts. */
export function countsOf(event: DomainEvent): Count[] {
  const p = event.payload;
  switch (event.type) {
    case APPLICATION_SUBMITTED:
      // A resubmission after a correction is the same application: counted once, when first submitted.
      return (p as unknown as ApplicationSubmitted).resubmitted ? [] : [{ metric: 'applications_submitted' }];
    case PERMIT_GRANTED:
      return [{ metric: 'permits_granted' }];
    case APPLICATION_REFUSED:
      return [{ metric: 'applications_refused' }];
    case CLOCK_ALERT_RAISED: {
      const a = p as unknown as ClockAlertRaised;
      // Overdue duties of every kind: the clock's matter (application, order, case, complaint, seal …).
      return a.kind === 'overdue' ? [{ metric: 'duties_overdue', breakdown: a.targetType }] : [];
    }
    case ORDER_ISSUED:
      return [{ metric: 'orders_issued' }];
    case MAJOR_HAZARD_LISTED:
      return [{ metric: 'major_hazards' }];
    case PENALTY_DECIDED: {
      const d = p as unknown as PenaltyDecided;
      const out: Count[] = [{ metric: 'penalties', breakdown: d.outcome }];
      if (d.outcome === 'fine' && d.fine) out.push({ metric: 'fines', n: 1, amount: d.fine });
      return out;
    }
    case COMPLAINT_RECEIVED:
      return [{ metric: 'complaints_received' }];
    case COMPLAINT_VERIFIED: {
      const v = p as unknown as ComplaintVerified;
      return v.inTime ? [{ metric: 'complaints_verified' }, { metric: 'complaints_verified_in_time' }] : [{ metric: 'complaints_verified' }];
    }
    case FIRE_ALARM_RECEIVED:
      return [{ metric: 'fire_alarms' }];
    case DEVICE_WENT_OFFLINE:
      return [{ metric: 'devices_offline' }];
    case INSPECTION_TRIGGERED:
      return [{ metric: 'inspections_triggered' }];
    default:
      return [];
  }
}

/** Hazards and alarms are drawn where their unit is on the map; a report where its reporter placed it. */
async function placeOnMap(trx: Executor, event: DomainEvent, path: string, at: string): Promise<void> {
  const p = event.payload;
  switch (event.type) {
    case FIRE_ALARM_RECEIVED: {
      const a = p as unknown as FireAlarmReceived;
      const unit = await unitPoint(trx, a.usci);
      if (!unit) return;
      await putPoint(
        trx,
        {
          layer: 'alarm',
          ref_id: a.eventId,
          agency_path: path,
          lat: unit.lat,
          lng: unit.lng,
          kind: 'fire_alarm',
          risk: unit.risk,
          status: 'open',
          label: `${a.unitName}（${a.location}）`,
          usci: a.usci,
        },
        at,
      );
      return;
    }
    case ORDER_ISSUED:
    case MAJOR_HAZARD_LISTED: {
      const o = p as unknown as OrderFact;
      const unit = await unitPoint(trx, o.usci);
      if (!unit) return;
      const major = event.type === MAJOR_HAZARD_LISTED;
      // Both facts of one order are delivered in either order: the order's plain fact never lowers a major one.
      if (!major) {
        const placed = await trx.selectFrom('map_points').select('status').where('layer', '=', 'hazard').where('ref_id', '=', o.orderId).executeTakeFirst();
        if (placed) return;
      }
      // The order's point (its hazards); a major hazard listed on the same order marks it major.
      await putPoint(
        trx,
        {
          layer: 'hazard',
          ref_id: o.orderId,
          agency_path: path,
          lat: unit.lat,
          lng: unit.lng,
          kind: major ? 'major' : 'general',
          risk: unit.risk,
          status: major ? 'major' : 'open',
          label: o.subjectName,
          usci: o.usci,
        },
        at,
      );
      return;
    }
    case COMPLAINT_RECEIVED: {
      const c = p as unknown as ComplaintReceived;
      if (typeof c.lat !== 'number' || typeof c.lng !== 'number') return;
      await putPoint(
        trx,
        {
          layer: 'complaint',
          ref_id: c.complaintId,
          agency_path: path,
          lat: c.lat,
          lng: c.lng,
          kind: c.categoryName,
          risk: '',
          status: 'open',
          label: `${c.channelLabel}：${c.categoryName}`,
          usci: null,
        },
        at,
      );
      return;
    }
    case COMPLAINT_VERIFIED:
      await setPointStatus(trx, 'complaint', (p as unknown as ComplaintVerified).complaintId, 'closed', at);
      return;
    case SEAL_CHANGED:
      await placeSeal(trx, (p as unknown as SealChanged).sealId, at);
      return;
    case UNIT_POSITION_SET: {
      // The unit where it now is (read through the units feature): a retried older delivery cannot move it back.
      // Its hazards, alarms and seals already drawn keep the place they were drawn at: they are facts of then.
      const u = await unitOnMap(trx, (p as unknown as UnitPositionSet).unitId);
      if (!u) return;
      const old = await unitPoint(trx, u.usci);
      await putPoint(
        trx,
        {
          layer: 'unit',
          ref_id: u.usci,
          agency_path: u.agencyPath,
          lat: u.lat,
          lng: u.lng,
          kind: u.venueKind ?? '',
          risk: u.riskLevel,
          status: old?.status ?? 'normal',
          label: u.name,
          usci: u.usci,
        },
        at,
      );
      return;
    }
  }
}

/**
 * The seals layer (MON-02): a seal is drawn where the officers placed it (else at its unit's point) with its
 * status as it now is — read through the enforcement feature, not taken from the event, so a delivery retried
 * after a later one cannot put an older status back. A declined seal (a proposal not agreed, or an emergency seal
 * the collective discussion released at once) is no seal in place: it leaves the map.
 */
async function placeSeal(trx: Executor, sealId: string, at: string): Promise<void> {
  const s = await sealOnMap(trx, sealId);
  if (!s) return;
  const status = SEAL_MAP_STATUS[s.status];
  if (!status) {
    await removePoint(trx, 'seal', s.id);
    return;
  }
  const unit = await unitPoint(trx, s.usci);
  const place = s.point ?? (unit ? { lat: unit.lat, lng: unit.lng } : null);
  if (!place) return;
  await putPoint(
    trx,
    {
      layer: 'seal',
      ref_id: s.id,
      agency_path: s.agencyPath,
      lat: place.lat,
      lng: place.lng,
      kind: s.situation,
      risk: unit?.risk ?? '',
      status,
      label: s.number ? `${s.unitName}（${s.number}）` : s.unitName,
      usci: s.usci,
    },
    at,
  );
}

/** The seal's status as the map's filter knows it (keys of MAP_STATUS_LABELS); declined: none. */
const SEAL_MAP_STATUS: Record<SealOnMap['status'], string | null> = {
  proposed: 'seal_proposed',
  emergency: 'sealed',
  in_force: 'sealed',
  expired_unlifted: 'seal_expired',
  lifted: 'lifted',
  declined: null,
};

/** Sum of a metric in a scope (tests, benchmark checks). */
export async function metricTotal(db: Executor, metric: string): Promise<number> {
  const r = await db.selectFrom('dashboard_counts').select(sql<number>`coalesce(sum(n), 0)`.as('n')).where('metric', '=', metric).executeTakeFirst();
  return Number(r?.n ?? 0);
}
