import type { SealCreateBody, SealView } from '@fep/contracts';
import { addDays, chinaDateOf, inScope, isCivilDate, SEAL_SITUATION_LABELS, sealEndDate, sealTermAllowed, startOfChinaDay } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { refuseOutsideJurisdiction } from '../case-steps.ts';
import { checkOfficers, loadCase } from '../cases.access.ts';
import { SEAL_MAP_POINT, SEAL_OFFICERS, SEAL_PHOTOS } from '../enforcement.columns.ts';
import { procedureBasis, procedureFor } from '../procedure.policy.ts';
import { emitSealChanged } from '../seal-map.ts';
import { presentSeal } from '../seals.presenter.ts';

const HOUR = 3_600_000;

/**
 * Two certified officers put a temporary seal (临时查封, ENF-05; 消防法 art. 54) on the record: the unit, one of
 * the five situations of 消防监督检查规定 art. 22, the parts sealed (photos, map point), the inspection day and
 * the term asked for (at most the policy's days, 行政强制法 art. 25). Ordinarily it waits for the collective
 * discussion (集体研究, art. 23); in an emergency the place is sealed at once on the head's oral approval and the
 * discussion must confirm it within the policy's hours (行政强制法 art. 19), or it is released. The service
 * clock of the decision runs from the inspection (art. 23: within 3 working days). A seal may come from a
 * penalty case (then it is the case's party) or straight from an inspection finding.
 */
