/**
 * Supervision (SUP-01 … SUP-13): random plans and draws, field inspections, rectification orders.
 * The one feature that writes `rectification_orders`, `hazards`, `order_extensions`, `random_plans` and
 * `inspector_conflicts`; other features issue a rectification order through `issueOrder` inside their
 * own transaction. Inspection tasks themselves belong to features/inspections.
 */
export { withPlanChecklist } from './supervision.repository.ts';
export { type HazardInput, issueOrder } from './use-cases/issue-order.ts';
