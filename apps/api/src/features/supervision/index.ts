/**
 * Supervision (SUP-01 … SUP-13): random plans and draws, field inspections, rectification orders.
 * The one feature that writes `rectification_orders`, `hazards`, `order_extensions` and `random_plans`;
 * other features issue a rectification order through `issueOrder` inside their own transaction.
 */
export { issueOrder } from './field.ts';
export { withPlanChecklist } from './plans.ts';
