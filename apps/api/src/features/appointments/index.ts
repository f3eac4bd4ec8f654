import { APPOINTMENT_REQUEST_KIND_LABELS, chinaDateOf } from '@fep/domain';
import type { Executor } from '../../db/database.ts';

/**
 * Appointments (SVC-03): station open days and education-base visits with capacity, bookings and their
 * cancellation; drills, training and off-hours services at a time that suits the unit; reminders before each.
 * The one feature that writes `appointment_slots`, `appointment_bookings` and `appointment_requests`.
 */
export { appointmentRoutes } from './appointments.routes.ts';
export {
  APPOINTMENT_ANSWERED,
  APPOINTMENT_REMINDER_DUE,
  type AppointmentAnswered,
  type AppointmentReminderDue,
} from './events.ts';
export { APPOINTMENT_REMINDER_JOB, type ReminderResult, sendAppointmentReminders } from './reminders.ts';

/** What 好差评 needs of a booking (by its code) to let its holder evaluate the visit once it took place. */
export async function bookingForEvaluation(db: Executor, code: string) {
  const b = await db
    .selectFrom('appointment_bookings')
    .innerJoin('appointment_slots', 'appointment_slots.id', 'appointment_bookings.slot_id')
    .select([
      'appointment_bookings.status',
      'appointment_bookings.visitor_name',
      'appointment_bookings.phone',
      'appointment_slots.title',
      'appointment_slots.agency_id',
      'appointment_slots.agency_path',
      'appointment_slots.starts_at',
    ])
    .where('appointment_bookings.code', '=', code)
    .executeTakeFirst();
  if (!b) return undefined;
  return {
    status: b.status,
    name: b.visitor_name,
    phone: b.phone,
    title: `预约参观：${b.title}（${chinaDateOf(b.starts_at)}）`,
    agencyId: b.agency_id,
    agencyPath: b.agency_path,
  };
}

/**
 * What 好差评 needs of a drill, training or off-hours service at the unit's time (SVC-03): evaluable once it was
 * confirmed and its time has come, by the unit that asked for it.
 */
export async function requestForEvaluation(db: Executor, id: string) {
  const r = await db.selectFrom('appointment_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return {
    status: r.status,
    startsAt: r.starts_at,
    usci: r.usci,
    requesterUserId: r.requester_user_id,
    name: r.requester_name,
    title: `${APPOINTMENT_REQUEST_KIND_LABELS[r.kind]}：${r.topic}${r.starts_at ? `（${chinaDateOf(r.starts_at)}）` : ''}`,
    agencyId: r.agency_id,
    agencyPath: r.agency_path,
  };
}