export async function openSeal(deps: Deps, actor: Actor, input: SealCreateBody): Promise<SealView> {
  const db = deps.database.db;
  const now = deps.now();
  const today = chinaDateOf(now);
  const agency = await findAgency(db, input.regionCode);
  if (!agency) throw notFound('该行政区划的消防救援机构');
  if (!inScope(actor.scope, { agencyPath: agency.path, agencyId: agency.id }))
    await refuseOutsideJurisdiction(deps, actor, agency, { action: 'enforcement_seal.propose', what: '实施临时查封' });
  const { policy, versionKey } = await procedureFor(db, agency, today);
  if (!sealTermAllowed(input.termDays, policy.sealMaxDays))
    throw new AppError('ENFORCEMENT.SEAL_TERM', `临时查封期限不得超过 ${policy.sealMaxDays} 日（行政强制法第二十五条）`, { field: 'termDays' });
  if (!isCivilDate(input.inspectedOn) || input.inspectedOn > today || input.inspectedOn < addDays(today, -policy.sealMaxDays))
    throw new AppError('REQUEST.BAD_DATE', '检查日期应为最近的检查日，不晚于今天', { field: 'inspectedOn' });
  const emergency = input.emergency === true;
  if (emergency && !input.oralApproval)
    throw new AppError('REQUEST.INVALID', '紧急查封须写明口头批准的负责人及时间（消防监督检查规定第二十三条）', { field: 'oralApproval' });
  if (input.caseId) {
    const c = await loadCase(deps, actor, db, input.caseId);
    if (c.party_usci !== input.usci || c.agency_id !== agency.id)
      throw new AppError('ENFORCEMENT.SEAL_PARTY_MISMATCH', '临时查封的单位须是该案件的当事人，且由办案机构实施', { field: 'caseId' });
  }
  const officers = await checkOfficers(db, {
    agencyPath: agency.path,
    onDate: today,
    openerId: actor.userId ?? '',
    coOfficerId: input.coOfficerId,
    usci: input.usci,
    onTheSpot: false,
  });
  const photos = [...new Set(input.photoIds)];
  if (photos.length) {
    const found = await db.selectFrom('files').select(['id', 'uploaded_by']).where('id', 'in', photos).execute();
    if (found.length !== photos.length || found.some((f) => !officers.includes(f.uploaded_by)))
      throw new AppError('RESOURCE.NOT_FOUND', '照片不存在或不是执法人员上传的', { field: 'photoIds' });
  }

  return transact(deps, actor, async (trx, audit, emit) => {
    const nowIso = now.toISOString();
    const id = uuidv7(now.getTime());
    const ref = { id: agency.id, path: agency.path, regionCode: agency.region_code };
    const service = await startClock(
      trx,
      {
        targetType: 'enforcement_seal',
        targetId: id,
        title: `送达临时查封决定书：${input.unitName}`,
        agency: ref,
        assigneeUserId: officers[0] ?? null,
        unit: 'working_days',
        amount: policy.sealServiceWorkingDays,
        legalBasis: procedureBasis('sealServiceWorkingDays'),
        startedAt: startOfChinaDay(input.inspectedOn),
        policyVersion: versionKey,
      },
      now,
    );
    // An emergency seal is in place now: its term runs, and so does the clock of its confirmation.
    const confirm = emergency
      ? await startClock(
          trx,
          {
            targetType: 'enforcement_seal',
            targetId: id,
            title: `紧急查封集体研究确认：${input.unitName}`,
            agency: ref,
            unit: 'hours',
            amount: policy.sealEmergencyConfirmHours,
            legalBasis: procedureBasis('sealEmergencyConfirmHours'),
            startedAt: nowIso,
            policyVersion: versionKey,
          },
          now,
        )
      : null;
    const term = emergency
      ? await startClock(
          trx,
          {
            targetType: 'enforcement_seal',
            targetId: id,
            title: `临时查封期限：${input.unitName}`,
            agency: ref,
            assigneeUserId: officers[0] ?? null,
            unit: 'calendar_days',
            amount: input.termDays,
            legalBasis: procedureBasis('sealMaxDays'),
            startedAt: nowIso,
            policyVersion: versionKey,
          },
          now,
        )
      : null;
    const row = {
      id,
      number: null,
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      case_id: input.caseId ?? null,
      status: emergency ? ('emergency' as const) : ('proposed' as const),
      version: 0,
      usci: input.usci,
      unit_name: input.unitName,
      situation: input.situation,
      scope: input.scope,
      photo_ids_json: SEAL_PHOTOS.encode(photos),
      map_point_json: input.mapPoint ? SEAL_MAP_POINT.encode(input.mapPoint) : null,
      inspected_on: input.inspectedOn,
      term_days: input.termDays,
      emergency: emergency ? 1 : 0,
      oral_approval: emergency ? (input.oralApproval ?? null) : null,
      confirm_by: emergency ? new Date(now.getTime() + policy.sealEmergencyConfirmHours * HOUR).toISOString() : null,
      officer_ids_json: SEAL_OFFICERS.encode(officers),
      collective_record: null,
      collective_participants_json: null,
      decided_by: null,
      decided_at: null,
      start_date: emergency ? today : null,
      end_date: emergency ? sealEndDate(today, input.termDays) : null,
      extended_days: null,
      extension_reason: null,
      extended_by: null,
      extended_at: null,
      service_method: null,
      service_tracking_number: null,
      served_on: null,
      lift_reason: null,
      lifted_by: null,
      lifted_at: null,
      expired_at: null,
      term_clock_id: term?.id ?? null,
      service_clock_id: service.id,
      confirm_clock_id: confirm?.id ?? null,
      policy_version: versionKey,
      created_by: actor.userId,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('enforcement_seals').values(row).execute();
    emitSealChanged(emit, null, row);
    await audit({
      action: emergency ? 'enforcement_seal.emergency' : 'enforcement_seal.propose',
      targetType: 'enforcement_seal',
      targetId: id,
      policyVersion: versionKey,
      details: {
        usci: input.usci,
        situation: SEAL_SITUATION_LABELS[input.situation],
        scope: input.scope,
        termDays: input.termDays,
        inspectedOn: input.inspectedOn,
        caseId: input.caseId ?? null,
        oralApproval: row.oral_approval,
        confirmBy: row.confirm_by,
      },
    });
    return presentSeal(trx, row, { kind: 'staff', actor }, now);
  });
}
