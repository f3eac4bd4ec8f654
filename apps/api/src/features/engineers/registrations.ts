import { randomBytes } from 'node:crypto';
import type {
  EngineerRegistrationBody,
  EngineerRegistrationDecision,
  EngineerRegistrationDispatch,
  EngineerRegistrationList,
  EngineerRegistrationView,
} from '@fep/contracts';
import { ENGINEER_COMMITMENT_TEXT, ENGINEER_LEVEL_LABELS, ENGINEER_REGISTRATION_RULE, ENGINEER_REGISTRATION_STATUS_LABELS, inScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { EngineerRegistration } from '../../db/schema/engineers.ts';
import { type Actor, userIdOf } from '../../platform/actor.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { shareFilesWithAgency } from '../../platform/files/files.repository.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById, findAgency } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { MATERIALS } from './engineers.columns.ts';

const BASIS = `${ENGINEER_REGISTRATION_RULE.legalBasis.document}${ENGINEER_REGISTRATION_RULE.legalBasis.clause}`;

const mask = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

async function present(db: Executor, r: EngineerRegistration, nowIso: string): Promise<EngineerRegistrationView> {
  const clock = r.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst() : undefined;
  const c = await presentClock(db, clock, nowIso);
  const agency = await agencyById(db, r.agency_id);
  return {
    id: r.id,
    agencyName: agency?.name ?? '',
    name: r.name,
    idNumberMasked: mask(r.id_number),
    level: r.level,
    levelLabel: ENGINEER_LEVEL_LABELS[r.level],
    qualificationNo: r.qualification_no,
    employer: r.employer,
    employerUsci: r.employer_usci,
    phone: r.phone,
    mailingAddress: r.mailing_address,
    materials: MATERIALS.decode(r.materials_json) ?? [],
    commitmentText: r.commitment_text,
    status: r.status,
    statusLabel: ENGINEER_REGISTRATION_STATUS_LABELS[r.status],
    reasons: r.reasons,
    certificateNo: r.certificate_no,
    decidedAt: r.decided_at,
    courier: r.courier,
    trackingNo: r.tracking_no,
    dispatchedAt: r.dispatched_at,
    dueDate: r.status === 'pending' ? (c?.dueDate ?? null) : null,
    alert: r.status === 'pending' ? (c?.alert ?? 'ok') : 'ok',
    legalBasis: BASIS,
    createdAt: r.created_at,
    version: r.version,
  };
}

/**
 * LIC-12: the engineer applies online with the written commitment (告知承诺) ticked and the materials uploaded
 * from this account; the registering agency's decision runs on a platform clock of working days.
 */
