import type { FastifyRequest } from 'fastify';
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable, DB } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';

/**
 * The applications a caller may see: staff those of their agency and below, applicants their own. A
 * draft belongs to the applicant alone until it is submitted.
 */
export const applicationScope = (req: FastifyRequest) => {
  const scope = scopeFilter<'applications'>(scopeOf(req), { agencyPath: 'applications.agency_path', ownerUserId: 'applications.applicant_user_id' });
  if (req.auth?.user.kind !== 'staff') return scope;
  return (eb: ExpressionBuilder<DB, 'applications'>) => eb.and([scope(eb), eb('applications.status', '!=', 'draft')]);
};

/** One application in the caller's scope (404 and a logged refusal otherwise). */
export async function loadApplication(req: FastifyRequest, db: Executor, id: string): Promise<ApplicationTable> {
  return readInScope(req.server.ctx, actorOf(req), { type: 'application', id, what: '许可申请' }, (scoped) => {
    let q = db.selectFrom('applications').selectAll().where('id', '=', id);
    if (scoped) q = q.where(applicationScope(req));
    return q.executeTakeFirst();
  });
}

/**
 * Writes a change to an application only if nobody changed it since it was read (optimistic lock): a
 * concurrent second transition gets 409 instead of silently overwriting the first.
 */
export async function updateApplication(trx: Executor, row: ApplicationTable, patch: Partial<ApplicationTable>, nowIso: string): Promise<ApplicationTable> {
  const next = { ...row, ...patch, version: row.version + 1, updated_at: nowIso };
  const r = await trx
    .updateTable('applications')
    .set({ ...patch, version: next.version, updated_at: nowIso })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('LICENSING.STALE_VERSION', '该申请刚被他人处理，请刷新后重试');
  return next;
}

/** Re-reads the application inside the transaction, so checks see the committed state. */
export async function reload(trx: Executor, id: string): Promise<ApplicationTable> {
  return trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export const json = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));
