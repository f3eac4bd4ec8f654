import { randomBytes } from 'node:crypto';
import type { BookingRequest, BookingView, SlotList, SlotListQuery, SlotRequest, SlotView } from '@fep/contracts';
import { inScope } from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { AppointmentBooking, AppointmentSlot } from '../../../db/schema/services.ts';
import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../../platform/attempts.ts';
import { AppError, notFound, outOfScope } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById, findAgency } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { presentBooking, presentSlot } from '../appointments.presenter.ts';

async function slotView(db: Executor, s: AppointmentSlot): Promise<SlotView> {
  const a = await agencyById(db, s.agency_id);
  return presentSlot(s, a?.name ?? '');
}

/** Staff open a station open day or an education-base visit with its capacity (SVC-03). */
export async function createSlot(deps: Deps, actor: Actor, input: SlotRequest): Promise<SlotView> {
  return transact(deps, actor, async (trx, audit) => {
    if (!actor.agencyId) throw new AppError('AUTH.FORBIDDEN', '只有消防救援机构工作人员可以发布开放场次');
    if (Date.parse(input.endsAt) <= Date.parse(input.startsAt)) throw new AppError('APPOINTMENT.INVALID', '结束时间须晚于开始时间');
    const agency = await agencyById(trx, actor.agencyId);
    if (!agency) throw notFound('机构');
    const row: AppointmentSlot = {
      id: uuidv7(deps.now().getTime()),
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      kind: input.kind,
      title: input.title,
      place: input.place,
      starts_at: new Date(input.startsAt).toISOString(),
      ends_at: new Date(input.endsAt).toISOString(),
      capacity: input.capacity,
      booked_count: 0,
      status: 'open',
      version: 0,
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('appointment_slots').values(row).execute();
    await audit({ action: 'appointment.slot.create', targetType: 'appointment_slot', targetId: row.id, after: row });
    return presentSlot(row, agency.name);
  });
}

/** The open slots still to come (public): of a region's agency and those below it, or of every agency. */
export async function listSlots(deps: Deps, q: SlotListQuery): Promise<SlotList> {
  const db = deps.database.db;
  let query = db.selectFrom('appointment_slots').selectAll().where('status', '=', 'open').where('starts_at', '>', deps.now().toISOString());
  if (q.region) {
    const a = await findAgency(db, q.region);
    if (!a) throw notFound('该地区的消防救援机构');
    query = query.where('agency_path', 'like', `${a.path}%`);
  }
  const rows = await query.orderBy('starts_at').limit(100).execute();
  const items: SlotView[] = [];
  for (const s of rows) items.push(await slotView(db, s));
  return { items };
}

/** Bookings per client address and hour: a family or a class books a few; hundreds are a script. */
export const BOOKINGS_PER_CLIENT: AttemptWindow = { limit: 30, windowMs: 60 * 60_000 };

/**
 * Book places on a slot (SVC-03), without an account. The booked count rises by a guarded update — only
 * while it stays within the capacity — so parallel bookings never exceed it; the one that would is refused.
 * The answer carries the booking code: the visitor's key to cancel and, after the visit, to evaluate it.
 */
export async function bookSlot(deps: Deps, actor: Actor, slotId: string, input: BookingRequest): Promise<BookingView> {
  // Bookings need no account: a script must not fill every slot from one address.
  if (!(await countAttempt(deps.database.db, `appointment:book:${actor.ip ?? 'unknown'}`, BOOKINGS_PER_CLIENT, deps.now())))
    throw new AppError('APPOINTMENT.TOO_MANY_BOOKINGS', '预约过于频繁，请一小时后再试，或致电消防救援站预约');
  return transact(deps, actor, async (trx, audit) => {
    const s = await trx.selectFrom('appointment_slots').selectAll().where('id', '=', slotId).executeTakeFirst();
    if (!s) throw notFound('开放场次');
    if (s.status !== 'open' || s.starts_at <= deps.now().toISOString()) throw new AppError('APPOINTMENT.STATE', '该场次已结束，不能预约');
    const u = await trx
      .updateTable('appointment_slots')
      .set((eb) => ({ booked_count: eb('booked_count', '+', input.people), version: eb('version', '+', 1) }))
      .where('id', '=', slotId)
      .where('status', '=', 'open')
      .where((eb) => eb(eb('booked_count', '+', input.people), '<=', eb.ref('capacity')))
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) {
      const now = await trx.selectFrom('appointment_slots').select(['capacity', 'booked_count']).where('id', '=', slotId).executeTakeFirstOrThrow();
      const left = Math.max(0, now.capacity - now.booked_count);
      throw new AppError('APPOINTMENT.FULL', left === 0 ? '该场次已约满，请选择其他场次' : `该场次仅剩 ${left} 个名额，请减少人数或选择其他场次`, {
        remaining: left,
      });
    }
    const row: AppointmentBooking = {
      id: uuidv7(deps.now().getTime()),
      code: randomBytes(9).toString('base64url'),
      slot_id: slotId,
      agency_path: s.agency_path,
      visitor_name: input.name,
      phone: input.phone,
      people: input.people,
      user_id: actor.userId,
      status: 'booked',
      reminded_at: null,
      version: 0,
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('appointment_bookings').values(row).execute();
    await audit({ action: 'appointment.book', targetType: 'appointment_booking', targetId: row.id, after: { ...row, phone: null, code: null } });
    const after = await trx.selectFrom('appointment_slots').selectAll().where('id', '=', slotId).executeTakeFirstOrThrow();
    return presentBooking(row, await slotView(trx, after));
  });
}

export async function getBooking(deps: Deps, code: string): Promise<BookingView> {
  const db = deps.database.db;
  const b = await db.selectFrom('appointment_bookings').selectAll().where('code', '=', code).executeTakeFirst();
  if (!b) throw notFound('预约');
  const s = await db.selectFrom('appointment_slots').selectAll().where('id', '=', b.slot_id).executeTakeFirstOrThrow();
  return presentBooking(b, await slotView(db, s));
}

/** Cancel a booking by its code before the visit: compare-and-set on its status, the places given back. */
export async function cancelBooking(deps: Deps, actor: Actor, code: string): Promise<BookingView> {
  return transact(deps, actor, async (trx, audit) => {
    const b = await trx.selectFrom('appointment_bookings').selectAll().where('code', '=', code).executeTakeFirst();
    if (!b) throw notFound('预约');
    if (b.status !== 'booked') throw new AppError('APPOINTMENT.STATE', '该预约已取消或已参观');
    const s = await trx.selectFrom('appointment_slots').selectAll().where('id', '=', b.slot_id).executeTakeFirstOrThrow();
    if (s.starts_at <= deps.now().toISOString()) throw new AppError('APPOINTMENT.STATE', '场次已开始，不能取消');
    const u = await trx
      .updateTable('appointment_bookings')
      .set({ status: 'cancelled', version: b.version + 1 })
      .where('id', '=', b.id)
      .where('status', '=', 'booked')
      .where('version', '=', b.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('APPOINTMENT.STATE', '该预约已取消或已参观');
    await trx
      .updateTable('appointment_slots')
      .set((eb) => ({ booked_count: eb('booked_count', '-', b.people), version: eb('version', '+', 1) }))
      .where('id', '=', s.id)
      .execute();
    await audit({
      action: 'appointment.cancel',
      targetType: 'appointment_booking',
      targetId: b.id,
      before: { status: 'booked' },
      after: { status: 'cancelled' },
    });
    const after = await trx.selectFrom('appointment_slots').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    return presentBooking({ ...b, status: 'cancelled', version: b.version + 1 }, await slotView(trx, after));
  });
}

/** Staff close a slot after it took place: its bookings become visits that can be evaluated (一事一评). */
export async function completeSlot(deps: Deps, actor: Actor, slotId: string): Promise<SlotView> {
  return transact(deps, actor, async (trx, audit) => {
    const s = await trx.selectFrom('appointment_slots').selectAll().where('id', '=', slotId).executeTakeFirst();
    if (!s) throw notFound('开放场次');
    if (!inScope(actor.scope, { agencyPath: s.agency_path })) throw outOfScope('开放场次', { type: 'appointment_slot', id: slotId });
    if (s.status !== 'open') throw new AppError('APPOINTMENT.STATE', '该场次已办结');
    if (s.starts_at > deps.now().toISOString()) throw new AppError('APPOINTMENT.STATE', '场次尚未开始，不能办结');
    const u = await trx
      .updateTable('appointment_slots')
      .set({ status: 'completed', version: s.version + 1 })
      .where('id', '=', slotId)
      .where('status', '=', 'open')
      .where('version', '=', s.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('APPOINTMENT.STATE', '该场次已办结');
    await trx.updateTable('appointment_bookings').set({ status: 'completed' }).where('slot_id', '=', slotId).where('status', '=', 'booked').execute();
    await audit({
      action: 'appointment.slot.complete',
      targetType: 'appointment_slot',
      targetId: slotId,
      before: { status: 'open' },
      after: { status: 'completed' },
    });
    const after = await trx.selectFrom('appointment_slots').selectAll().where('id', '=', slotId).executeTakeFirstOrThrow();
    return slotView(trx, after);
  });
}
