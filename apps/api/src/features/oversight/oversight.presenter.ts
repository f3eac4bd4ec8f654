import type { CaseReviewView, InterferenceRecordView, OfficerComplaintView } from '@fep/contracts';
import {
  CASE_FILE_KIND_LABELS,
  CASE_REVIEW_GRADE_LABELS,
  COMPLAINT_FINDING_LABELS,
  INTERFERENCE_ACT_LABELS,
  INTERFERENCE_CHANNEL_LABELS,
  INTERFERENCE_ROLE_LABELS,
  maskPersonName,
  maskPhone,
  OFFICER_COMPLAINT_STATUS_LABELS,
} from '@fep/domain';
import type { CaseReview, InterferenceRecord, OfficerComplaint } from '../../db/schema/oversight.ts';
import { REVIEW_RESULT } from './oversight.columns.ts';

/** Rows → views (packages/contracts oversight.ts); labels from the domain, personal data masked. */

export type InterferenceJoined = InterferenceRecord & { agency_name: string; recorder_name: string };

export function presentInterference(r: InterferenceJoined): InterferenceRecordView {
  return {
    id: r.id,
    agency: { id: r.agency_id, name: r.agency_name },
    recordedBy: { id: r.recorded_by, name: r.recorder_name },
    personName: r.person_name,
    personPosition: r.person_position,
    role: r.role,
    roleLabel: INTERFERENCE_ROLE_LABELS[r.role],
    channel: r.channel,
    channelLabel: INTERFERENCE_CHANNEL_LABELS[r.channel],
    act: r.act,
    actLabel: INTERFERENCE_ACT_LABELS[r.act],
    occurredAt: r.occurred_at,
    caseReference: r.case_reference,
    content: r.content,
    response: r.response,
    createdAt: r.created_at,
  };
}

export type ComplaintJoined = OfficerComplaint & { agency_name: string; handler_name: string | null };

/** A complaint in the staff queue: the complainant is masked (DESIGN §4); the clear contact is a recorded read. */
export function presentComplaint(r: ComplaintJoined): OfficerComplaintView {
  return {
    id: r.id,
    agency: { id: r.agency_id, name: r.agency_name },
    regionCode: r.region_code,
    officerName: r.officer_name,
    officerBadge: r.officer_badge,
    occurredOn: r.occurred_on,
    account: r.account,
    complainantName: r.complainant_name ? maskPersonName(r.complainant_name) : '匿名',
    complainantPhone: maskPhone(r.complainant_phone),
    anonymous: !r.complainant_name && !r.complainant_phone,
    status: r.status,
    statusLabel: OFFICER_COMPLAINT_STATUS_LABELS[r.status],
    submittedAt: r.submitted_at,
    handler: r.handler_id ? { id: r.handler_id, name: r.handler_name ?? '' } : null,
    acceptedAt: r.accepted_at,
    closedAt: r.closed_at,
    finding: r.finding,
    findingLabel: r.finding ? COMPLAINT_FINDING_LABELS[r.finding] : null,
    reply: r.reply,
  };
}

export type ReviewJoined = CaseReview & { agency_name: string; reviewer_name: string };

export function presentReview(r: ReviewJoined, officers: { id: string; name: string }[]): CaseReviewView {
  const result = REVIEW_RESULT.decode(r.result_json) ?? { vetoFailed: [], lines: [] };
  return {
    id: r.id,
    agency: { id: r.agency_id, name: r.agency_name },
    caseReference: r.case_reference,
    fileKind: r.file_kind,
    fileKindLabel: CASE_FILE_KIND_LABELS[r.file_kind],
    reviewer: { id: r.reviewer_id, name: r.reviewer_name },
    officers,
    total: Number(r.total),
    grade: r.grade,
    gradeLabel: CASE_REVIEW_GRADE_LABELS[r.grade],
    vetoFailed: result.vetoFailed,
    lines: result.lines,
    comment: r.comment,
    policyVersion: r.policy_version,
    reviewedAt: r.reviewed_at,
  };
}
