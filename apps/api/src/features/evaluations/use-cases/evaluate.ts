import { randomBytes } from 'node:crypto';
import type { EvaluationRequest, EvaluationView, EvaluationVisitRequest, EvaluationVisitView } from '@fep/contracts';
import { chinaDateOf, EVALUATION_LEVEL_LABELS, EVALUATION_TAGS, type EvaluationTag, isBadReview, policyKind, type ServiceEvaluationPolicy } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import type { Evaluation, EvaluationFollowUp } from '../../../db/schema/services.ts';
import type { DB } from '../../../db/schema.ts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Audit, type Deps, transact } from '../../../platform/transact.ts';
import { bookingForEvaluation, requestForEvaluation } from '../../appointments/index.ts';
import { applicationForEvaluation } from '../../licensing/index.ts';
import { EVALUATION_TAGS_COLUMN } from '../evaluations.columns.ts';
import { presentEvaluation } from '../evaluations.presenter.ts';
import { EVALUATION_SUBMITTED, type EvaluationSubmitted } from '../events.ts';

interface Matter {
  title: string;
  agencyId: string;
  agencyPath: string;
  /** Who is known to have evaluated, by name (a signed-in account or the name and phone given). */
  realName: { userId: string | null; name: string | null; phone: string | null } | null;
}

/**
 * What is evaluated and whether this caller may evaluate it: an application only by its applicant (the USCI
 * it was filed for), a completed appointment by whoever holds its booking code, a window visit by whoever
 * scanned its QR code (the token is the proof of the visit).
 */
async function matterOf(db: Executor, actor: Actor, input: EvaluationRequest, now: Date): Promise<Matter> {
  const given = input.evaluator ? { userId: actor.userId, name: input.evaluator.name, phone: input.evaluator.phone } : null;
  switch (input.matterType) {
    case 'licensing_application': {
      const a = await applicationForEvaluation(db, input.matterId);
      if (!a) throw notFound('办件');
      if (actor.kind !== 'applicant' || !actor.usci || actor.usci !== a.usci) throw new AppError('EVALUATION.NOT_YOURS', '只有办件的申请人可以评价该办件');
      if (!a.filed) throw new AppError('EVALUATION.NOT_EVALUABLE', '申请尚未提交，办理后才能评价');
      return { title: a.title, agencyId: a.agencyId, agencyPath: a.agencyPath, realName: { userId: actor.userId, name: actor.displayName, phone: null } };
    }
    case 'appointment': {
      const b = await bookingForEvaluation(db, input.matterId);
      if (!b) throw notFound('预约');
      if (b.status !== 'completed') throw new AppError('EVALUATION.NOT_EVALUABLE', '参观结束后才能评价该预约');
      return { title: b.title, agencyId: b.agencyId, agencyPath: b.agencyPath, realName: { userId: actor.userId, name: b.name, phone: b.phone } };
    }
    case 'appointment_request': {
      // A drill, training or off-hours service at the unit's time (SVC-03): by the unit that asked, once held.
      const r = await requestForEvaluation(db, input.matterId);
      if (!r) throw notFound('预约');
      const own = actor.userId !== null && (actor.userId === r.requesterUserId || (actor.kind === 'applicant' && !!actor.usci && actor.usci === r.usci));
      if (!own) throw new AppError('EVALUATION.NOT_YOURS', '只有提出预约的单位可以评价该服务');
      if (r.status !== 'confirmed' || !r.startsAt || new Date(r.startsAt) > now) throw new AppError('EVALUATION.NOT_EVALUABLE', '服务按约定时间进行后才能评价');
      return {
        title: r.title,
        agencyId: r.agencyId,
        agencyPath: r.agencyPath,
        realName: { userId: actor.userId, name: actor.displayName ?? r.name, phone: null },
      };
    }
    case 'window_visit': {
      const v = await db.selectFrom('evaluation_visits').selectAll().where('token', '=', input.matterId).executeTakeFirst();
      if (!v) throw notFound('办事记录（二维码）');
      return {
        title: `窗口办事：${v.service_title}`,
        agencyId: v.agency_id,
        agencyPath: v.agency_path,
        realName: actor.userId ? { ...given, userId: actor.userId, name: actor.displayName, phone: null } : given,
      };
    }
  }
}

export async function evaluationPolicy(db: Executor, agencyId: string, on: string) {
  const agency = await agencyById(db, agencyId);
  if (!agency) throw new Error(`unknown agency ${agencyId}`);
  const [r] = await resolveForAgency(db, agency, on, ['services.evaluation']);
  return { policy: r!.values as ServiceEvaluationPolicy, versionKey: r!.versionKey, agency };
}

