import type { EvaluationView, FollowUpView } from '@fep/contracts';
import {
  EVALUATION_LEVEL_LABELS,
  EVALUATION_MATTER_LABELS,
  EVALUATION_TAGS,
  FOLLOW_UP_STATUS_LABELS,
  FOLLOW_UP_STEP_LABELS,
  type FollowUpStep,
  nextFollowUpStatus,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Evaluation, EvaluationFollowUp, EvaluationFollowUpStep } from '../../db/schema/services.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { EVALUATION_TAGS_COLUMN } from './evaluations.columns.ts';

export type EvaluationRow = Evaluation;
export type FollowUpRow = EvaluationFollowUp;

export function presentEvaluation(e: EvaluationRow, followUpId: string | null): EvaluationView {
  const tags = EVALUATION_TAGS_COLUMN.decode(e.tags_json) ?? [];
  return {
    id: e.id,
    matterType: e.matter_type,
    matterTypeLabel: EVALUATION_MATTER_LABELS[e.matter_type],
    matterTitle: e.matter_title,
    level: e.level,
    levelLabel: EVALUATION_LEVEL_LABELS[e.level] ?? String(e.level),
    tags: tags.map((t) => ({ tag: t, label: (EVALUATION_TAGS as Record<string, string>)[t] ?? t })),
    comment: e.comment,
    realName: e.real_name === 1,
    createdAt: e.created_at,
    followUpId,
  };
}

const STEPS = Object.keys(FOLLOW_UP_STEP_LABELS) as FollowUpStep[];

export async function presentFollowUp(
  db: Executor,
  f: FollowUpRow,
  e: EvaluationRow,
  steps: readonly EvaluationFollowUpStep[],
  nowIso: string,
): Promise<FollowUpView> {
  const clock = f.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', f.clock_id).executeTakeFirst() : undefined;
  const c = await presentClock(db, clock, nowIso);
  const required = f.return_visit_required === 1;
  const ctx = { returnVisitRequired: required, statusBeforeAppeal: f.status_before_appeal };
  return {
    id: f.id,
    evaluation: presentEvaluation(e, f.id),
    status: f.status,
    statusLabel: FOLLOW_UP_STATUS_LABELS[f.status],
    returnVisit: {
      required,
      done: f.return_visited_at !== null,
      doneAt: f.return_visited_at,
      label: !required ? '匿名评价，无需回访' : f.return_visited_at ? '已回访' : '实名差评，须回访',
    },
    clock: c
      ? { id: c.id, status: c.status, statusLabel: c.statusLabel, dueDate: c.dueDate, alert: c.alert, amount: c.amount, legalBasis: c.legalBasis }
      : null,
    steps: steps.map((s) => ({ step: s.step, label: FOLLOW_UP_STEP_LABELS[s.step as FollowUpStep] ?? s.step, note: s.note, at: s.at })),
    next: STEPS.filter((s) => nextFollowUpStatus(f.status, s, ctx) !== null).map((s) => ({ step: s, label: FOLLOW_UP_STEP_LABELS[s] })),
    policyVersion: f.policy_version,
    version: f.version,
  };
}
