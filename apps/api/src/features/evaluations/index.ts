/**
 * 政务服务"好差评" (SVC-02): evaluations, window visit tokens and bad-review follow-ups. The one feature that
 * writes `evaluations`, `evaluation_visits`, `evaluation_follow_ups` and `evaluation_follow_up_steps`.
 */
export { evaluationRoutes } from './evaluations.routes.ts';
export * from './events.ts';
export { recordGovernmentBadReview } from './use-cases/evaluate.ts';
