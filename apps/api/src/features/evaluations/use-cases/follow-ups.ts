import type { EvaluationFigures, EvaluationFiguresQuery, FollowUpList, FollowUpListQuery, FollowUpStepRequest, FollowUpView } from '@fep/contracts';
import { EVALUATION_LEVEL_LABELS, FOLLOW_UP_STEP_LABELS, inScope, nextFollowUpStatus } from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { EvaluationFollowUp } from '../../../db/schema/services.ts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { applyClockEvent } from '../../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../../platform/org/scope.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { presentFollowUp } from '../evaluations.presenter.ts';

async function present(db: Executor, f: EvaluationFollowUp, nowIso: string): Promise<FollowUpView> {
  const e = await db.selectFrom('evaluations').selectAll().where('id', '=', f.evaluation_id).executeTakeFirstOrThrow();
  const steps = await db.selectFrom('evaluation_follow_up_steps').selectAll().where('follow_up_id', '=', f.id).orderBy('seq').execute();
  return presentFollowUp(db, f, e, steps, nowIso);
}

/** GET /api/v1/evaluations/follow-ups (SVC-02): the bad reviews of the caller's agencies with their clocks and return-visit duties. */
export async function listFollowUps(deps: Deps, actor: Actor, q: FollowUpListQuery): Promise<FollowUpList> {
  const db = deps.database.db;
  let query = db
    .selectFrom('evaluation_follow_ups')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'evaluation_follow_ups.agency_path' }));
  if (q.open) query = query.where('status', 'not in', ['closed', 'excluded']);
  const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
  const nowIso = deps.now().toISOString();
  const items: FollowUpView[] = [];
  for (const f of rows) items.push(await present(db, f, nowIso));
  return { items };
}

