import type { BookingView, SlotView } from '@fep/contracts';
import { APPOINTMENT_KIND_LABELS, BOOKING_STATUS_LABELS } from '@fep/domain';
import type { AppointmentBooking, AppointmentSlot } from '../../db/schema/services.ts';

export function presentSlot(s: AppointmentSlot, agencyName: string): SlotView {
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: APPOINTMENT_KIND_LABELS[s.kind],
    title: s.title,
    place: s.place,
    agencyName,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    capacity: s.capacity,
    booked: s.booked_count,
    remaining: Math.max(0, s.capacity - s.booked_count),
    status: s.status,
    version: s.version,
  };
}

export function presentBooking(b: AppointmentBooking, slot: SlotView): BookingView {
  return {
    code: b.code,
    slot,
    name: b.visitor_name,
    people: b.people,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    canEvaluate: b.status === 'completed',
  };
}
