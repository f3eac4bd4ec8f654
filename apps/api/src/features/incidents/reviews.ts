import type { IncidentReviewView, ReviewAcceptBody, ReviewApplyBody, ReviewDecisionBody } from '@fep/contracts';
import { chinaDateOf, inScope, reviewInTime } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { IncidentReview } from '../../db/schema/incidents.ts';
import type { Actor } from '../../platform/actor.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Agency, agencyById } from '../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { advanceIncident, incidentInScope, incidentPolicy } from './incidents.ts';
import { presentReview } from './presenter.ts';

const RULE = '《火灾事故调查规定》（公安部令第121号修订）';
const ref = (a: Agency) => ({ id: a.id, path: a.path, regionCode: a.region_code });

/**
 * FIR-03: the party applies online for review (复核) of a general-procedure determination within 15 days of service,
 * to the next-higher agency, once only. The incident moves by compare-and-set (one review of concurrent applications);
 * the reviewing agency's 7-day acceptance clock starts.
 */
export async function applyForReview(deps: Deps, actor: Actor, id: string, input: ReviewApplyBody): Promise<IncidentReviewView> {
  return transact(deps, actor, async (trx, audit) => {
    const i = await incidentInScope(trx, actor, id);
    if (!actor.usci || i.unit_usci !== actor.usci) throw outOfScope('火灾事故', { type: 'incident', id });
    if (i.tier !== 'general') throw new AppError('INCIDENT.REVIEW_NOT_ALLOWED', '简易调查程序和现场登记的火灾不适用复核', { tier: i.tier });
    if (i.status !== 'determined' || !i.served_at) throw new AppError('INCIDENT.STATE', '尚未送达火灾事故认定书，不能申请复核', { status: i.status });
    const existing = await trx.selectFrom('incident_reviews').select('id').where('incident_id', '=', id).executeTakeFirst();
    if (existing) throw new AppError('INCIDENT.STATE', '已申请过复核（复核以一次为限）', { reviewId: existing.id });
    const now = deps.now();
    const nowIso = now.toISOString();
    if (input.appliedAt > nowIso || input.appliedAt < i.served_at)
      throw new AppError('REQUEST.BAD_DATE', '申请时间应在送达之后、不晚于现在', { field: 'appliedAt' });
    const agency = (await agencyById(trx, i.agency_id))!;
    const { policy, version } = await incidentPolicy(trx, agency, chinaDateOf(now));
    if (!reviewInTime(i.served_at, input.appliedAt, policy))
      throw new AppError('INCIDENT.REVIEW_LATE', `已超过申请复核期限：应在认定书送达之日起${policy.reviewApplyDays}日内（${i.review_last_day}前）申请`, {
        lastDay: i.review_last_day,
      });
    const higher = agency.parent_id ? await agencyById(trx, agency.parent_id) : undefined;
    if (!higher) throw new AppError('INCIDENT.REVIEW_NOT_ALLOWED', '对省级消防救援机构作出的认定不服的，向省级人民政府公安机关申请复核（不在本平台办理）');
    // The incident's version is the lock: of concurrent applications exactly one passes.
    await advanceIncident(trx, i, {}, { status: 'determined' });
    const reviewId = uuidv7(now.getTime());
    const clock = await startClock(
      trx,
      {
        targetType: 'incident_review',
        targetId: reviewId,
        title: `火灾事故认定复核受理期限：${i.place}火灾`,
        agency: ref(higher),
        unit: 'calendar_days',
        amount: policy.reviewAcceptDays,
        legalBasis: { document: RULE, clause: '复核申请的受理' },
        startedAt: input.appliedAt,
        policyVersion: version,
      },
      now,
    );
    const row: IncidentReview = {
      id: reviewId,
      incident_id: id,
      agency_id: higher.id,
      agency_path: higher.path,
      applicant_user_id: actor.userId,
      applied_at: input.appliedAt,
      reasons: input.reasons,
      status: 'applied',
      accept_clock_id: clock.id,
      file_clock_id: null,
      decision_clock_id: null,
      accepted_at: null,
      outcome: null,
      decision_reasons: null,
      decided_at: null,
      created_at: nowIso,
      version: 0,
    };
    await trx.insertInto('incident_reviews').values(row).execute();
    await audit({
      action: 'incident_review.apply',
      targetType: 'incident_review',
      targetId: reviewId,
      details: { incidentId: id, reviewingAgency: higher.id },
    });
    return presentReview(trx, row);
  });
}

