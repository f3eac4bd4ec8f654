import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { markAllReadIf } from '../notifications.repository.ts';

/** 全部已读: every unread notification of the user, at once; with nothing unread (a concurrent twin did it) 409. */
export async function markAllNotificationsRead(deps: Deps, actor: Actor) {
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit) => {
    const marked = await markAllReadIf(trx, userId, deps.now().toISOString());
    if (!marked) throw new AppError('NOTIFICATION.NOTHING_UNREAD', '没有未读通知');
    await audit({ action: 'notification.read_all', targetType: 'user', targetId: userId, details: { marked } });
    return { marked };
  });
}