export async function getFollowUp(deps: Deps, actor: Actor, id: string): Promise<FollowUpView> {
  const db = deps.database.db;
  const f = await db.selectFrom('evaluation_follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!f) throw notFound('差评整改');
  if (!inScope(actor.scope, { agencyPath: f.agency_path })) throw outOfScope('差评整改', { type: 'evaluation_follow_up', id });
  return present(db, f, deps.now().toISOString());
}

/** Who may decide an appeal: not the staff whose service was reviewed, but the approver or the head. */
const DECIDE = new Set(['appeal_upheld', 'appeal_rejected']);

/**
 * One step of a bad review's follow-up (SVC-02), a compare-and-set on its status and version: 核实, 整改,
 * 反馈 (stops the clock; closes it unless a return visit is owed), 回访 (closes it), 申诉 against a mistaken or
 * malicious review (pauses nothing — the clock runs), and its decision (upheld: the review leaves the figures).
 */
export async function recordFollowUpStep(deps: Deps, actor: Actor, id: string, input: FollowUpStepRequest): Promise<FollowUpView> {
  return transact(deps, actor, async (trx, audit) => {
    const f = await trx.selectFrom('evaluation_follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!f) throw notFound('差评整改');
    if (!inScope(actor.scope, { agencyPath: f.agency_path })) throw outOfScope('差评整改', { type: 'evaluation_follow_up', id });
    if (DECIDE.has(input.step) && !actor.permissions.includes('services:evaluation:appeal'))
      throw new AppError('AUTH.FORBIDDEN', '申诉由审批人或单位负责人决定');
    if (input.version !== undefined && input.version !== f.version) throw new AppError('EVALUATION.FOLLOW_UP_STATE', '该差评刚被他人处理，请刷新后重试');
    const next = nextFollowUpStatus(f.status, input.step, { returnVisitRequired: f.return_visit_required === 1, statusBeforeAppeal: f.status_before_appeal });
    if (next === null)
      throw new AppError('EVALUATION.FOLLOW_UP_STATE', `当前状态不能${FOLLOW_UP_STEP_LABELS[input.step]}`, { status: f.status, step: input.step });
    const now = deps.now();
    const nowIso = now.toISOString();
    const set: Partial<EvaluationFollowUp> = { status: next, version: f.version + 1, updated_at: nowIso };
    if (input.step === 'appeal') set.status_before_appeal = f.status;
    if (input.step === 'return_visit') set.return_visited_at = nowIso;
    const u = await trx
      .updateTable('evaluation_follow_ups')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', f.status)
      .where('version', '=', f.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('EVALUATION.FOLLOW_UP_STATE', '该差评刚被他人处理，请刷新后重试');
    const seq = (await trx.selectFrom('evaluation_follow_up_steps').select('id').where('follow_up_id', '=', id).execute()).length + 1;
    await trx
      .insertInto('evaluation_follow_up_steps')
      .values({ id: uuidv7(now.getTime()), follow_up_id: id, seq, step: input.step, note: input.note, actor_user_id: userIdOf(actor), at: nowIso })
      .execute();
    // Feedback given (or the review set aside): the agency's time limit has been met; the clock stops.
    if (input.step === 'feedback' || input.step === 'appeal_upheld') {
      const clock = f.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', f.clock_id).executeTakeFirst() : undefined;
      if (clock && clock.status !== 'stopped')
        await applyClockEvent(trx, clock, { type: 'stop', reason: input.step === 'feedback' ? '已反馈评价人' : '申诉成立' }, userIdOf(actor), now);
    }
    if (input.step === 'appeal_upheld') await trx.updateTable('evaluations').set({ excluded: 1 }).where('id', '=', f.evaluation_id).execute();
    await audit({
      action: `evaluation.follow_up.${input.step}`,
      targetType: 'evaluation_follow_up',
      targetId: id,
      before: { status: f.status, version: f.version },
      after: { status: next, version: f.version + 1 },
      details: { note: input.note },
    });
    const after = await trx.selectFrom('evaluation_follow_ups').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(trx, after, nowIso);
  });
}

/**
 * The published figures (SVC-02, GB/T 39734-2020 附录B): reviews per level, bad reviews and how many were
 * rectified (fed back), real-name bad reviews and how many had their return visit. Reviews set aside on
 * appeal are left out.
 */
export async function evaluationFigures(deps: Deps, q: EvaluationFiguresQuery): Promise<EvaluationFigures> {
  const db = deps.database.db;
  let path: string | null = null;
  if (q.region) {
    const a = await findAgency(db, q.region);
    if (!a) throw notFound('该地区的消防救援机构');
    path = a.path;
  }
  let evals = db.selectFrom('evaluations').select(['level', 'real_name']).where('excluded', '=', 0);
  if (path) evals = evals.where('agency_path', 'like', `${path}%`);
  const rows = await evals.execute();
  let fus = db
    .selectFrom('evaluation_follow_ups')
    .innerJoin('evaluations', 'evaluations.id', 'evaluation_follow_ups.evaluation_id')
    .select(['evaluation_follow_ups.status', 'evaluation_follow_ups.return_visit_required', 'evaluation_follow_ups.return_visited_at'])
    .where('evaluations.excluded', '=', 0);
  if (path) fus = fus.where('evaluation_follow_ups.agency_path', 'like', `${path}%`);
  const followUps = await fus.execute();
  const bad = followUps.length;
  const badRectified = followUps.filter((f) => f.status === 'fed_back' || f.status === 'closed').length;
  return {
    total: rows.length,
    levels: [5, 4, 3, 2, 1].map((level) => ({ level, label: EVALUATION_LEVEL_LABELS[level]!, count: rows.filter((r) => r.level === level).length })),
    bad,
    badRectified,
    rectificationRate: bad === 0 ? null : Math.round((badRectified / bad) * 10000) / 10000,
    realNameBad: followUps.filter((f) => f.return_visit_required === 1).length,
    returnVisited: followUps.filter((f) => f.return_visited_at !== null).length,
  };
}
