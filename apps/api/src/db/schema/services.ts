import type { Generated, Selectable } from 'kysely';

// 好差评, appointments and disclosure requests (SVC-02, SVC-03, SVC-06). Conventions: see ../schema.ts.

export interface EvaluationVisitTable {
  id: string;
  token: string;
  agency_id: string;
  agency_path: string;
  service_title: string;
  clerk_user_id: string | null;
  created_at: string;
}

export interface EvaluationTable {
  id: string;
  matter_type: 'licensing_application' | 'appointment' | 'window_visit' | 'appointment_request';
  matter_id: string;
  matter_title: string;
  agency_id: string;
  agency_path: string;
  level: number;
  tags_json: string;
  comment: string | null;
  real_name: number;
  evaluator_user_id: string | null;
  evaluator_name: string | null;
  evaluator_phone: string | null;
  excluded: Generated<number>;
  created_at: string;
}

export interface EvaluationFollowUpTable {
  id: string;
  evaluation_id: string;
  agency_id: string;
  agency_path: string;
  status: 'verifying' | 'rectifying' | 'fed_back' | 'closed' | 'appealed' | 'excluded';
  status_before_appeal: 'verifying' | 'rectifying' | 'fed_back' | 'closed' | 'appealed' | 'excluded' | null;
  return_visit_required: number;
  return_visited_at: string | null;
  clock_id: string | null;
  policy_version: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface EvaluationFollowUpStepTable {
  id: string;
  follow_up_id: string;
  seq: number;
  step: string;
  note: string;
  actor_user_id: string | null;
  at: string;
}

export interface AppointmentSlotTable {
  id: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  kind: 'open_day' | 'education_visit';
  title: string;
  place: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  booked_count: Generated<number>;
  status: 'open' | 'completed';
  version: Generated<number>;
  created_at: string;
}

export interface AppointmentBookingTable {
  id: string;
  code: string;
  slot_id: string;
  agency_path: string;
  visitor_name: string;
  phone: string;
  people: number;
  user_id: string | null;
  status: 'booked' | 'cancelled' | 'completed';
  reminded_at: string | null;
  version: Generated<number>;
  created_at: string;
}

export interface DisclosureRequestTable {
  id: string;
  code: string;
  agency_id: string;
  agency_path: string;
  applicant_name: string;
  contact: string;
  content: string;
  purpose: string | null;
  user_id: string | null;
  status: 'pending' | 'answered';
  extended: Generated<number>;
  extension_reason: string | null;
  extended_by: string | null;
  outcome: string | null;
  reply: string | null;
  replied_by: string | null;
  replied_at: string | null;
  clock_id: string | null;
  version: Generated<number>;
  created_at: string;
}

export interface ServicesTables {
  evaluation_visits: EvaluationVisitTable;
  evaluations: EvaluationTable;
  evaluation_follow_ups: EvaluationFollowUpTable;
  evaluation_follow_up_steps: EvaluationFollowUpStepTable;
  appointment_slots: AppointmentSlotTable;
  appointment_bookings: AppointmentBookingTable;
  disclosure_requests: DisclosureRequestTable;
  training_courses: TrainingCourseTable;
  training_completions: TrainingCompletionTable;
  guidance_requests: GuidanceRequestTable;
  guidance_advice: GuidanceAdviceTable;
  appointment_requests: AppointmentRequestTable;
}

/**
 * SVC-03: a drill or training at a time that suits the unit (the unit proposes times, the agency confirms one or
 * proposes another), or a request for service outside office hours (accepted or declined with a reason).
 */
export interface AppointmentRequestTable {
  id: string;
  kind: 'drill' | 'training' | 'off_hours';
  agency_id: string;
  agency_path: string;
  usci: string | null;
  requester_user_id: string | null;
  requester_name: string;
  unit_name: string;
  topic: string;
  place: string;
  people: number;
  contact: string;
  /** The unit's proposed start times (ISO instants), JSON array. */
  proposed_json: string;
  status: 'proposed' | 'counter_proposed' | 'confirmed' | 'declined' | 'cancelled';
  starts_at: string | null;
  counter_at: string | null;
  answer: string | null;
  answered_by: string | null;
  clock_id: string | null;
  policy_version: string | null;
  reminded_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export type AppointmentRequest = Selectable<AppointmentRequestTable>;

export type Evaluation = Selectable<EvaluationTable>;
export type EvaluationFollowUp = Selectable<EvaluationFollowUpTable>;
export type EvaluationFollowUpStep = Selectable<EvaluationFollowUpStepTable>;
export type AppointmentSlot = Selectable<AppointmentSlotTable>;
export type AppointmentBooking = Selectable<AppointmentBookingTable>;
export type DisclosureRequest = Selectable<DisclosureRequestTable>;

/** Online training (SVC-04): a course published by an agency. */
export interface TrainingCourseTable {
  id: string;
  agency_id: string;
  agency_path: string;
  title: string;
  kind: 'video' | 'document';
  /** A file id of the platform's file store or an https URL. */
  resource: string;
  duration_minutes: number;
  audience: string;
  created_by: string | null;
  created_at: string;
}
export type TrainingCourse = Selectable<TrainingCourseTable>;

/** One person's completion of one course (unique per person and course). */
export interface TrainingCompletionTable {
  id: string;
  course_id: string;
  user_id: string;
  person_name: string;
  usci: string | null;
  agency_id: string | null;
  completed_at: string;
}
export type TrainingCompletion = Selectable<TrainingCompletionTable>;

/** Expert guidance (SVC-05): a unit's or key project's request. */
export interface GuidanceRequestTable {
  id: string;
  agency_id: string;
  agency_path: string;
  usci: string | null;
  requester_user_id: string | null;
  requester_name: string;
  /** The unit or key project to be guided. */
  subject: string;
  mode: 'on_site' | 'online';
  topic: string;
  contact: string;
  status: 'requested' | 'assigned' | 'closed';
  /** The expert group's names, one a line. */
  experts: string | null;
  version: number;
  created_at: string;
}
export type GuidanceRequest = Selectable<GuidanceRequestTable>;

/** One advice item given at a visit, followed up to done. */
export interface GuidanceAdviceTable {
  id: string;
  request_id: string;
  agency_path: string;
  visited_on: string;
  content: string;
  status: 'open' | 'done';
  done_note: string | null;
  done_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
}
export type GuidanceAdvice = Selectable<GuidanceAdviceTable>;
