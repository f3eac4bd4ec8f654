import type { FastifyRequest } from 'fastify';
import { mutate } from '../../../platform/audit/mutate.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { clockStep, ensureUnit, transition } from '../application-steps.ts';
import { loadApplication, reload, updateApplication } from '../applications.repository.ts';
import { licensingPolicy } from '../licensing.policy.ts';
import { issueLicence } from './issue-licence.ts';

/** ENF-04 style legal review of a licensing decision where the region's policy requires it. */
export async function legalReview(req: FastifyRequest, id: string, input: { pass: boolean; opinion: string }) {
  const ctx = req.server.ctx;
  await loadApplication(req, ctx.database.db, id);
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, input.pass ? 'legal_review_pass' : 'legal_review_return');
    const next = await updateApplication(trx, current, { status }, ctx.now().toISOString());
    await audit({
      action: input.pass ? 'application.legal_review_pass' : 'application.legal_review_return',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { opinion: input.opinion },
    });
    return next;
  });
}

/** LIC-04: the approver grants (the e-licence is issued) or refuses with reasons, inside the decision clock. */
export async function decideApplication(req: FastifyRequest, id: string, input: { grant: boolean; reasons: string[] }) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  if (!input.grant && input.reasons.length === 0) throw new AppError('REQUEST.VALIDATION', '不予许可须说明理由', { field: 'reasons' });
  const owed = JSON.parse(row.pending_json) as string[];
  if (input.grant && owed.length) throw new AppError('LICENSING.DOCUMENTS_OWED', '仍有容缺材料未补齐，不能作出准予许可决定', { owed });
  const policy = await licensingPolicy(db, (await findAgency(db, row.agency_id))!, ctx.now());
  const task = await db
    .selectFrom('inspection_tasks')
    .select(['result'])
    .where('application_id', '=', id)
    .where('purpose', '=', 'opening_check')
    .executeTakeFirst();
  if (input.grant && task?.result === 'fail') throw new AppError('LICENSING.ILLEGAL_TRANSITION', '现场检查不合格，不能准予许可', { inspection: 'fail' });
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'decide', { grant: input.grant });
    const nowIso = ctx.now().toISOString();
    await clockStep(trx, ctx, current.clock_id, 'stop', input.grant ? '准予许可' : '不予许可', req.auth!.user.id);
    let licenceId: string | null = null;
    if (input.grant) {
      const licence = await issueLicence(trx, ctx, current, { policyVersion: policy.versions['licensing.inspection'] ?? null });
      licenceId = licence.id;
      await ensureUnit(trx, ctx, current);
      await audit({ action: 'licence.issue', targetType: 'licence', targetId: licence.id, after: licence, policyVersion: licence.policy_version });
    }
    const next = await updateApplication(
      trx,
      current,
      {
        status,
        decided_at: nowIso,
        licence_id: licenceId,
        decision_json: JSON.stringify({ grant: input.grant, reasons: input.reasons, by: req.auth!.user.id, at: nowIso }),
      },
      nowIso,
    );
    await audit({
      action: input.grant ? 'application.grant' : 'application.refuse',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { reasons: input.reasons },
      policyVersion: JSON.stringify(policy.versions),
    });
    return next;
  });
}
