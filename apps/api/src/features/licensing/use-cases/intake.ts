import { checkNotice, missingMaterials, type NoticeItem, refusedPending, targetLabel } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import { mutate } from '../../../platform/audit/mutate.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { newInspectionTask } from '../../inspections/index.ts';
import { clockStep, ensureUnit, startApplicationClock, transition } from '../application-steps.ts';
import { loadApplication, reload, updateApplication } from '../applications.repository.ts';
import { licensingPolicy } from '../licensing.policy.ts';
import { inputOf } from './edit-application.ts';
import { issueLicence } from './issue-licence.ts';

/**
 * Intake by a clerk (LIC-05, LIC-06, LIC-03): one-time notice of all defects, rejection at intake,
 * acceptance (with pending documents where policy allows; on the commitment path acceptance grants
 * the permit at once and opens the post-issue verification).
 */
async function policyOf(req: FastifyRequest, agencyId: string) {
  const db = req.server.ctx.database.db;
  return licensingPolicy(db, (await findAgency(db, agencyId))!, req.server.ctx.now());
}

export async function issueNotice(req: FastifyRequest, id: string, items: NoticeItem[]) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  const policy = await policyOf(req, row.agency_id);
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'issue_notice');
    const notices = await trx.selectFrom('application_notices').selectAll().where('application_id', '=', id).orderBy('seq').execute();
    const first = notices[0] ? (JSON.parse(notices[0].items_json) as NoticeItem[]) : null;
    const problems = checkNotice(items, policy.materials, first);
    const foreign = problems.find((p) => p.problem === 'not_in_first_notice');
    if (foreign) {
      throw new AppError('LICENSING.ITEM_NOT_IN_NOTICE', problems.map((p) => p.message).join('；'), { problems });
    }
    if (problems.length) throw new AppError('LICENSING.NOTICE_INVALID', problems.map((p) => p.message).join('；'), { problems });
    const nowIso = ctx.now().toISOString();
    const notice = {
      id: uuidv7(),
      application_id: id,
      seq: notices.length + 1,
      items_json: JSON.stringify(items),
      issued_by: req.auth!.user.id,
      issued_at: nowIso,
      resolved_at: null,
    };
    await trx.insertInto('application_notices').values(notice).execute();
    // The applicant's time does not count against the agency (补正, 行政许可法 art. 32).
    await clockStep(trx, ctx, current.clock_id, 'pause', '一次性告知补正，等待申请人补正', req.auth!.user.id);
    const next = await updateApplication(trx, current, { status }, nowIso);
    await audit({
      action: 'application.notice',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { notice: notice.seq, items: items.map((i) => ({ ...i, label: targetLabel(i.target, policy.materials) })) },
      policyVersion: policy.versions['licensing.materials'] ?? null,
    });
    return next;
  });
}

export async function rejectAtIntake(req: FastifyRequest, id: string, reasons: string[]) {
  const ctx = req.server.ctx;
  await loadApplication(req, ctx.database.db, id);
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'reject_at_intake');
    const nowIso = ctx.now().toISOString();
    await clockStep(trx, ctx, current.clock_id, 'stop', '不予受理', req.auth!.user.id);
    const next = await updateApplication(
      trx,
      current,
      { status, decided_at: nowIso, decision_json: JSON.stringify({ rejectedAtIntake: true, reasons, by: req.auth!.user.id }) },
      nowIso,
    );
    await audit({ action: 'application.reject', targetType: 'application', targetId: id, before: current, after: next, details: { reasons } });
    return next;
  });
}

