/**
 * Hazard reports and complaints (CMP-01 … CMP-04, SUP-06, MON-03): every channel — the public form and
 * 随手拍, 96119 and visits at the intake desk, 12345 work orders through the signed partner API, Open311 —
 * the statutory verification clocks, triage, verification through an inspection task, feedback, return
 * visits and rewards. The one feature that writes `complaints`, `complaint_photos`, `complaint_rewards`,
 * `complaint_return_visits`, `partner_keys`, `partner_nonces` and `work_order_reports` (read-only since 12345 reports go
 * through the gateway's one outbox). Complaints about officers are handed to
 * oversight; inspection tasks are created through features/inspections.
 */

export { complaintRoutes } from './complaints.routes.ts';
export * from './events.ts';
export { open311Routes } from './open311.routes.ts';
export { partnerRoutes } from './partner.routes.ts';
export { canonical as partnerCanonical, DEMO_12345_KEY, DEMO_12345_SECRET, DEMO_OPEN311_KEY, seedDemoPartnerKeys, sign as partnerSign } from './partner.ts';
export { HOTLINE_REPORT_SCOPE, moveWaitingWorkOrderReports } from './work-order-reports.ts';
