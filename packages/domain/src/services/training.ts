import { addMonths } from '../credit/standing.ts';

/** Online training (SVC-04). */
export const TRAINING_KIND_LABELS = { video: '视频课程', document: '图文课程' } as const;
export type TrainingKind = keyof typeof TRAINING_KIND_LABELS;

/**
 * When a person's next training falls due: the retraining interval (policy `services.training`, months) after
 * the last completion; with no completion it is due now. Dates are China calendar dates (YYYY-MM-DD).
 */
export function trainingDue(lastCompletedOn: string | null, intervalMonths: number, today: string): { dueOn: string | null; due: boolean } {
  if (!lastCompletedOn) return { dueOn: null, due: true };
  const dueOn = addMonths(lastCompletedOn, intervalMonths);
  return { dueOn, due: dueOn <= today };
}

/** Expert guidance (SVC-05). */
export const GUIDANCE_MODE_LABELS = { on_site: '现场指导', online: '线上指导' } as const;
export type GuidanceMode = keyof typeof GUIDANCE_MODE_LABELS;
export const GUIDANCE_STATUS_LABELS = { requested: '待指派专家', assigned: '指导中', closed: '已办结' } as const;
export type GuidanceStatus = keyof typeof GUIDANCE_STATUS_LABELS;
export const ADVICE_STATUS_LABELS = { open: '待落实', done: '已落实' } as const;
