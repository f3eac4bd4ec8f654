/** Domain events of appointments (SVC-03), turned into messages by the notification centre. */
export const APPOINTMENT_REMINDER_DUE = 'appointments.reminder_due';
export const APPOINTMENT_ANSWERED = 'appointments.answered';

/** A booked visit or an agreed drill, training or off-hours service is near: who is told, what, when, where. */
export interface AppointmentReminderDue {
  what: string;
  startsAt: string;
  place: string;
  /** The account that booked (a visit booked without an account has no one in the centre to tell). */
  userId: string | null;
  /** The unit whose accounts are told (drills, training, off-hours services). */
  usci: string | null;
  link: string;
  targetType: 'appointment_booking' | 'appointment_request';
  targetId: string;
}

/** The agency answered a unit's request: confirmed, another time proposed, or declined with its reason. */
export interface AppointmentAnswered {
  requestId: string;
  what: string;
  statusLabel: string;
  startsAt: string | null;
  answer: string | null;
  userId: string | null;
  usci: string | null;
}
