import type { AdviceDone, GuidanceAssign, GuidanceList, GuidanceListQuery, GuidanceRequestInput, GuidanceView, GuidanceVisit } from '@fep/contracts';
import { ADVICE_STATUS_LABELS, chinaDateOf, GUIDANCE_MODE_LABELS, GUIDANCE_STATUS_LABELS, inScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { GuidanceAdvice, GuidanceRequest } from '../../db/schema/services.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById, findAgency } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';

async function present(db: Executor, r: GuidanceRequest): Promise<GuidanceView> {
  const agency = await agencyById(db, r.agency_id);
  const advice = await db.selectFrom('guidance_advice').selectAll().where('request_id', '=', r.id).orderBy('created_at').orderBy('id').execute();
  return {
    id: r.id,
    subject: r.subject,
    requesterName: r.requester_name,
    mode: r.mode,
    modeLabel: GUIDANCE_MODE_LABELS[r.mode],
    topic: r.topic,
    contact: r.contact,
    agencyName: agency?.name ?? '',
    status: r.status,
    statusLabel: GUIDANCE_STATUS_LABELS[r.status],
    experts: r.experts ? r.experts.split('\n') : [],
    advice: advice.map((a: GuidanceAdvice) => ({
      id: a.id,
      visitedOn: a.visited_on,
      content: a.content,
      status: a.status,
      statusLabel: ADVICE_STATUS_LABELS[a.status],
      doneNote: a.done_note,
      version: a.version,
    })),
    createdAt: r.created_at,
    version: r.version,
  };
}

/** A unit or key project asks the fire agency of its region for on-site or online expert guidance (SVC-05). */
export async function requestGuidance(deps: Deps, actor: Actor, input: GuidanceRequestInput): Promise<GuidanceView> {
  return transact(deps, actor, async (trx, audit) => {
    const agency = await findAgency(trx, input.regionCode);
    if (!agency) throw notFound('该地区的消防救援机构');
    const row: GuidanceRequest = {
      id: uuidv7(deps.now().getTime()),
      agency_id: agency.id,
      agency_path: agency.path,
      usci: actor.usci,
      requester_user_id: actor.userId,
      requester_name: actor.displayName ?? actor.username ?? '',
      subject: input.subject,
      mode: input.mode,
      topic: input.topic,
      contact: input.contact,
      status: 'requested',
      experts: null,
      version: 0,
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('guidance_requests').values(row).execute();
    await audit({ action: 'guidance.request', targetType: 'guidance_request', targetId: row.id, after: { ...row, contact: null } });
    return present(trx, row);
  });
}

/** The requests of the applicant's unit (or of the account when it has no USCI), newest first. */
export async function myGuidance(deps: Deps, actor: Actor): Promise<GuidanceList> {
  const db = deps.database.db;
  let q = db.selectFrom('guidance_requests').selectAll();
  q = actor.usci ? q.where('usci', '=', actor.usci) : q.where('requester_user_id', '=', actor.userId ?? '');
  const rows = await q.orderBy('created_at', 'desc').limit(100).execute();
  const items: GuidanceView[] = [];
  for (const r of rows) items.push(await present(db, r));
  return { items };
}

/** The agency's queue (its own requests and those of the agencies below it). */
export async function listGuidance(deps: Deps, actor: Actor, q: GuidanceListQuery): Promise<GuidanceList> {
  const db = deps.database.db;
  let query = db
    .selectFrom('guidance_requests')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'guidance_requests.agency_path' }));
  if (q.open) query = query.where('status', '!=', 'closed');
  const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
  const items: GuidanceView[] = [];
  for (const r of rows) items.push(await present(db, r));
  return { items };
}

async function inScopeRequest(db: Executor, actor: Actor, id: string): Promise<GuidanceRequest> {
  const r = await db.selectFrom('guidance_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('专家指导申请');
  if (!inScope(actor.scope, { agencyPath: r.agency_path })) throw outOfScope('专家指导申请', { type: 'guidance_request', id });
  return r;
}

const stale = () => new AppError('GUIDANCE.STATE', '该申请已被他人办理，请刷新后重试');

/** Move a request on by a compare-and-set on its status and version; anything else changed it first. */
async function advance(trx: Executor, r: GuidanceRequest, from: GuidanceRequest['status'], version: number, set: Partial<GuidanceRequest>) {
  if (r.status !== from || r.version !== version) throw stale();
  const u = await trx
    .updateTable('guidance_requests')
    .set({ ...set, version: version + 1 })
    .where('id', '=', r.id)
    .where('status', '=', from)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(u.numUpdatedRows) !== 1) throw stale();
}

