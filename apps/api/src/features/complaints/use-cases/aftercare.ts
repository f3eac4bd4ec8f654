import { chinaDateOf, decideReward, rewardClaimDeadline } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { inScopeOr } from '../complaints.access.ts';
import { rewardsFor } from '../complaints.policy.ts';
import { complaintById, rewardOf, updateComplaintIf } from '../complaints.repository.ts';
import { sealText } from '../vault.ts';
import { byTrackingCode } from './reads.ts';
import { complaintStep, reopenPatch } from './steps.ts';

/**
 * Return visits (电话回访, CMP-03): satisfaction recorded; a dissatisfied reporter reopens the report in the
 * same transaction (a new verification with a new clock). Only a closed report is visited.
 */
export async function recordReturnVisit(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { satisfied: boolean; note?: string | null },
  source: 'phone' | 'hotline_12345' = 'phone',
  opts: { scoped: boolean } = { scoped: true },
): Promise<string> {
  if (!input.satisfied)
    return complaintStep(
      deps,
      actor,
      id,
      'reopen',
      async (ctx) => {
        const r = await reopenPatch(ctx, actor, input.note?.trim() || '回访不满意：举报人反映问题仍未解决', 'complaint.return_visit');
        return {
          ...r,
          patch: { ...r.patch, satisfaction: 'dissatisfied' as const },
          after: async (c) => {
            await c.trx
              .insertInto('complaint_return_visits')
              .values({
                id: uuidv7(),
                complaint_id: c.row.id,
                agency_path: c.row.agency_path,
                source,
                satisfied: 0,
                note: input.note ?? null,
                visited_by: actor.userId,
                visited_at: c.nowIso,
              })
              .execute();
          },
        };
      },
      opts,
    );
  return transact(deps, actor, async (trx, audit) => {
    const found = await complaintById(trx, id);
    const row = opts.scoped ? inScopeOr(actor, found, id) : found;
    if (!row) throw new AppError('COMPLAINTS.NOT_FOUND', '举报不存在');
    if (row.status !== 'closed') throw new AppError('COMPLAINTS.STATE', '该举报尚未办结，不能回访', { status: row.status });
    const nowIso = deps.now().toISOString();
    if (!(await updateComplaintIf(trx, row, { satisfaction: 'satisfied', updated_at: nowIso })))
      throw new AppError('COMPLAINTS.STATE', '该举报刚被他人处理，请刷新后重试');
    await trx
      .insertInto('complaint_return_visits')
      .values({
        id: uuidv7(),
        complaint_id: row.id,
        agency_path: row.agency_path,
        source,
        satisfied: 1,
        note: input.note ?? null,
        visited_by: actor.userId,
        visited_at: nowIso,
      })
      .execute();
    await audit({ action: 'complaint.return_visit', targetType: 'complaint', targetId: row.id, details: { satisfied: true, source } });
    return row.id;
  });
}

/**
 * The reward decision (CMP-03) by the jurisdiction's `complaints.rewards` rule in force: eligible or refused
 * with the reason the reporter reads. One decision per report (its primary key): of concurrent decisions one
 * is written. The claim window runs from the day of the decision (the reporter is told by tracking code).
 */
