import { randomBytes } from 'node:crypto';
import type { DisclosureExtendRequest, DisclosureList, DisclosureReplyRequest, DisclosureRequestBody, DisclosureView } from '@fep/contracts';
import { DISCLOSURE_OUTCOME_LABELS, DISCLOSURE_RULE, DISCLOSURE_STATUS_LABELS, type DisclosureOutcome, inScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { DisclosureRequest } from '../../db/schema/services.ts';
import { type Actor, userIdOf } from '../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../platform/attempts.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById, findAgency } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';

const BASIS = `${DISCLOSURE_RULE.legalBasis.document}${DISCLOSURE_RULE.legalBasis.clause}`;

async function present(db: Executor, r: DisclosureRequest, nowIso: string): Promise<DisclosureView> {
  const clock = r.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst() : undefined;
  const c = await presentClock(db, clock, nowIso);
  const agency = await agencyById(db, r.agency_id);
  return {
    id: r.id,
    code: r.code,
    agencyName: agency?.name ?? '',
    name: r.applicant_name,
    contact: r.contact,
    content: r.content,
    purpose: r.purpose,
    status: r.status,
    statusLabel: DISCLOSURE_STATUS_LABELS[r.status],
    extended: r.extended === 1,
    extensionReason: r.extension_reason,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? (DISCLOSURE_OUTCOME_LABELS[r.outcome as DisclosureOutcome] ?? null) : null,
    reply: r.reply,
    repliedAt: r.replied_at,
    dueDate: c?.dueDate ?? null,
    alert: c?.alert ?? 'ok',
    legalBasis: BASIS,
    createdAt: r.created_at,
    version: r.version,
  };
}

/** Requests per client address and hour (no account needed). */
export const SUBMIT_PER_CLIENT: AttemptWindow = { limit: 30, windowMs: 60 * 60_000 };

/**
 * SVC-06: an open-government disclosure request (依申请公开) through the portal, answered within 20 working days
 * of receipt on a platform clock of the agency's calendar (政府信息公开条例 art. 33). The code lets the requester
 * follow it without an account.
 */
export async function submitDisclosure(deps: Deps, actor: Actor, input: DisclosureRequestBody): Promise<DisclosureView> {
  if (!(await countAttempt(deps.database.db, `disclosure:submit:${actor.ip ?? 'unknown'}`, SUBMIT_PER_CLIENT, deps.now())))
    throw new AppError('DISCLOSURE.TOO_MANY_SUBMISSIONS', '提交过于频繁，请一小时后再试');
  return transact(deps, actor, async (trx, audit) => {
    const agency = await findAgency(trx, input.regionCode);
    if (!agency) throw notFound('该地区的消防救援机构');
    const now = deps.now();
    const id = uuidv7(now.getTime());
    const clock = await startClock(
      trx,
      {
        targetType: 'disclosure_request',
        targetId: id,
        title: `政府信息公开申请：${input.name}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: 'working_days',
        amount: DISCLOSURE_RULE.answerWorkingDays,
        legalBasis: DISCLOSURE_RULE.legalBasis,
        startedAt: now.toISOString(),
      },
      now,
    );
    const row: DisclosureRequest = {
      id,
      code: randomBytes(9).toString('base64url'),
      agency_id: agency.id,
      agency_path: agency.path,
      applicant_name: input.name,
      contact: input.contact,
      content: input.content,
      purpose: input.purpose?.trim() || null,
      user_id: actor.userId,
      status: 'pending',
      extended: 0,
      extension_reason: null,
      extended_by: null,
      outcome: null,
      reply: null,
      replied_by: null,
      replied_at: null,
      clock_id: clock.id,
      version: 0,
      created_at: now.toISOString(),
    };
    await trx.insertInto('disclosure_requests').values(row).execute();
    await audit({ action: 'disclosure.submit', targetType: 'disclosure_request', targetId: id, after: { ...row, contact: null, code: null } });
    return present(trx, row, now.toISOString());
  });
}

export async function disclosureByCode(deps: Deps, code: string): Promise<DisclosureView> {
  const r = await deps.database.db.selectFrom('disclosure_requests').selectAll().where('code', '=', code).executeTakeFirst();
  if (!r) throw notFound('政府信息公开申请');
  return present(deps.database.db, r, deps.now().toISOString());
}

export async function listDisclosures(deps: Deps, actor: Actor, q: { open?: boolean | undefined }): Promise<DisclosureList> {
  const db = deps.database.db;
  let query = db
    .selectFrom('disclosure_requests')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'disclosure_requests.agency_path' }));
  if (q.open) query = query.where('status', '=', 'pending');
  const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
  const nowIso = deps.now().toISOString();
  const items: DisclosureView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso));
  return { items };
}

async function inScopeRow(db: Executor, actor: Actor, id: string): Promise<DisclosureRequest> {
  const r = await db.selectFrom('disclosure_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('政府信息公开申请');
  if (!inScope(actor.scope, { agencyPath: r.agency_path })) throw outOfScope('政府信息公开申请', { type: 'disclosure_request', id });
  return r;
}

/**
 * Extension with approval (art. 33 第二款): once, by at most 20 working days, with the reason told to the
 * requester. Compare-and-set on `extended = 0`: of parallel extensions one applies; a second is refused.
 */
export async function extendDisclosure(deps: Deps, actor: Actor, id: string, input: DisclosureExtendRequest): Promise<DisclosureView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRow(trx, actor, id);
    if (r.status !== 'pending') throw new AppError('DISCLOSURE.STATE', '该申请已答复，不能延期');
    if (r.extended === 1) throw new AppError('DISCLOSURE.EXTENDED_ONCE', '答复期限只能延长一次（政府信息公开条例第三十三条），不能再次延期');
    if (input.version !== undefined && input.version !== r.version) throw new AppError('DISCLOSURE.STATE', '该申请刚被他人处理，请刷新后重试');
    const u = await trx
      .updateTable('disclosure_requests')
      .set({ extended: 1, extension_reason: input.reason, extended_by: userIdOf(actor), version: r.version + 1 })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('extended', '=', 0)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('DISCLOSURE.EXTENDED_ONCE', '答复期限只能延长一次（政府信息公开条例第三十三条），不能再次延期');
    const clock = r.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst() : undefined;
    if (clock)
      await applyClockEvent(trx, clock, { type: 'extend', amount: DISCLOSURE_RULE.extensionWorkingDays, reason: input.reason }, userIdOf(actor), deps.now());
    await audit({
      action: 'disclosure.extend',
      targetType: 'disclosure_request',
      targetId: id,
      before: { extended: 0 },
      after: { extended: 1 },
      details: { reason: input.reason },
    });
    const after = await trx.selectFrom('disclosure_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(trx, after, deps.now().toISOString());
  });
}

/** The reply (答复): compare-and-set on the status; the clock stops. */
export async function replyDisclosure(deps: Deps, actor: Actor, id: string, input: DisclosureReplyRequest): Promise<DisclosureView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRow(trx, actor, id);
    if (r.status !== 'pending') throw new AppError('DISCLOSURE.STATE', '该申请已答复');
    if (input.version !== undefined && input.version !== r.version) throw new AppError('DISCLOSURE.STATE', '该申请刚被他人处理，请刷新后重试');
    const nowIso = deps.now().toISOString();
    const u = await trx
      .updateTable('disclosure_requests')
      .set({ status: 'answered', outcome: input.outcome, reply: input.reply, replied_by: userIdOf(actor), replied_at: nowIso, version: r.version + 1 })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('DISCLOSURE.STATE', '该申请已答复');
    const clock = r.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst() : undefined;
    if (clock && clock.status !== 'stopped') await applyClockEvent(trx, clock, { type: 'stop', reason: '已答复' }, userIdOf(actor), deps.now());
    await audit({
      action: 'disclosure.reply',
      targetType: 'disclosure_request',
      targetId: id,
      before: { status: 'pending' },
      after: { status: 'answered', outcome: input.outcome },
    });
    const after = await trx.selectFrom('disclosure_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(trx, after, nowIso);
  });
}
