import { renderDocumentNumber } from '../documents/number.ts';

/**
 * A rectification order (责令限期改正, 消防法 art. 60; 消防监督检查规定 art. 20) and its extension
 * requests as pure transition tables. The unit may ask for an extension while the order is open; it
 * reports the rectification (open → reported); the re-inspection closes it (fixed) or escalates it (not
 * fixed); an open or reported order may also be escalated by the agency when the deadline passed.
 */
export const ORDER_STATUSES = ['open', 'reported', 'closed', 'escalated'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderAction = 'request_extension' | 'extend' | 'report' | 'close' | 'escalate';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  open: '整改中',
  reported: '已报告整改，待复查',
  closed: '已销案',
  escalated: '已移送执法',
};

const ORDER_TABLE: Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>> = {
  open: { request_extension: 'open', extend: 'open', report: 'reported', escalate: 'escalated' },
  reported: { close: 'closed', escalate: 'escalated' },
  closed: {},
  escalated: {},
};

export class OrderTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly action: string,
  ) {
    super(`rectification order cannot ${action} while ${from}`);
  }
}

export function nextOrderStatus(from: OrderStatus, action: OrderAction): OrderStatus {
  const to = ORDER_TABLE[from][action];
  if (!to) throw new OrderTransitionError(from, action);
  return to;
}

/** The states an action may start from: the `expected` of a compare-and-set update. */
export function orderStatesFor(action: OrderAction): OrderStatus[] {
  return ORDER_STATUSES.filter((s) => ORDER_TABLE[s][action] !== undefined);
}

export const EXTENSION_STATUSES = ['pending', 'approved', 'denied'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export type ExtensionAction = 'approve' | 'deny';

const EXTENSION_TABLE: Record<ExtensionStatus, Partial<Record<ExtensionAction, ExtensionStatus>>> = {
  pending: { approve: 'approved', deny: 'denied' },
  approved: {},
  denied: {},
};

/** An extension request is decided once: approved or denied. */
export function nextExtensionStatus(from: ExtensionStatus, action: ExtensionAction): ExtensionStatus {
  const to = EXTENSION_TABLE[from][action];
  if (!to) throw new OrderTransitionError(`extension ${from}`, action);
  return to;
}

/**
 * The document number of a rectification order from the `supervision.rectification` template, rendered
 * by the one document-number function (see documents/number.ts for the placeholders).
 */
export function orderNumber(template: string, agencyShortName: string, year: number, seq: number, seqDigits: number): string {
  return renderDocumentNumber(template, { agencyShortName, year, seq, seqDigits });
}
