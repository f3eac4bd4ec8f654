import { randomBytes } from 'node:crypto';
import type { EvaluationRequest, EvaluationView, EvaluationVisitRequest, EvaluationVisitView } from '@fep/contracts';
import { chinaDateOf, isBadReview, policyKind, type ServiceEvaluationPolicy } from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { Evaluation, EvaluationFollowUp } from '../../../db/schema/services.ts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { bookingForEvaluation } from '../../appointments/index.ts';
import { applicationForEvaluation } from '../../licensing/index.ts';
import { EVALUATION_TAGS_COLUMN } from '../evaluations.columns.ts';
import { presentEvaluation } from '../evaluations.presenter.ts';

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
async function matterOf(db: Executor, actor: Actor, input: EvaluationRequest): Promise<Matter> {
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
  return transact(deps, actor, async (trx, audit) => {
    const m = await matterOf(trx, actor, input);
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
    let followUpId: string | null = null;
    if (isBadReview(input.level)) {
      const { policy, versionKey, agency } = await evaluationPolicy(trx, m.agencyId, chinaDateOf(now));
      followUpId = uuidv7(now.getTime());
      const clock = await startClock(
        trx,
        {
          targetType: 'evaluation_follow_up',
          targetId: followUpId,
          title: `差评整改：${m.title}`,
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
        agency_id: m.agencyId,
        agency_path: m.agencyPath,
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
    }
    return presentEvaluation(row, followUpId);
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
