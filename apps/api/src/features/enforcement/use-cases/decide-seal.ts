import type { SealDecisionBody, SealExtensionBody, SealLiftBody, SealServiceBody, SealView } from '@fep/contracts';
import { chinaDateOf, isCivilDate, sealEndDate, sealExtensionAllowed, yearOf } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementSeal } from '../../../db/schema/enforcement.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { applyClockEvent, startClock } from '../../../platform/clocks/clocks.service.ts';
import { nextSequence } from '../../../platform/documents/sequences.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Agency } from '../../../platform/org/agencies.repository.ts';
import type { Audit, Deps } from '../../../platform/transact.ts';
import { SEAL_PARTICIPANTS } from '../enforcement.columns.ts';
import { procedureBasis } from '../procedure.policy.ts';
import { issueSealDocument } from '../seal-documents.ts';
import { advanceSeal, closeOpenRequests, stopClock } from '../seal-steps.ts';
import { requireSealOfficer } from '../seals.access.ts';
import { caseNumber } from './open-case.ts';
import { trackingOf } from './rules.ts';
import { sealStep } from './seal-step.ts';

/**
 * The collective discussion (集体研究, 消防监督检查规定 art. 23) decides a proposed seal — it takes effect today
 * for its term and gets its decision number — or confirms an emergency seal, whose term has run since it was
 * sealed. Not agreed, a proposal ends there and an emergency seal is released at once (行政强制法 art. 19).
 * The record and its participants are kept on the seal.
 */
export async function decideSeal(deps: Deps, actor: Actor, sealId: string, input: SealDecisionBody): Promise<SealView> {
  return sealStep(deps, actor, sealId, async ({ trx, audit, s, agency, policy, policyVersion, now, today }) => {
    const nowIso = now.toISOString();
    const collective = {
      collective_record: input.record,
      collective_participants_json: SEAL_PARTICIPANTS.encode(input.participants),
      decided_by: actor.userId,
      decided_at: nowIso,
    };
    const emergency = s.status === 'emergency';
    if (!input.approve) {
      const after = emergency
        ? await advanceSeal(
            trx,
            s,
            'decline',
            { ...collective, lift_reason: '集体研究不同意紧急查封，立即解除（消防监督检查规定第二十三条）', lifted_by: actor.userId, lifted_at: nowIso },
            now,
          )
        : await advanceSeal(trx, s, 'decline', collective, now);
      for (const clock of [s.confirm_clock_id, s.term_clock_id, s.service_clock_id]) await stopClock(trx, clock, '集体研究不同意查封', actor.userId, now);
      if (emergency) await closeOpenRequests(trx, audit, after, '紧急查封经集体研究不同意，已解除', actor.userId, now);
      await audit({
        action: 'enforcement_seal.decline',
        targetType: 'enforcement_seal',
        targetId: s.id,
        details: { emergency, record: input.record, participants: input.participants },
      });
      return after;
    }
    const year = yearOf(today);
    const number = caseNumber(policy.sealNumberTemplate, agency.short_name, year, await nextSequence(trx, agency.id, 'seal_decision', year), policy.seqDigits);
    let after: EnforcementSeal;
    if (emergency) {
      after = await advanceSeal(trx, s, 'decide', { ...collective, number }, now);
      await stopClock(trx, s.confirm_clock_id, `集体研究确认：${number}`, actor.userId, now);
    } else {
      const term = await startTermClock(trx, s, agency, policyVersion, now);
      after = await advanceSeal(
        trx,
        s,
        'decide',
        { ...collective, number, start_date: today, end_date: sealEndDate(today, s.term_days), term_clock_id: term },
        now,
      );
    }
    // 临时查封决定书 (行政强制法 art. 24): recorded with the decision; its sealed PDF follows after the commit.
    await issueSealDocument(trx, deps, audit, actor, after);
    await audit({
      action: 'enforcement_seal.decide',
      targetType: 'enforcement_seal',
      targetId: s.id,
      policyVersion,
      details: {
        number,
        emergency,
        startDate: after.start_date,
        endDate: after.end_date,
        record: input.record,
        participants: input.participants,
        late: emergency && s.confirm_by !== null && nowIso > s.confirm_by,
      },
    });
    return after;
  });
}

async function startTermClock(trx: Transaction<DB>, s: EnforcementSeal, agency: Agency, policyVersion: string, now: Date): Promise<string> {
  const clock = await startClock(
    trx,
    {
      targetType: 'enforcement_seal',
      targetId: s.id,
      title: `临时查封期限：${s.unit_name}`,
      agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
      assigneeUserId: s.created_by,
      unit: 'calendar_days',
      amount: s.term_days,
      legalBasis: procedureBasis('sealMaxDays'),
      startedAt: now.toISOString(),
      policyVersion,
    },
    now,
  );
  return clock.id;
}

