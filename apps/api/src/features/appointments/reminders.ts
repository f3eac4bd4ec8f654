import { APPOINTMENT_REQUEST_KIND_LABELS, type AppointmentsPolicy, chinaDateOf, reminderDue } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { transact } from '../../platform/transact.ts';
import { APPOINTMENT_REMINDER_DUE, type AppointmentReminderDue } from './events.ts';
import { appointmentsPolicy } from './use-cases/requests.ts';

export const APPOINTMENT_REMINDER_JOB = 'appointment-reminders';

/** The longest lead time the policy allows (its schema's maximum): no appointment further away can be due. */
const MAX_LEAD_MS = 168 * 3_600_000;

export interface ReminderResult {
  ran: boolean;
  bookings: number;
  requests: number;
}

/**
 * SVC-03: the reminder before a booked visit, drill, training or off-hours service, sent through the notification
 * centre (the event `appointments.reminder_due`), once per appointment. The job runs under a lease (one process at a
 * time); each reminder is a compare-and-set of `reminded_at` from null in the transaction that writes its event,
 * so even two processes that both passed the lease (one expired meanwhile) send it once. The lead time is the
 * policy `services.appointments` of the appointment's agency. A visit booked without an account has no one in
 * the notification centre to tell: its visitor keeps the booking code and the time shown on booking.
 */
export async function sendAppointmentReminders(ctx: AppContext, holder: string): Promise<ReminderResult> {
  const { db } = ctx.database;
  const now = ctx.now();
  if (!(await acquireLease(db, APPOINTMENT_REMINDER_JOB, holder, now, 5 * 60_000))) return { ran: false, bookings: 0, requests: 0 };
  try {
    const nowIso = now.toISOString();
    const horizon = new Date(now.getTime() + MAX_LEAD_MS).toISOString();
    const policies = new Map<string, AppointmentsPolicy>();
    const leadOf = async (agencyId: string) => {
      let p = policies.get(agencyId);
      if (!p) {
        const agency = await agencyById(db, agencyId);
        if (!agency) return 0;
        p = (await appointmentsPolicy(db, agency, chinaDateOf(now))).policy;
        policies.set(agencyId, p);
      }
      return p.reminderLeadHours;
    };
    const result: ReminderResult = { ran: true, bookings: 0, requests: 0 };

    const bookings = await db
      .selectFrom('appointment_bookings')
      .innerJoin('appointment_slots', 'appointment_slots.id', 'appointment_bookings.slot_id')
      .select([
        'appointment_bookings.id',
        'appointment_bookings.user_id',
        'appointment_slots.agency_id',
        'appointment_slots.title',
        'appointment_slots.place',
        'appointment_slots.starts_at',
      ])
      .where('appointment_bookings.status', '=', 'booked')
      .where('appointment_bookings.reminded_at', 'is', null)
      .where('appointment_bookings.user_id', 'is not', null)
      .where('appointment_slots.starts_at', '>', nowIso)
      .where('appointment_slots.starts_at', '<=', horizon)
      .limit(1000)
      .execute();
    for (const b of bookings) {
      if (!reminderDue(b.starts_at, nowIso, await leadOf(b.agency_id))) continue;
      const sent = await transact(ctx, systemActor(APPOINTMENT_REMINDER_JOB), async (trx, audit, emit) => {
        const u = await trx
          .updateTable('appointment_bookings')
          .set({ reminded_at: nowIso })
          .where('id', '=', b.id)
          .where('status', '=', 'booked')
          .where('reminded_at', 'is', null)
          .executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) {
          await audit({
            action: 'appointment.remind',
            outcome: 'failure',
            targetType: 'appointment_booking',
            targetId: b.id,
            details: { reason: 'already_reminded_or_cancelled' },
          });
          return false;
        }
        const fact: AppointmentReminderDue = {
          what: `预约参观：${b.title}`,
          startsAt: b.starts_at,
          place: b.place,
          userId: b.user_id,
          usci: null,
          link: '/portal/notifications',
          targetType: 'appointment_booking',
          targetId: b.id,
        };
        emit({ type: APPOINTMENT_REMINDER_DUE, targetType: 'appointment_booking', targetId: b.id, agencyId: b.agency_id, payload: { ...fact } });
        await audit({ action: 'appointment.remind', targetType: 'appointment_booking', targetId: b.id, details: { startsAt: b.starts_at } });
        return true;
      });
      if (sent) result.bookings++;
    }

    const requests = await db
      .selectFrom('appointment_requests')
      .selectAll()
      .where('status', '=', 'confirmed')
      .where('reminded_at', 'is', null)
      .where('starts_at', '>', nowIso)
      .where('starts_at', '<=', horizon)
      .limit(1000)
      .execute();
    for (const r of requests) {
      if (!r.starts_at || !reminderDue(r.starts_at, nowIso, await leadOf(r.agency_id))) continue;
      const sent = await transact(ctx, systemActor(APPOINTMENT_REMINDER_JOB), async (trx, audit, emit) => {
        const u = await trx
          .updateTable('appointment_requests')
          .set({ reminded_at: nowIso })
          .where('id', '=', r.id)
          .where('status', '=', 'confirmed')
          .where('reminded_at', 'is', null)
          .executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) {
          await audit({
            action: 'appointment.remind',
            outcome: 'failure',
            targetType: 'appointment_request',
            targetId: r.id,
            details: { reason: 'already_reminded_or_cancelled' },
          });
          return false;
        }
        const fact: AppointmentReminderDue = {
          what: `${APPOINTMENT_REQUEST_KIND_LABELS[r.kind]}：${r.topic.slice(0, 40)}`,
          startsAt: r.starts_at!,
          place: r.place,
          userId: r.usci ? null : r.requester_user_id,
          usci: r.usci,
          link: '/portal/appointment-requests',
          targetType: 'appointment_request',
          targetId: r.id,
        };
        emit({ type: APPOINTMENT_REMINDER_DUE, targetType: 'appointment_request', targetId: r.id, agencyId: r.agency_id, payload: { ...fact } });
        await audit({ action: 'appointment.remind', targetType: 'appointment_request', targetId: r.id, details: { startsAt: r.starts_at } });
        return true;
      });
      if (sent) result.requests++;
    }
    return result;
  } finally {
    await releaseLease(db, APPOINTMENT_REMINDER_JOB, holder);
  }
}