/** A review the actor may act on: visible in scope (404 otherwise), and only the reviewing agency decides (403). */
async function reviewForDecision(trx: Executor, actor: Actor, id: string): Promise<IncidentReview> {
  const r = await trx.selectFrom('incident_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('复核申请');
  const incident = await trx.selectFrom('incidents').select('agency_path').where('id', '=', r.incident_id).executeTakeFirstOrThrow();
  if (!inScope(actor.scope, { agencyPath: r.agency_path }) && !inScope(actor.scope, { agencyPath: incident.agency_path }))
    throw outOfScope('复核申请', { type: 'incident_review', id });
  if (actor.agencyId !== r.agency_id) throw new AppError('INCIDENT.NOT_REVIEWING_AGENCY', '复核由作出认定机构的上一级消防救援机构受理和决定');
  return r;
}

async function advanceReview(trx: Executor, r: IncidentReview, from: IncidentReview['status'], set: Partial<IncidentReview>): Promise<IncidentReview> {
  const u = await trx
    .updateTable('incident_reviews')
    .set({ ...set, version: r.version + 1 })
    .where('id', '=', r.id)
    .where('status', '=', from)
    .where('version', '=', r.version)
    .executeTakeFirst();
  if (Number(u.numUpdatedRows) !== 1) throw new AppError('INCIDENT.STATE', '该复核申请刚被他人办理，请刷新后重试');
  return { ...r, ...set, version: r.version + 1 };
}

async function stop(trx: Executor, clockId: string | null, reason: string, actor: Actor, now: Date) {
  if (!clockId) return;
  const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
  if (clock && clock.status !== 'stopped') await applyClockEvent(trx, clock, { type: 'stop', reason }, actor.userId, now);
}

/**
 * The higher agency accepts (or refuses) the review within 7 days. On acceptance the original agency owes its written
 * explanation and file within 10 days (its clock) and the reviewing agency decides within 30 days (its clock).
 */
export async function acceptReview(deps: Deps, actor: Actor, id: string, input: ReviewAcceptBody): Promise<IncidentReviewView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await reviewForDecision(trx, actor, id);
    if (r.status !== 'applied') throw new AppError('INCIDENT.STATE', '该复核申请已办理受理', { status: r.status });
    const now = deps.now();
    const nowIso = now.toISOString();
    const incident = await trx.selectFrom('incidents').selectAll().where('id', '=', r.incident_id).executeTakeFirstOrThrow();
    const original = (await agencyById(trx, incident.agency_id))!;
    const reviewing = (await agencyById(trx, r.agency_id))!;
    const { policy, version } = await incidentPolicy(trx, original, chinaDateOf(now));
    let set: Partial<IncidentReview> = { status: 'rejected', accepted_at: nowIso, decision_reasons: input.reason || '不予受理' };
    const after = await advanceReview(trx, r, 'applied', input.accept ? { status: 'accepted', accepted_at: nowIso } : set);
    await stop(trx, r.accept_clock_id, input.accept ? '已受理' : '不予受理', actor, now);
    if (input.accept) {
      const place = `${incident.place}火灾`;
      const file = await startClock(
        trx,
        {
          targetType: 'incident_review',
          targetId: r.id,
          title: `复核：原认定机构提交书面说明和案卷期限：${place}`,
          agency: ref(original),
          unit: 'calendar_days',
          amount: policy.reviewFileDays,
          legalBasis: { document: RULE, clause: '复核' },
          startedAt: nowIso,
          policyVersion: version,
        },
        now,
      );
      const decision = await startClock(
        trx,
        {
          targetType: 'incident_review',
          targetId: r.id,
          title: `火灾事故认定复核决定期限：${place}`,
          agency: ref(reviewing),
          unit: 'calendar_days',
          amount: policy.reviewDecisionDays,
          legalBasis: { document: RULE, clause: '复核' },
          startedAt: nowIso,
          policyVersion: version,
        },
        now,
      );
      set = { file_clock_id: file.id, decision_clock_id: decision.id };
      await trx.updateTable('incident_reviews').set(set).where('id', '=', r.id).execute();
    }
    await audit({
      action: input.accept ? 'incident_review.accept' : 'incident_review.reject',
      targetType: 'incident_review',
      targetId: r.id,
      details: { reason: input.reason },
    });
    return presentReview(trx, { ...after, ...(input.accept ? set : {}) });
  });
}

/**
 * The review decision within 30 days of acceptance: the determination upheld, or the original agency ordered to
 * re-determine (its 15-day clock; the incident returns to investigation).
 */
export async function decideReview(deps: Deps, actor: Actor, id: string, input: ReviewDecisionBody): Promise<IncidentReviewView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await reviewForDecision(trx, actor, id);
    if (r.status !== 'accepted') throw new AppError('INCIDENT.STATE', '只有已受理的复核申请可以作出复核决定', { status: r.status });
    const now = deps.now();
    const nowIso = now.toISOString();
    const after = await advanceReview(trx, r, 'accepted', { status: 'decided', outcome: input.outcome, decision_reasons: input.reasons, decided_at: nowIso });
    await stop(trx, r.decision_clock_id, '已作出复核决定', actor, now);
    await stop(trx, r.file_clock_id, '已作出复核决定', actor, now);
    if (input.outcome === 'redetermine') {
      const incident = await trx.selectFrom('incidents').selectAll().where('id', '=', r.incident_id).executeTakeFirstOrThrow();
      const original = (await agencyById(trx, incident.agency_id))!;
      const { policy, version } = await incidentPolicy(trx, original, chinaDateOf(now));
      const clock = await startClock(
        trx,
        {
          targetType: 'incident',
          targetId: incident.id,
          title: `重新作出火灾事故认定期限：${incident.place}火灾`,
          agency: ref(original),
          unit: 'calendar_days',
          amount: policy.redeterminationDays,
          legalBasis: { document: RULE, clause: '复核（责令重新作出认定）' },
          startedAt: nowIso,
          policyVersion: version,
        },
        now,
      );
      await advanceIncident(trx, incident, { status: 'investigating', determination_clock_id: clock.id }, { status: 'determined' });
    }
    await audit({
      action: 'incident_review.decide',
      targetType: 'incident_review',
      targetId: r.id,
      details: { outcome: input.outcome, reasons: input.reasons },
    });
    return presentReview(trx, after);
  });
}