/** Service of the 临时查封决定书 (with its list of the parts sealed) by one of the two officers, with its real date. */
export async function serveSeal(deps: Deps, actor: Actor, sealId: string, input: SealServiceBody): Promise<SealView> {
  return sealStep(deps, actor, sealId, async ({ trx, audit, s, now, today }) => {
    requireSealOfficer(s, actor);
    if (s.served_on) throw new AppError('ENFORCEMENT.SEAL_STATE', '临时查封决定书已送达', { servedOn: s.served_on });
    const servedOn = input.servedAt.length > 10 ? chinaDateOf(input.servedAt) : input.servedAt;
    const decidedOn = s.decided_at ? chinaDateOf(s.decided_at) : s.inspected_on;
    if (!isCivilDate(servedOn) || servedOn > today || servedOn < decidedOn)
      throw new AppError('REQUEST.BAD_DATE', '送达日期应在作出决定之后、不晚于今天', { field: 'servedAt' });
    const trackingNumber = trackingOf(input);
    const after = await advanceSeal(trx, s, 'serve', { service_method: input.method, served_on: servedOn, service_tracking_number: trackingNumber }, now);
    await stopClock(trx, s.service_clock_id, `已送达：${s.number ?? ''}`, actor.userId, now);
    await audit({
      action: 'enforcement_seal.serve',
      targetType: 'enforcement_seal',
      targetId: s.id,
      details: { method: input.method, servedOn, trackingNumber },
    });
    return after;
  });
}

/**
 * One extension of the term (行政强制法 art. 25: by at most 30 days, with the head's approval), decided while
 * the seal is in force and before its end date has passed; the term clock is extended with it.
 */
export async function extendSeal(deps: Deps, actor: Actor, sealId: string, input: SealExtensionBody): Promise<SealView> {
  return sealStep(deps, actor, sealId, async ({ trx, audit, s, policy, now, today }) => {
    const ok = sealExtensionAllowed({ status: s.status, endDate: s.end_date, extendedDays: s.extended_days }, input.days, policy.sealExtensionDays, today);
    if (!ok.ok) {
      if (ok.reason === 'days')
        throw new AppError('ENFORCEMENT.SEAL_TERM', `延长期限不得超过 ${policy.sealExtensionDays} 日（行政强制法第二十五条）`, { field: 'days' });
      const message = {
        state: '只有查封中的临时查封可以延长期限',
        once: '临时查封期限只能延长一次（行政强制法第二十五条）',
        expired: '查封期限已届满，不能再延长；应当解除查封，仍须查封的重新作出决定',
      }[ok.reason];
      throw new AppError('ENFORCEMENT.SEAL_STATE', message, { status: s.status });
    }
    const endDate = sealEndDate(s.end_date!, input.days);
    const after = await advanceSeal(
      trx,
      s,
      'extend',
      { end_date: endDate, extended_days: input.days, extension_reason: input.reason, extended_by: actor.userId, extended_at: now.toISOString() },
      now,
    );
    if (s.term_clock_id) {
      const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', s.term_clock_id).executeTakeFirst();
      if (clock?.status === 'running') await applyClockEvent(trx, clock, { type: 'extend', amount: input.days, reason: input.reason }, actor.userId, now);
    }
    await audit({
      action: 'enforcement_seal.extend',
      targetType: 'enforcement_seal',
      targetId: s.id,
      details: { days: input.days, reason: input.reason, endDate },
    });
    return after;
  });
}

/**
 * Lifting by decision (行政强制法 art. 28): the hazard removed, no longer needed, or the term expired. The term
 * clock stops; the party's requests still open are closed.
 */
export async function liftSeal(deps: Deps, actor: Actor, sealId: string, input: SealLiftBody): Promise<SealView> {
  return sealStep(deps, actor, sealId, async ({ trx, audit, s, now }) => {
    const after = await liftStep(trx, audit, s, input.reason, actor.userId, now);
    return after;
  });
}

/** The lifting itself, shared by the decision on a request and the direct decision. */
export async function liftStep(trx: Transaction<DB>, audit: Audit, s: EnforcementSeal, reason: string, userId: string | null, now: Date) {
  const after = await advanceSeal(trx, s, 'lift', { lift_reason: reason, lifted_by: userId, lifted_at: now.toISOString() }, now);
  for (const clock of [s.term_clock_id, s.service_clock_id]) await stopClock(trx, clock, '临时查封已解除', userId, now);
  await audit({
    action: 'enforcement_seal.lift',
    targetType: 'enforcement_seal',
    targetId: s.id,
    details: { reason, wasExpired: s.status === 'expired_unlifted' },
  });
  await closeOpenRequests(trx, audit, after, '临时查封已解除', userId, now);
  return after;
}
