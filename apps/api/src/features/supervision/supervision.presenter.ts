import type { OrderView, PlanView } from '@fep/contracts';
import { maskPersonalText, maskPersonName, ORDER_STATUS_LABELS } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { RandomPlanTable, RectificationOrderTable } from '../../db/schema.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { DRAW_SUMMARY, ORDER_ITEMS, PLAN_ITEMS, PLAN_RATES } from './supervision.columns.ts';
import { type ConflictListRow, extensionsOf, type PublicationCadence, type planResults } from './supervision.repository.ts';

/**
 * What the API shows of supervision records (the shapes the web app and the acceptance checks read). On lists
 * and public pages (`list`) ID and mobile numbers typed into free text are masked (PIPL art. 51, DESIGN §4).
 */
export const presentPlan = (p: RandomPlanTable, opts: { list?: boolean } = {}): PlanView => ({
  id: p.id,
  title: opts.list ? maskPersonalText(p.title) : p.title,
  purpose: opts.list ? maskPersonalText(p.purpose) : p.purpose,
  periodStart: p.period_start,
  periodEnd: p.period_end,
  status: p.status,
  statusLabel: { draft: '草稿', published: '已公布，待抽取', drawn: '已抽取' }[p.status],
  rates: PLAN_RATES.decode(p.rates_json),
  items: PLAN_ITEMS.decode(p.items_json),
  inputsHash: p.inputs_hash,
  publicValueSource: p.public_value_source,
  publicValue: p.public_value,
  seed: p.seed,
  summary: DRAW_SUMMARY.decode(p.summary_json),
  tasksPending: p.tasks_pending,
  policyVersion: p.policy_version,
  publishedAt: p.published_at,
  drawnAt: p.drawn_at,
});

export async function presentOrder(db: Executor, o: RectificationOrderTable, nowIso: string, opts: { list?: boolean } = {}): Promise<OrderView> {
  const clock = o.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', o.clock_id).executeTakeFirst() : undefined;
  const extensions = await extensionsOf(db, o.id);
  const text = opts.list ? maskPersonalText : <T>(s: T) => s;
  return {
    id: o.id,
    number: o.number,
    usci: o.usci,
    subject: text(o.subject_name),
    items: (ORDER_ITEMS.decode(o.items_json) ?? []).map((i) => ({ ...i, description: text(i.description) })),
    guidance: text(o.guidance),
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
      reason: text(e.reason),
      status: e.status,
      decisionReason: text(e.decision_reason),
      requestedAt: e.requested_at,
    })),
  };
}

export const CONFLICT_KIND_LABELS = { relative: '近亲属', former_employer: '原任职单位', declared: '其他应回避情形' } as const;

export const presentConflict = (r: ConflictListRow) => ({
  id: r.id,
  inspector: r.inspector,
  usci: r.usci,
  unit: r.unitName,
  kind: r.kind,
  kindLabel: CONFLICT_KIND_LABELS[r.kind],
  note: maskPersonalText(r.note),
  declaredAt: r.declared_at,
});

const CADENCE_LABELS: Record<PublicationCadence, string> = { per_plan: '随计划公示', monthly: '每月公示', quarterly: '每季度公示' };

/** A published plan on the public page, with its agency and how often that region publishes (SUP-08). */
export const presentPublicPlan = (p: RandomPlanTable & { agencyName: string }, cadence: PublicationCadence | undefined) => ({
  ...presentPlan(p, { list: true }),
  agencyName: p.agencyName,
  publication: cadence ? (CADENCE_LABELS[cadence] ?? '') : undefined,
});

/** The public results of a plan: the drawn units, their result, the inspectors' names masked (SUP-08). */
export function presentPublicResults(plan: RandomPlanTable, { tasks, names }: Awaited<ReturnType<typeof planResults>>) {
  return {
    plan: presentPlan(plan, { list: true }),
    items: tasks.map((t) => ({
      usci: t.usci,
      subject: t.subject_name,
      // The display name without its parenthesised post (e.g. "张三（监督员）").
      inspectors: t.inspectorIds.map((i) => maskPersonName((names.get(i) ?? '').replace(/（.*）$/, ''))),
      status: t.status === 'done' ? '已检查' : '待检查',
      result: t.result === 'pass' ? '未发现问题' : t.result === 'hazards' ? '发现问题，已责令改正' : null,
    })),
  };
}

/** The re-run of a draw from its public inputs, compared with the stored result. */
export const presentReplay = ({ identical, result }: { identical: boolean; result: { seed: string; inputsHash: string; drawn: unknown[] } }) => ({
  identical,
  seed: result.seed,
  inputsHash: result.inputsHash,
  drawn: result.drawn.length,
});
