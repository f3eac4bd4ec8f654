import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { findOwn, markReadIf } from '../notifications.repository.ts';

/**
 * The user opens a notification: it is marked read by compare-and-set (unread → read), so of concurrent
 * identical requests one has the effect and the others get 409. Another user's notification is 404.
 */
export async function markNotificationRead(deps: Deps, actor: Actor, input: { id: string }) {
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit) => {
    const row = await findOwn(trx, userId, input.id);
    if (!row) throw new AppError('RESOURCE.NOT_FOUND', '通知不存在', { id: input.id });
    const at = deps.now().toISOString();
    if (!(await markReadIf(trx, userId, input.id, at))) throw new AppError('NOTIFICATION.ALREADY_READ', '该通知已标记为已读', { id: input.id });
    await audit({ action: 'notification.read', targetType: 'notification', targetId: row.id, details: { kind: row.kind } });
    return { ...row, read_at: at };
  });
}
