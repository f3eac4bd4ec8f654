import type { RectificationOrderTable } from '../../db/schema.ts';
import type { DomainEventInput } from '../../platform/events/outbox.ts';

/**
 * Facts of a rectification order that other features react to (today: notifications). The payload
 * carries the unit (USCI), the agency and the document, so no subscriber reads supervision's tables.
 */
export const ORDER_ISSUED = 'supervision.order_issued';
export const EXTENSION_REQUESTED = 'supervision.extension_requested';
export const EXTENSION_DECIDED = 'supervision.extension_decided';
/** An order listed one or more major fire hazards (重大火灾隐患, GB 35181): credit records it (CRD-01). */
export const MAJOR_HAZARD_LISTED = 'supervision.major_hazard_listed';

export interface OrderFact {
  orderId: string;
  orderNumber: string | null;
  usci: string;
  subjectName: string;
  agencyId: string;
  agencyPath: string;
  deadline: string;
}
export interface MajorHazardListed extends OrderFact {
  majorHazards: number;
}
export interface ExtensionRequested extends OrderFact {
  extensionId: string;
  days: number;
}
export interface ExtensionDecided extends OrderFact {
  extensionId: string;
  approved: boolean;
  days: number;
  reason: string;
}

export function orderFact(order: RectificationOrderTable): OrderFact {
  return {
    orderId: order.id,
    orderNumber: order.number,
    usci: order.usci,
    subjectName: order.subject_name,
    agencyId: order.agency_id,
    agencyPath: order.agency_path,
    deadline: order.deadline_date,
  };
}

export function orderEvent<P extends OrderFact>(type: string, payload: P): DomainEventInput {
  return { type, targetType: 'rectification_order', targetId: payload.orderId, agencyId: payload.agencyId, payload: { ...payload } as Record<string, unknown> };
}

/**
 * The field record of a random inspection (双随机) was entered: its result is due at the national platform within
 * the `supervision.publication` policy's days of the check (MON-03; 国发〔2019〕5号: 20 days, calendar days).
 */
export const RANDOM_CHECK_RECORDED = 'supervision.random_check_recorded';
export interface RandomCheckRecorded {
  taskId: string;
  planId: string;
  usci: string;
  subjectName: string;
  agencyId: string;
  agencyPath: string;
  agencyName: string;
  /** The check's day (China date) and the result. */
  checkedOn: string;
  result: 'pass' | 'hazards';
  hazardCount: number;
  orderNumber: string | null;
  /** The last day the result may reach the national platform, and the rule it comes from. */
  publishBy: string;
  publishRule: { days: number; unit: 'calendar_days'; legalBasis: string; policyVersion: string | null };
}

/**
 * A plan was drawn and some of its inspection tasks are still to be written (a province's draw writes its first ones
 * in the draw's transaction): supervision writes the rest in short transactions (`writePendingDrawTasks`).
 */
export const DRAW_TASKS_PENDING = 'supervision.draw_tasks_pending';
export interface DrawTasksPending {
  planId: string;
  pending: number;
}
