import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
  ApplicationTransitionError,
  type LicensingPath,
  nextApplicationStatus,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable, ClockTable, UnitTable } from '../../db/schema.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';

/** Shared steps of the licensing use cases: transitions with Chinese refusals, the statutory clocks, the unit directory. */
export function transition(
  row: Pick<ApplicationTable, 'status' | 'path'>,
  action: ApplicationAction,
  ctx: { legalReviewRequired?: boolean; grant?: boolean } = {},
): ApplicationStatus {
  try {
    return nextApplicationStatus(row.status as ApplicationStatus, action, { path: row.path as LicensingPath, ...ctx });
  } catch (e) {
    if (e instanceof ApplicationTransitionError) {
      throw new AppError('LICENSING.ILLEGAL_TRANSITION', `申请当前状态为“${APPLICATION_STATUS_LABELS[e.from]}”，不能${APPLICATION_ACTION_LABELS[e.action]}`, {
        status: e.from,
        action: e.action,
      });
    }
    throw e;
  }
}

async function clockOf(trx: Executor, id: string | null): Promise<ClockTable | undefined> {
  if (!id) return undefined;
  return trx.selectFrom('clocks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pauses / resumes / stops the application's current clock when it can (a stopped clock stays stopped). */
export async function clockStep(
  trx: Executor,
  ctx: AppContext,
  clockId: string | null,
  type: 'pause' | 'resume' | 'stop',
  reason: string,
  actorUserId: string | null,
) {
  const c = await clockOf(trx, clockId);
  if (!c) return;
  if (type === 'pause' && c.status !== 'running') return;
  if (type === 'resume' && c.status !== 'paused') return;
  if (type === 'stop' && c.status === 'stopped') return;
  await applyClockEvent(trx, c, { type, reason }, actorUserId, ctx.now());
}

export async function startApplicationClock(
  trx: Executor,
  ctx: AppContext,
  app: ApplicationTable,
  spec: {
    title: string;
    amount: number;
    legalBasis: { document: string; clause?: string };
    policyVersion: string | null;
    targetType?: string;
    targetId?: string;
  },
): Promise<ClockTable> {
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', app.agency_id).executeTakeFirstOrThrow();
  return startClock(
    trx,
    {
      targetType: spec.targetType ?? 'application',
      targetId: spec.targetId ?? app.id,
      title: `${app.venue_name} ${spec.title}`,
      agency: { id: agency.id, path: agency.path, regionCode: app.region_code },
      unit: 'working_days',
      amount: Math.max(1, spec.amount),
      legalBasis: spec.legalBasis,
      startedAt: ctx.now().toISOString(),
      policyVersion: spec.policyVersion,
    },
    ctx.now(),
  );
}

/** The venue's unit in the directory (SUP-01), created from the application when it is not there yet. */
export async function ensureUnit(trx: Executor, ctx: AppContext, app: ApplicationTable): Promise<string> {
  const found = await trx.selectFrom('units').select('id').where('usci', '=', app.usci).executeTakeFirst();
  if (found) return found.id;
  const nowIso = ctx.now().toISOString();
  const row: UnitTable = {
    id: uuidv7(),
    usci: app.usci,
    name: app.company_name,
    address: app.venue_address,
    region_code: app.region_code,
    agency_id: app.agency_id,
    agency_path: app.agency_path,
    venue_kind: app.venue_kind,
    floor_area: app.floor_area,
    key_unit: 0,
    risk_level: 'medium',
    credit_level: 'A',
    owner_user_id: app.applicant_user_id,
    contact_name: app.contact_name,
    contact_phone: app.contact_phone,
    created_at: nowIso,
    updated_at: nowIso,
    self_commitment: 0,
    last_fire_on: null,
  };
  await trx.insertInto('units').values(row).execute();
  return row.id;
}
