import { ORDER_STATUS_LABELS } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { RandomPlanTable, RectificationOrderTable } from '../../db/schema.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { extensionsOf } from './supervision.repository.ts';

/** What the API shows of supervision records (the shapes the web app and the acceptance checks read). */
export const presentPlan = (p: RandomPlanTable) => ({
  id: p.id,
  title: p.title,
  purpose: p.purpose,
  periodStart: p.period_start,
  periodEnd: p.period_end,
  status: p.status,
  statusLabel: { draft: '草稿', published: '已公布，待抽取', drawn: '已抽取' }[p.status],
  rates: JSON.parse(p.rates_json) as unknown,
  items: JSON.parse(p.items_json) as unknown,
  inputsHash: p.inputs_hash,
  publicValueSource: p.public_value_source,
  publicValue: p.public_value,
  seed: p.seed,
  summary: p.summary_json ? (JSON.parse(p.summary_json) as unknown) : null,
  policyVersion: p.policy_version,
  publishedAt: p.published_at,
  drawnAt: p.drawn_at,
});

export async function presentOrder(db: Executor, o: RectificationOrderTable, nowIso: string) {
  const clock = o.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', o.clock_id).executeTakeFirst() : undefined;
  const extensions = await extensionsOf(db, o.id);
  return {
    id: o.id,
    number: o.number,
    usci: o.usci,
    subject: o.subject_name,
    items: JSON.parse(o.items_json) as unknown,
    guidance: o.guidance,
    deadline: o.deadline_date,
    status: o.status,
    statusLabel: ORDER_STATUS_LABELS[o.status],
    listed: o.listed === 1,
    reinspectionTaskId: o.reinspection_task_id,
    createdAt: o.created_at,
    clock: await presentClock(db, clock, nowIso),
    extensions: extensions.map((e) => ({
      id: e.id,
      days: e.requested_days,
      reason: e.reason,
      status: e.status,
      decisionReason: e.decision_reason,
      requestedAt: e.requested_at,
    })),
  };
}

export const CONFLICT_KIND_LABELS = { relative: '近亲属', former_employer: '原任职单位', declared: '其他应回避情形' } as const;