/**
 * SVC-02: one evaluation per matter (一事一评) or per visit (一次一评) — the unique (matter type, matter) lets
 * exactly one of parallel submissions in. A bad review (不满意, 非常不满意) opens its follow-up at once, on a
 * platform clock of the policy's working days; a real-name bad review carries the return-visit duty.
 */
export async function submitEvaluation(deps: Deps, actor: Actor, input: EvaluationRequest): Promise<EvaluationView> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const m = await matterOf(trx, actor, input, deps.now());
    const now = deps.now();
    const nowIso = now.toISOString();
    const realName = m.realName !== null && (m.realName.userId !== null || m.realName.phone !== null);
    const row: Evaluation = {
      id: uuidv7(now.getTime()),
      matter_type: input.matterType,
      matter_id: input.matterId,
      matter_title: m.title,
      agency_id: m.agencyId,
      agency_path: m.agencyPath,
      level: input.level,
      tags_json: EVALUATION_TAGS_COLUMN.encode(input.tags ?? []),
      comment: input.comment?.trim() || null,
      real_name: realName ? 1 : 0,
      evaluator_user_id: actor.userId,
      evaluator_name: m.realName?.name ?? null,
      evaluator_phone: m.realName?.phone ?? null,
      excluded: 0,
      created_at: nowIso,
    };
    const r = await trx
      .insertInto('evaluations')
      .values(row)
      .onConflict((oc) => oc.columns(['matter_type', 'matter_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1)
      throw new AppError('EVALUATION.DUPLICATE', input.matterType === 'window_visit' ? '本次办事已评价过（一次一评）' : '该事项已评价过（一事一评）');
    await audit({ action: 'evaluation.submit', targetType: 'evaluation', targetId: row.id, after: { ...row, evaluator_phone: null } });
    const followUpId = isBadReview(input.level) ? await openFollowUp(trx, deps, audit, row, m.title, realName) : null;
    emit({
      type: EVALUATION_SUBMITTED,
      targetType: 'evaluation',
      targetId: row.id,
      agencyId: row.agency_id,
      payload: { ...evaluationFact(row) },
    });
    return presentEvaluation(row, followUpId);
  });
}

/**
 * A bad review (不满意, 非常不满意) opens its follow-up at once, on a platform clock of the `services.evaluation`
 * policy's working days; a real-name bad review carries the return-visit duty (实名差评回访率 100 %).
 */
async function openFollowUp(trx: Transaction<DB>, deps: Deps, audit: Audit, row: Evaluation, title: string, realName: boolean): Promise<string> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const { policy, versionKey, agency } = await evaluationPolicy(trx, row.agency_id, chinaDateOf(now));
  const followUpId = uuidv7(now.getTime());
  const clock = await startClock(
    trx,
    {
      targetType: 'evaluation_follow_up',
      targetId: followUpId,
      title: `差评整改：${title}`,
      agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
      unit: 'working_days',
      amount: policy.followUpWorkingDays,
      legalBasis: policyKind('services.evaluation').fields.followUpWorkingDays?.legalBasis ?? { document: '差评整改时限' },
      startedAt: nowIso,
      policyVersion: versionKey,
    },
    now,
  );
  const f: EvaluationFollowUp = {
    id: followUpId,
    evaluation_id: row.id,
    agency_id: row.agency_id,
    agency_path: row.agency_path,
    status: 'verifying',
    status_before_appeal: null,
    return_visit_required: realName ? 1 : 0,
    return_visited_at: null,
    clock_id: clock.id,
    policy_version: versionKey,
    version: 0,
    created_at: nowIso,
    updated_at: nowIso,
  };
  await trx.insertInto('evaluation_follow_ups').values(f).execute();
  await audit({ action: 'evaluation.follow_up.open', targetType: 'evaluation_follow_up', targetId: f.id, after: f, policyVersion: versionKey });
  return followUpId;
}

/** What the government 好差评 system is told of an evaluation (MON-03, SVC-02): no evaluator's name or phone. */
function evaluationFact(row: Evaluation): EvaluationSubmitted {
  const tags = (EVALUATION_TAGS_COLUMN.decode(row.tags_json) ?? []) as EvaluationTag[];
  return {
    evaluationId: row.id,
    matterType: row.matter_type,
    matterId: row.matter_id,
    matterTitle: row.matter_title,
    agencyId: row.agency_id,
    agencyPath: row.agency_path,
    level: row.level,
    levelLabel: EVALUATION_LEVEL_LABELS[row.level] ?? String(row.level),
    tags: tags.map((t) => EVALUATION_TAGS[t] ?? t),
    comment: row.comment,
    realName: row.real_name === 1,
    evaluatedAt: row.created_at,
  };
}