export async function applyForRegistration(deps: Deps, actor: Actor, input: EngineerRegistrationBody): Promise<EngineerRegistrationView> {
  if (input.commitmentAccepted !== true) throw new AppError('ENGINEER.COMMITMENT_REQUIRED', '请阅读并勾选告知承诺书');
  const userId = userIdOf(actor);
  const fileIds = [...new Set(input.materials)];
  const own = await deps.database.db.selectFrom('files').select('id').where('id', 'in', fileIds).where('uploaded_by', '=', userId).execute();
  if (own.length !== fileIds.length) throw new AppError('ENGINEER.INVALID_MATERIALS', '所附文件不存在或不是本账号上传的', { field: 'materials' });
  return transact(deps, actor, async (trx, audit) => {
    const agency = await findAgency(trx, input.regionCode);
    if (!agency) throw notFound('该地区的消防救援机构');
    const open = await trx
      .selectFrom('engineer_registrations')
      .select('id')
      .where('id_number', '=', input.idNumber.toUpperCase())
      .where('status', '!=', 'refused')
      .executeTakeFirst();
    if (open) throw new AppError('ENGINEER.DUPLICATE', '该身份证号已有在办或已准予的注册，不能重复申请');
    const now = deps.now();
    const id = uuidv7(now.getTime());
    const clock = await startClock(
      trx,
      {
        targetType: 'engineer_registration',
        targetId: id,
        title: `注册消防工程师注册：${input.name}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: 'working_days',
        amount: ENGINEER_REGISTRATION_RULE.decisionWorkingDays,
        legalBasis: ENGINEER_REGISTRATION_RULE.legalBasis,
        startedAt: now.toISOString(),
      },
      now,
    );
    const row: EngineerRegistration = {
      id,
      agency_id: agency.id,
      agency_path: agency.path,
      user_id: userId,
      name: input.name,
      id_number: input.idNumber.toUpperCase(),
      level: input.level,
      qualification_no: input.qualificationNo,
      employer: input.employer,
      employer_usci: input.employerUsci,
      phone: input.phone,
      mailing_address: input.mailingAddress,
      materials_json: MATERIALS.encode(fileIds),
      commitment_text: ENGINEER_COMMITMENT_TEXT,
      status: 'pending',
      reasons: null,
      certificate_no: null,
      decided_by: null,
      decided_at: null,
      courier: null,
      tracking_no: null,
      dispatched_by: null,
      dispatched_at: null,
      clock_id: clock.id,
      version: 0,
      created_at: now.toISOString(),
    };
    await trx.insertInto('engineer_registrations').values(row).execute();
    await shareFilesWithAgency(trx, fileIds, agency.id, userId);
    await audit({
      action: 'engineer.registration.apply',
      targetType: 'engineer_registration',
      targetId: id,
      after: { status: 'pending', level: row.level, commitment: true },
    });
    return present(trx, row, now.toISOString());
  });
}

/** The applicant's own applications, to follow them. */
export async function myRegistrations(deps: Deps, actor: Actor): Promise<EngineerRegistrationList> {
  const db = deps.database.db;
  const rows = await db
    .selectFrom('engineer_registrations')
    .selectAll()
    .where('user_id', '=', userIdOf(actor))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const nowIso = deps.now().toISOString();
  const items: EngineerRegistrationView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso));
  return { items };
}

/** The registering agency's queue (pending first when `open`). */
export async function listRegistrations(deps: Deps, actor: Actor, q: { open?: boolean | undefined }): Promise<EngineerRegistrationList> {
  const db = deps.database.db;
  let query = db
    .selectFrom('engineer_registrations')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'engineer_registrations.agency_path' }));
  if (q.open) query = query.where('status', 'in', ['pending', 'approved']);
  const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
  const nowIso = deps.now().toISOString();
  const items: EngineerRegistrationView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso));
  return { items };
}

async function inScopeRow(db: Executor, actor: Actor, id: string): Promise<EngineerRegistration> {
  const r = await db.selectFrom('engineer_registrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('注册申请');
  if (!inScope(actor.scope, { agencyPath: r.agency_path })) throw outOfScope('注册申请', { type: 'engineer_registration', id });
  return r;
}

function certificateNumber(regionCode: string, level: 'first' | 'second', at: Date): string {
  return `${level === 'first' ? '1' : '2'}${regionCode.slice(0, 2)}${at.getUTCFullYear()}${randomBytes(4).toString('hex').toUpperCase()}`;
}

/**
 * The decision: approve (a certificate number is issued) or refuse with reasons. Compare-and-set on the status
 * and version: of parallel decisions one applies; the others are told the application was just decided.
 */
export async function decideRegistration(deps: Deps, actor: Actor, id: string, input: EngineerRegistrationDecision): Promise<EngineerRegistrationView> {
  const reasons = input.reasons?.trim() ?? '';
  if (input.outcome === 'refuse' && reasons.length < 2) throw new AppError('ENGINEER.REASONS_REQUIRED', '不予注册应当说明理由', { field: 'reasons' });
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRow(trx, actor, id);
    if (r.status !== 'pending' || r.version !== input.version) throw new AppError('ENGINEER.STATE', '该申请已处理或刚被他人处理，请刷新后重试');
    const now = deps.now();
    const nowIso = now.toISOString();
    const agency = await agencyById(trx, r.agency_id);
    const status = input.outcome === 'approve' ? ('approved' as const) : ('refused' as const);
    const certificateNo = status === 'approved' ? certificateNumber(agency?.region_code ?? '000000', r.level, now) : null;
    const u = await trx
      .updateTable('engineer_registrations')
      .set({ status, reasons: reasons || null, certificate_no: certificateNo, decided_by: userIdOf(actor), decided_at: nowIso, version: r.version + 1 })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('ENGINEER.STATE', '该申请已处理或刚被他人处理，请刷新后重试');
    const clock = r.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst() : undefined;
    if (clock && clock.status !== 'stopped')
      await applyClockEvent(trx, clock, { type: 'stop', reason: status === 'approved' ? '准予注册' : '不予注册' }, userIdOf(actor), now);
    await audit({
      action: status === 'approved' ? 'engineer.registration.approve' : 'engineer.registration.refuse',
      targetType: 'engineer_registration',
      targetId: id,
      before: { status: 'pending' },
      after: { status, certificateNo },
      ...(reasons ? { details: { reasons } } : {}),
    });
    const after = await trx.selectFrom('engineer_registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(trx, after, nowIso);
  });
}

/** Delivery: the certificate and seal handed to the courier, the tracking number recorded (once). */
export async function dispatchCertificate(deps: Deps, actor: Actor, id: string, input: EngineerRegistrationDispatch): Promise<EngineerRegistrationView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await inScopeRow(trx, actor, id);
    if (r.status !== 'approved' || r.version !== input.version)
      throw new AppError('ENGINEER.STATE', r.status === 'dispatched' ? '证书和印章已寄出' : '只有准予注册的申请才能寄递证书和印章');
    const nowIso = deps.now().toISOString();
    const u = await trx
      .updateTable('engineer_registrations')
      .set({
        status: 'dispatched',
        courier: input.courier,
        tracking_no: input.trackingNo,
        dispatched_by: userIdOf(actor),
        dispatched_at: nowIso,
        version: r.version + 1,
      })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('ENGINEER.STATE', '证书和印章已寄出');
    await audit({
      action: 'engineer.registration.dispatch',
      targetType: 'engineer_registration',
      targetId: id,
      before: { status: 'approved' },
      after: { status: 'dispatched', courier: input.courier, trackingNo: input.trackingNo },
    });
    const after = await trx.selectFrom('engineer_registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(trx, after, nowIso);
  });
}
