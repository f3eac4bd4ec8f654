import type { CreditRequestBody, CreditRequestView } from '@fep/contracts';
import { chinaDateOf, policyKind, REPAIR_REFUSAL_LABELS, type RepairConditions, repairEligibility } from '@fep/domain';
import { type SqlBool, sql } from 'kysely';
import type { CreditRequestRow } from '../../../db/schema/credit.ts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { applyClockEvent, startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { requestInScope } from '../credit.access.ts';
import { REQUEST_CONDITIONS, REQUEST_EVIDENCE } from '../credit.columns.ts';
import { creditPolicies } from '../credit.policy.ts';
import { presentRequest } from '../credit.presenter.ts';
import { queueDelivery } from '../deliveries.ts';
import { recomputeStanding, recordFact } from '../standings.ts';

const NONE: RepairConditions = { corrected: false, penaltyFulfilled: false, commitmentSigned: false };

/**
 * The unit applies for repair of a credit record (信用修复, 国家发展改革委令第58号) or objects to it (异议) with
 * evidence (CRD-03). Repair is open only after the record's minimum publicity period; the request is due on
 * the policy's working days counted on the agency's calendar. One open request per record and kind.
 */
export async function submitCreditRequest(deps: Deps, actor: Actor, input: CreditRequestBody): Promise<CreditRequestView> {
  return transact(deps, actor, async (trx, audit) => {
    if (actor.kind !== 'applicant' || !actor.usci) throw new AppError('AUTH.FORBIDDEN', '只有单位本身可以申请信用修复或提出异议');
    const record = await trx.selectFrom('credit_events').selectAll().where('id', '=', input.recordId).executeTakeFirst();
    if (!record) throw notFound('信用记录');
    if (record.usci !== actor.usci) throw outOfScope('信用记录', { type: 'credit_event', id: input.recordId });
    if (record.status !== 'active') throw new AppError('CREDIT.RECORD_STATE', '该信用记录已撤回、更正或修复，无需申请');
    const today = chinaDateOf(deps.now());
    const policy = await creditPolicies(trx, record.agency_id, today);
    const conditions = input.conditions ?? NONE;
    if (input.kind === 'repair') {
      const e = repairEligibility(recordFact(record), today, { corrected: true, penaltyFulfilled: true, commitmentSigned: true }, policy.publicity);
      if (!e.eligible)
        throw new AppError(
          'CREDIT.NOT_ELIGIBLE',
          `暂不能申请信用修复：${e.refusals.map((r) => REPAIR_REFUSAL_LABELS[r]).join('；')}${e.refusals.includes('minimum_period') ? `（${e.repairFrom} 起可申请）` : ''}`,
          {
            refusals: e.refusals,
            repairFrom: e.repairFrom,
          },
        );
    }
    const agency = await trx.selectFrom('agencies').select(['path', 'region_code']).where('id', '=', record.agency_id).executeTakeFirstOrThrow();
    const days = input.kind === 'repair' ? policy.publicity.repairDecisionWorkingDays : policy.publicity.objectionDecisionWorkingDays;
    const id = uuidv7(deps.now().getTime());
    const subject = record.subject_name ?? actor.displayName ?? record.usci;
    // The decision runs on a platform clock (CRD-03: each step with its clock), counted on the agency's
    // working calendar from the day after filing, with the legal basis of the policy field it came from.
    const field = input.kind === 'repair' ? 'repairDecisionWorkingDays' : 'objectionDecisionWorkingDays';
    const basis = policyKind('credit.publicity').fields[field]?.legalBasis ?? { document: '信用修复、异议办理时限' };
    const clock = await startClock(
      trx,
      {
        targetType: 'credit_request',
        targetId: id,
        title: `${input.kind === 'repair' ? '信用修复申请' : '信用记录异议'}：${subject}`,
        agency: { id: record.agency_id, path: agency.path, regionCode: agency.region_code },
        unit: 'working_days',
        amount: days,
        legalBasis: basis,
        startedAt: deps.now().toISOString(),
        policyVersion: policy.versionKey,
      },
      deps.now(),
    );
    const row: CreditRequestRow = {
      id,
      kind: input.kind,
      status: 'pending',
      version: 0,
      usci: record.usci,
      subject_name: subject,
      agency_id: record.agency_id,
      agency_path: agency.path,
      record_id: record.id,
      reason: input.reason,
      evidence_json: REQUEST_EVIDENCE.encode(input.evidenceFileIds ?? []),
      conditions_json: REQUEST_CONDITIONS.encode(conditions),
      due_on: clock.due_date ?? today,
      policy_version: policy.versionKey,
      submitted_by: userIdOf(actor),
      created_at: deps.now().toISOString(),
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      clock_id: clock.id,
    };
    const r = await trx
      .insertInto('credit_requests')
      .values(row)
      // The literal, not a parameter: SQLite matches the conflict target to the partial index by its text.
      .onConflict((oc) => oc.columns(['record_id', 'kind']).where(sql<SqlBool>`status = 'pending'`).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('CREDIT.REQUEST_STATE', '该记录已有办理中的同类申请');
    await audit({ action: 'credit_request.submit', targetType: 'credit_request', targetId: row.id, after: row, policyVersion: policy.versionKey });
    return presentRequest(row, record.kind as CreditRequestView['recordKind']);
  });
}

/**
 * Staff decide a request (CRD-03) by compare-and-set on its status: a repair granted marks the record repaired
 * (only when eligible today, with the 58号令 conditions as the unit declared them and staff confirmed);
 * an objection upheld corrects the record (it stops counting and leaves the portal); refused or dismissed
 * keeps the record, with the reasons. The unit's standing is recomputed in the same transaction.
 */
export async function decideCreditRequest(deps: Deps, actor: Actor, id: string, input: { approve: boolean; reason: string; version?: number | undefined }) {
  return transact(deps, actor, async (trx, audit, emit) => {
    const req = requestInScope(actor, id, await trx.selectFrom('credit_requests').selectAll().where('id', '=', id).executeTakeFirst());
    if (req.status !== 'pending') throw new AppError('CREDIT.REQUEST_STATE', '该申请已办结', { status: req.status });
    if (input.version !== undefined && input.version !== req.version) throw new AppError('CREDIT.REQUEST_STATE', '该申请已被他人处理，请刷新后重试');
    const record = await trx.selectFrom('credit_events').selectAll().where('id', '=', req.record_id).executeTakeFirstOrThrow();
    const today = chinaDateOf(deps.now());
    const nowIso = deps.now().toISOString();
    const status: CreditRequestRow['status'] = req.kind === 'repair' ? (input.approve ? 'granted' : 'refused') : input.approve ? 'upheld' : 'dismissed';
    // The request first: of parallel identical decisions exactly one passes this compare-and-set.
    const done = await trx
      .updateTable('credit_requests')
      .set({ status, version: req.version + 1, decided_by: userIdOf(actor), decided_at: nowIso, decision_reason: input.reason })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('version', '=', req.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('CREDIT.REQUEST_STATE', '该申请已被他人处理，请刷新后重试');
    // Decided: its clock stops at the decision (the limit measured is the agency's).
    const clock = req.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', req.clock_id).executeTakeFirst() : undefined;
    if (clock && clock.status !== 'stopped') await applyClockEvent(trx, clock, { type: 'stop', reason: '已作出决定' }, userIdOf(actor), deps.now());
    if (input.approve) {
      const policy = await creditPolicies(trx, record.agency_id, today);
      if (req.kind === 'repair') {
        const e = repairEligibility(recordFact(record), today, REQUEST_CONDITIONS.decode(req.conditions_json)!, policy.publicity);
        if (!e.eligible)
          throw new AppError('CREDIT.NOT_ELIGIBLE', `不符合信用修复条件：${e.refusals.map((r) => REPAIR_REFUSAL_LABELS[r]).join('；')}`, {
            refusals: e.refusals,
          });
      }
      const u = await trx
        .updateTable('credit_events')
        .set({ status: req.kind === 'repair' ? 'repaired' : 'corrected', status_reason: input.reason, status_changed_at: nowIso, version: record.version + 1 })
        .where('id', '=', record.id)
        .where('status', '=', 'active')
        .where('version', '=', record.version)
        .executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) throw new AppError('CREDIT.RECORD_STATE', '该信用记录已撤回、更正或修复');
      if (record.kind === 'penalty') await queueDelivery(trx, deps, record, 'withdraw', policy.publicity);
    }
    await audit({
      action: 'credit_request.decide',
      targetType: 'credit_request',
      targetId: id,
      before: { status: req.status },
      after: { status },
      details: { reason: input.reason, recordId: record.id },
    });
    if (input.approve) await recomputeStanding(trx, req.usci, deps.now(), `request:${id}`, emit);
    return presentRequest(
      { ...req, status, version: req.version + 1, decided_by: userIdOf(actor), decided_at: nowIso, decision_reason: input.reason },
      record.kind as CreditRequestView['recordKind'],
    );
  });
}