export async function acceptApplication(req: FastifyRequest, id: string, pendingDocuments: string[]) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  const policy = await policyOf(req, row.agency_id);
  const refused = refusedPending(policy.pending, policy.materials, pendingDocuments);
  if (refused.length) {
    throw new AppError(
      'LICENSING.PENDING_NOT_ALLOWED',
      `本地政策不允许以下材料容缺受理：${refused.map((c) => targetLabel(`material:${c}`, policy.materials)).join('、')}，请一次性告知申请人补正`,
      { refused },
    );
  }
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'accept');
    const missing = missingMaterials(policy.materials, current.path, inputOf(current).materials).map((m) => m.code);
    const unlisted = missing.filter((c) => !pendingDocuments.includes(c));
    if (unlisted.length) {
      throw new AppError(
        'LICENSING.MATERIALS_MISSING',
        `申请缺少${unlisted.map((c) => targetLabel(`material:${c}`, policy.materials)).join('、')}：请列为容缺材料或一次性告知补正`,
        {
          missing: unlisted,
        },
      );
    }
    const pending = pendingDocuments.filter((c) => missing.includes(c));
    const now = ctx.now();
    const nowIso = now.toISOString();
    const userId = req.auth!.user.id;
    const auditAccept = (next: typeof current) =>
      audit({
        action: 'application.accept',
        targetType: 'application',
        targetId: id,
        before: current,
        after: next,
        details: { pending },
        policyVersion: JSON.stringify(policy.versions),
      });
    if (current.path === 'commitment') {
      // LIC-03: the permit is issued on acceptance; the agency verifies afterwards.
      await clockStep(trx, ctx, current.clock_id, 'stop', '告知承诺，当场作出许可', userId);
      const licence = await issueLicence(trx, ctx, current, { policyVersion: policy.versions['licensing.commitment'] ?? null });
      await ensureUnit(trx, ctx, current);
      const taskId = uuidv7();
      const clock = await startApplicationClock(trx, ctx, current, {
        title: '告知承诺许可后核查时限',
        amount: policy.commitment.verificationWorkingDays,
        legalBasis: { document: '《中华人民共和国消防法》', clause: '第十五条第三款' },
        policyVersion: policy.versions['licensing.commitment'] ?? null,
        targetType: 'inspection_task',
        targetId: taskId,
      });
      await trx
        .insertInto('inspection_tasks')
        .values(
          newInspectionTask(
            {
              id: taskId,
              agency_id: current.agency_id,
              agency_path: current.agency_path,
              region_code: current.region_code,
              purpose: 'commitment_verification',
              application_id: current.id,
              licence_id: licence.id,
              usci: current.usci,
              subject_name: `${current.company_name}（${current.venue_name}）`,
              venue_address: current.venue_address,
              status: 'unassigned',
              checklist_json: JSON.stringify(policy.checkItems.items),
              clock_id: clock.id,
              policy_version: policy.versions['licensing.check_items'] ?? null,
            },
            nowIso,
          ),
        )
        .execute();
      const next = await updateApplication(
        trx,
        current,
        {
          status,
          pending_json: JSON.stringify(pending),
          accepted_at: nowIso,
          decided_at: nowIso,
          licence_id: licence.id,
          decision_json: JSON.stringify({ grant: true, basis: '告知承诺', by: userId, at: nowIso }),
        },
        nowIso,
      );
      await auditAccept(next);
      await audit({ action: 'licence.issue', targetType: 'licence', targetId: licence.id, after: licence, policyVersion: licence.policy_version });
      await audit({
        action: 'inspection_task.create',
        targetType: 'inspection_task',
        targetId: taskId,
        details: { purpose: 'commitment_verification', application: id },
      });
      return next;
    }
    const next = await updateApplication(trx, current, { status, pending_json: JSON.stringify(pending), accepted_at: nowIso }, nowIso);
    await auditAccept(next);
    return next;
  });
}

/** LIC-05: the applicant supplies documents owed after an acceptance with pending documents. */
export async function supplyDocuments(req: FastifyRequest, id: string, materials: Record<string, string[]>) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  if (row.applicant_user_id !== req.auth!.user.id) throw new AppError('AUTH.FORBIDDEN', '只能为本单位的申请补交材料');
  const owed = JSON.parse(row.pending_json) as string[];
  const notOwed = Object.keys(materials).filter((c) => !owed.includes(c));
  if (notOwed.length) throw new AppError('LICENSING.INVALID_APPLICATION', `以下材料不在待补材料之列：${notOwed.join('、')}`, { notOwed });
  const fileIds = [...new Set(Object.values(materials).flat())];
  const own = await db
    .selectFrom('files')
    .select('id')
    .where('id', 'in', fileIds.length ? fileIds : ['-'])
    .where('uploaded_by', '=', req.auth!.user.id)
    .execute();
  if (own.length !== fileIds.length || fileIds.length === 0)
    throw new AppError('LICENSING.INVALID_APPLICATION', '所附文件不存在或不是本账号上传的', { field: 'materials' });
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const merged = { ...(JSON.parse(current.materials_json) as Record<string, string[]>), ...materials };
    const stillOwed = (JSON.parse(current.pending_json) as string[]).filter((c) => !materials[c]?.length);
    await trx.updateTable('files').set({ agency_id: current.agency_id }).where('id', 'in', fileIds).execute();
    const next = await updateApplication(
      trx,
      current,
      { materials_json: JSON.stringify(merged), pending_json: JSON.stringify(stillOwed) },
      ctx.now().toISOString(),
    );
    await audit({
      action: 'application.supply_documents',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { supplied: Object.keys(materials) },
    });
    return next;
  });
}