export async function decideComplaintReward(deps: Deps, actor: Actor, id: string, input: { excludedPerson: boolean; fine?: number | null }) {
  return transact(deps, actor, async (trx, audit) => {
    const row = inScopeOr(actor, await complaintById(trx, id), id);
    if (!row.outcome || (row.status !== 'verified' && row.status !== 'closed'))
      throw new AppError('COMPLAINTS.REWARD_STATE', '核查结论作出后才能决定奖励', { status: row.status });
    if (await rewardOf(trx, id)) throw new AppError('COMPLAINTS.REWARD_STATE', '该举报已作出奖励决定');
    const agency = await agencyById(trx, row.agency_id);
    if (!agency) throw new Error(`agency ${row.agency_id} not found`);
    const now = deps.now();
    const today = chinaDateOf(now);
    const { policy, versionKey } = await rewardsFor(trx, agency, today);
    const d = decideReward(policy, {
      category: row.category,
      outcome: row.outcome,
      anonymous: row.anonymous === 1,
      identifiable: row.identity_enc !== null,
      duplicate: row.duplicate_of !== null,
      excludedPerson: input.excludedPerson,
      fine: input.fine ?? null,
    });
    const claimBy = d.eligible ? rewardClaimDeadline(policy, today, await loadCalendar(trx, agency.region_code)) : null;
    const reward = {
      complaint_id: row.id,
      agency_path: row.agency_path,
      status: d.eligible ? ('offered' as const) : ('refused' as const),
      amount: d.eligible ? d.amount : null,
      reason: d.eligible ? null : d.reason,
      policy_version: versionKey,
      decided_by: actor.userId!,
      decided_at: now.toISOString(),
      claim_by: claimBy,
      claimed_at: null,
      payee_enc: null,
      paid_at: null,
      payment_ref: null,
    };
    const inserted = await trx
      .insertInto('complaint_rewards')
      .values(reward)
      .onConflict((oc) => oc.column('complaint_id').doNothing())
      .returning('complaint_id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('COMPLAINTS.REWARD_STATE', '该举报已作出奖励决定');
    await audit({ action: 'complaint.reward_decide', targetType: 'complaint', targetId: row.id, after: reward, details: { policyVersion: versionKey } });
    return row.id;
  });
}

/**
 * The reporter claims an offered reward with the tracking code, within the claim window; the payee account
 * is sealed like the identity. Compare-and-set on the reward's status: one claim.
 */
export async function claimReward(deps: Deps, actor: Actor, code: string, input: { payeeName: string; account: string }) {
  const c = await byTrackingCode(deps, actor, code);
  return transact(deps, actor, async (trx, audit) => {
    const reward = await rewardOf(trx, c.id);
    if (reward?.status !== 'offered') throw new AppError('COMPLAINTS.REWARD_STATE', '该举报没有可领取的奖励，或奖励已申领');
    const now = deps.now();
    if (reward.claim_by && chinaDateOf(now) > reward.claim_by)
      throw new AppError('COMPLAINTS.CLAIM_EXPIRED', `领奖期限已于 ${reward.claim_by} 届满`, { claimBy: reward.claim_by });
    const payee = sealText(deps, `${input.payeeName}\u001f${input.account}`, `reward:${c.id}`);
    const r = await trx
      .updateTable('complaint_rewards')
      .set({ status: 'claimed', claimed_at: now.toISOString(), payee_enc: payee })
      .where('complaint_id', '=', c.id)
      .where('status', '=', 'offered')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('COMPLAINTS.REWARD_STATE', '奖励已申领');
    await audit({ action: 'complaint.reward_claim', targetType: 'complaint', targetId: c.id, details: { claimBy: reward.claim_by } });
    return { statusLabel: '已申领，待发放', amount: reward.amount, claimBy: reward.claim_by };
  });
}

/** The payment of a claimed reward, recorded with its voucher reference (compare-and-set: one payment). */
export async function recordRewardPayment(deps: Deps, actor: Actor, id: string, input: { paymentRef: string }) {
  return transact(deps, actor, async (trx, audit) => {
    const row = inScopeOr(actor, await complaintById(trx, id), id);
    const nowIso = deps.now().toISOString();
    const r = await trx
      .updateTable('complaint_rewards')
      .set({ status: 'paid', paid_at: nowIso, payment_ref: input.paymentRef })
      .where('complaint_id', '=', row.id)
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('COMPLAINTS.REWARD_STATE', '奖励尚未申领或已发放');
    await audit({ action: 'complaint.reward_pay', targetType: 'complaint', targetId: row.id, details: { paymentRef: input.paymentRef } });
    return row.id;
  });
}