/** Staff assign an expert group (two or more names) to a request: requested → assigned. */
export async function assignExperts(deps: Deps, actor: Actor, id: string, input: GuidanceAssign): Promise<GuidanceView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRequest(trx, actor, id);
    const names = [...new Set(input.experts.map((x) => x.trim()).filter(Boolean))];
    if (names.length < 2) throw new AppError('GUIDANCE.INVALID', '专家组至少两名专家');
    await advance(trx, r, 'requested', input.version, { status: 'assigned', experts: names.join('\n') });
    await audit({
      action: 'guidance.assign',
      targetType: 'guidance_request',
      targetId: id,
      before: { status: 'requested' },
      after: { status: 'assigned', experts: names },
    });
    return present(trx, { ...r, status: 'assigned', experts: names.join('\n'), version: input.version + 1 });
  });
}

/** Record a visit (its date and advice items) on an assigned request; the request's version guards it. */
export async function recordVisit(deps: Deps, actor: Actor, id: string, input: GuidanceVisit): Promise<GuidanceView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRequest(trx, actor, id);
    if (input.visitedOn > chinaDateOf(deps.now())) throw new AppError('GUIDANCE.INVALID', '指导日期不能晚于今天');
    await advance(trx, r, 'assigned', input.version, {});
    const rows: GuidanceAdvice[] = input.advice.map((content, i) => ({
      id: uuidv7(deps.now().getTime() + i),
      request_id: id,
      agency_path: r.agency_path,
      visited_on: input.visitedOn,
      content,
      status: 'open',
      done_note: null,
      done_at: null,
      version: 0,
      created_by: actor.userId,
      created_at: deps.now().toISOString(),
    }));
    await trx.insertInto('guidance_advice').values(rows).execute();
    await audit({ action: 'guidance.visit', targetType: 'guidance_request', targetId: id, after: { visitedOn: input.visitedOn, advice: input.advice } });
    return present(trx, { ...r, version: input.version + 1 });
  });
}

/** An advice item is followed up to done: open → done, a compare-and-set on its status and version. */
export async function adviceDone(deps: Deps, actor: Actor, adviceId: string, input: AdviceDone): Promise<GuidanceView> {
  return transact(deps, actor, async (trx, audit) => {
    const a = await trx.selectFrom('guidance_advice').selectAll().where('id', '=', adviceId).executeTakeFirst();
    if (!a) throw notFound('专家指导建议');
    const r = await inScopeRequest(trx, actor, a.request_id);
    if (a.status !== 'open' || a.version !== input.version || r.status !== 'assigned')
      throw new AppError('GUIDANCE.STATE', '该建议已落实或已被他人更新，请刷新后重试');
    const u = await trx
      .updateTable('guidance_advice')
      .set({ status: 'done', done_note: input.note, done_at: deps.now().toISOString(), version: a.version + 1 })
      .where('id', '=', adviceId)
      .where('status', '=', 'open')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('GUIDANCE.STATE', '该建议已落实或已被他人更新，请刷新后重试');
    await audit({
      action: 'guidance.advice.done',
      targetType: 'guidance_advice',
      targetId: adviceId,
      before: { status: 'open' },
      after: { status: 'done', note: input.note },
    });
    return present(trx, r);
  });
}

/** Close a request once a visit took place and every advice item is done: assigned → closed. */
export async function closeGuidance(deps: Deps, actor: Actor, id: string, version: number): Promise<GuidanceView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRequest(trx, actor, id);
    const advice = await trx.selectFrom('guidance_advice').select('status').where('request_id', '=', id).execute();
    if (r.status === 'assigned' && (advice.length === 0 || advice.some((a) => a.status !== 'done')))
      throw new AppError('GUIDANCE.ADVICE_OPEN', advice.length === 0 ? '尚未登记指导，不能办结' : '尚有建议未落实，不能办结');
    await advance(trx, r, 'assigned', version, { status: 'closed' });
    await audit({ action: 'guidance.close', targetType: 'guidance_request', targetId: id, before: { status: 'assigned' }, after: { status: 'closed' } });
    return present(trx, { ...r, status: 'closed', version: version + 1 });
  });
}
