import type { RefusalQuery, RefusalRow } from '@fep/contracts';
import { REFUSAL_REASON_LABELS, type RefusalReason, ROLE_LABELS, type Role, TARGET_TYPE_LABELS } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../actor.ts';
import { routeRegistry } from '../http/guard.ts';
import { cappedCount, pageWindow, searchAny } from '../lists/lists.ts';
import { scopeFilter } from '../org/scope.ts';

/**
 * The page of security events an auditor reads (GET /api/v1/audit/refusals): the refusals of accounts of
 * agencies in the auditor's scope (an applicant's: of the agency owning the record it tried to reach),
 * newest first, searchable by account or name and filtered by reason. Operations read as their Chinese
 * summary (the route's OpenAPI summary), never as the route.
 */
export async function refusalPage(db: Executor, actor: Actor, q: RefusalQuery) {
  const w = pageWindow(q);
  let base = db
    .selectFrom('security_refusals')
    .leftJoin('users', 'users.id', 'security_refusals.actor_user_id')
    .leftJoin('agencies', 'agencies.id', 'security_refusals.actor_agency_id')
    .where(scopeFilter(actor.scope, { agencyPath: 'security_refusals.agency_path' }));
  if (q.reason) base = base.where('security_refusals.reason', '=', q.reason);
  if (q.q?.trim()) base = base.where(searchAny(['users.username', 'users.display_name'], q.q));
  const [rows, total] = await Promise.all([
    base
      .select([
        'security_refusals.id',
        'security_refusals.first_at',
        'security_refusals.last_at',
        'security_refusals.count',
        'security_refusals.actor_role',
        'security_refusals.route',
        'security_refusals.reason',
        'security_refusals.last_target',
        'security_refusals.source_ip',
        'users.username',
        'users.display_name',
        'agencies.name as agency_name',
      ])
      .orderBy('security_refusals.last_at', 'desc')
      .orderBy('security_refusals.id', 'desc')
      .limit(w.pageSize)
      .offset(w.offset)
      .execute(),
    cappedCount(db, base),
  ]);
  const items: RefusalRow[] = rows.map((r) => {
    const reason = r.reason as RefusalReason;
    const targetType = r.last_target?.slice(0, r.last_target.indexOf(':')) ?? null;
    return {
      id: r.id,
      firstAt: r.first_at,
      lastAt: r.last_at,
      count: Number(r.count),
      actorName: r.display_name ?? '已停用账号',
      actorUsername: r.username ?? null,
      actorRoleLabel: r.actor_role ? (ROLE_LABELS[r.actor_role as Role] ?? null) : null,
      agencyName: r.agency_name ?? null,
      operation: routeRegistry.get(r.route)?.summary ?? '其他操作',
      reason,
      reasonLabel: REFUSAL_REASON_LABELS[reason] ?? '其他原因',
      targetLabel: targetType ? (TARGET_TYPE_LABELS[targetType] ?? '其他记录') : null,
      sourceIp: r.source_ip ?? null,
    };
  });
  return { items, ...total, page: w.page, pageSize: w.pageSize };
}