/**
 * A bad review the government 好差评 system received for one of our applications (MON-03, SVC-02), pulled back
 * through the partner gateway: recorded as the matter's evaluation and followed up like one given here. One per
 * matter (一事一评): a review of a matter already evaluated — the same review sent again, or one we pushed — finds
 * the evaluation there and opens nothing new.
 */
export async function recordGovernmentBadReview(
  deps: Deps,
  actor: Actor,
  input: {
    externalId: string;
    applicationId: string;
    level: number;
    tags: string[];
    comment: string | null;
    evaluatorName: string | null;
    evaluatorPhone: string | null;
    source: string;
  },
): Promise<{ evaluationId: string; followUpId: string | null; duplicate: boolean }> {
  return transact(deps, actor, async (trx, audit) => {
    const a = await applicationForEvaluation(trx, input.applicationId);
    if (!a) throw notFound('办件');
    if (!a.filed) throw new AppError('EVALUATION.NOT_EVALUABLE', '申请尚未提交，办理后才能评价');
    const byLabel = new Map(Object.entries(EVALUATION_TAGS).map(([code, label]) => [label as string, code]));
    const tags = [...new Set(input.tags.map((t) => (t in EVALUATION_TAGS ? t : byLabel.get(t))).filter((t): t is string => !!t))];
    const now = deps.now();
    const realName = !!(input.evaluatorName && input.evaluatorPhone);
    const row: Evaluation = {
      id: uuidv7(now.getTime()),
      matter_type: 'licensing_application',
      matter_id: a.id,
      matter_title: a.title,
      agency_id: a.agencyId,
      agency_path: a.agencyPath,
      level: input.level,
      tags_json: EVALUATION_TAGS_COLUMN.encode(tags as EvaluationTag[]),
      comment: [input.comment?.trim(), `（来自${input.source}，评价编号 ${input.externalId}）`].filter(Boolean).join(' '),
      real_name: realName ? 1 : 0,
      evaluator_user_id: null,
      evaluator_name: input.evaluatorName,
      evaluator_phone: input.evaluatorPhone,
      excluded: 0,
      created_at: now.toISOString(),
    };
    const r = await trx
      .insertInto('evaluations')
      .values(row)
      .onConflict((oc) => oc.columns(['matter_type', 'matter_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) {
      const existing = await trx
        .selectFrom('evaluations')
        .leftJoin('evaluation_follow_ups', 'evaluation_follow_ups.evaluation_id', 'evaluations.id')
        .select(['evaluations.id', 'evaluation_follow_ups.id as follow_up_id'])
        .where('evaluations.matter_type', '=', 'licensing_application')
        .where('evaluations.matter_id', '=', a.id)
        .executeTakeFirstOrThrow();
      await audit({
        action: 'evaluation.government_review.duplicate',
        targetType: 'evaluation',
        targetId: existing.id,
        details: { externalId: input.externalId, source: input.source },
      });
      return { evaluationId: existing.id, followUpId: existing.follow_up_id, duplicate: true };
    }
    await audit({
      action: 'evaluation.government_review',
      targetType: 'evaluation',
      targetId: row.id,
      after: { ...row, evaluator_phone: null },
      details: { externalId: input.externalId, source: input.source },
    });
    const followUpId = isBadReview(input.level) ? await openFollowUp(trx, deps, audit, row, a.title, realName) : null;
    return { evaluationId: row.id, followUpId, duplicate: false };
  });
}

/** At the window (一次一评): the clerk issues a QR code for this one visit; its token is what the visitor evaluates. */
export async function issueVisitToken(deps: Deps, actor: Actor, input: EvaluationVisitRequest): Promise<EvaluationVisitView> {
  return transact(deps, actor, async (trx, audit) => {
    if (!actor.agencyId || !actor.agencyPath) throw new AppError('AUTH.FORBIDDEN', '只有窗口工作人员可以生成评价二维码');
    const token = randomBytes(12).toString('base64url');
    const row = {
      id: uuidv7(deps.now().getTime()),
      token,
      agency_id: actor.agencyId,
      agency_path: actor.agencyPath,
      service_title: input.serviceTitle,
      clerk_user_id: userIdOf(actor),
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('evaluation_visits').values(row).execute();
    await audit({ action: 'evaluation.visit.issue', targetType: 'evaluation_visit', targetId: row.id, after: { ...row, token: null } });
    return { token, serviceTitle: input.serviceTitle, url: `/portal/evaluate?matterType=window_visit&matterId=${token}` };
  });
}
