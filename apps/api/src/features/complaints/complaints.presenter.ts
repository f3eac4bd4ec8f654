import type { ComplaintView } from '@fep/contracts';
import {
  ANONYMITY_LABELS,
  anonymityOf,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintCategory,
  RETURN_VISIT_SOURCE_LABELS,
  REWARD_STATUS_LABELS,
  SATISFACTION_LABELS,
} from '@fep/domain';
import type { Complaint, ComplaintReturnVisit, ComplaintReward } from '../../db/schema/complaints.ts';
import { PHOTOS } from './complaints.columns.ts';
import type { Identity } from './vault.ts';

export const categoryName = (code: string) => COMPLAINT_CATEGORY_LABELS[code as ComplaintCategory] ?? '其他消防安全违法行为';

export function limitLabel(unit: 'hours' | 'working_days', amount: number): string {
  return unit === 'hours' ? `受理后 ${amount} 小时内核查` : `受理之日起 ${amount} 个工作日内核查`;
}

const CLOCK_STATE_LABELS = { running: '核查时限内', met: '按时核查', late: '超时核查', overdue: '已超过核查时限' } as const;

/** The verification clock as the queue and the file show it (CMP-02). */
export function clockView(c: Pick<Complaint, 'due_at' | 'due_date' | 'verified_at' | 'limit_unit' | 'limit_amount'>, nowIso: string): ComplaintView['clock'] {
  const state = c.verified_at ? (c.verified_at <= c.due_at ? 'met' : 'late') : nowIso > c.due_at ? 'overdue' : 'running';
  return {
    dueAt: c.due_at,
    ...(c.due_date ? { dueDate: c.due_date } : {}),
    unit: c.limit_unit,
    amount: c.limit_amount,
    label: limitLabel(c.limit_unit, c.limit_amount),
    state,
    stateLabel: CLOCK_STATE_LABELS[state],
  };
}

export function rewardView(r: ComplaintReward | undefined) {
  if (!r) return null;
  return { status: r.status, statusLabel: REWARD_STATUS_LABELS[r.status], amount: r.amount, reason: r.reason, claimBy: r.claim_by, paidAt: r.paid_at };
}

/**
 * The file of a report. `reporter` is filled only when the caller passes the decrypted identity — the
 * intake role's read (complaints.access.ts); every other view gets null and `hasContact` alone.
 */
export function presentComplaint(
  c: Complaint & { agency_name: string },
  extra: { duplicates: string[]; reward: ComplaintReward | undefined; visits: ComplaintReturnVisit[]; reporter: Identity | null; now: string },
): ComplaintView {
  return {
    id: c.id,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    regionCode: c.region_code,
    channel: c.channel,
    channelLabel: COMPLAINT_CHANNEL_LABELS[c.channel],
    category: c.category,
    categoryName: categoryName(c.category),
    reportedCategory: c.reported_category,
    description: c.description,
    unitUsci: c.unit_usci,
    address: c.address,
    location:
      c.lat != null && c.lng != null
        ? { lat: c.lat, lng: c.lng, system: 'wgs84', receivedAs: c.coord_system === 'gcj02' ? 'GCJ-02（已转换）' : 'WGS84' }
        : null,
    photos: PHOTOS.decode(c.photos_json) ?? [],
    anonymous: c.anonymous === 1,
    anonymityLabel: ANONYMITY_LABELS[anonymityOf(c.anonymous === 1, c.identity_enc !== null)],
    status: c.status,
    statusLabel: COMPLAINT_STATUS_LABELS[c.status],
    receivedAt: c.received_at,
    clock: clockView(c, extra.now),
    duplicateOf: c.duplicate_of,
    duplicates: extra.duplicates,
    taskId: c.task_id,
    outcome: c.outcome,
    outcomeLabel: c.outcome ? COMPLAINT_OUTCOME_LABELS[c.outcome] : null,
    findings: c.findings,
    orderId: c.order_id,
    verifiedAt: c.verified_at,
    feedback: c.feedback,
    feedbackImpossible: c.feedback_impossible,
    feedbackAt: c.feedback_at,
    externalRef: c.external_ref,
    satisfactionLabel: c.satisfaction ? SATISFACTION_LABELS[c.satisfaction] : null,
    reward: rewardView(extra.reward),
    returnVisits: extra.visits.map((v) => ({
      visitedAt: v.visited_at,
      satisfied: v.satisfied === 1,
      note: v.note,
      sourceLabel: RETURN_VISIT_SOURCE_LABELS[v.source],
    })),
    reporter: extra.reporter ? { name: extra.reporter.name ?? null, phone: extra.reporter.phone ?? null, idNumber: extra.reporter.idNumber ?? null } : null,
    hasContact: c.identity_enc !== null,
  };
}
