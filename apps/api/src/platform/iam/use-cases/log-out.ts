import { type Actor, userIdOf } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { type Deps, transact } from '../../transact.ts';
import { announceSessionEnded, forgetSession } from '../sessions.ts';

/**
 * Ends a session (compare-and-set: only a session not yet ended is ended, so of concurrent logouts one
 * is recorded and the others get a 409 `AUTH.SESSION_ENDED`). The session leaves this process's cache
 * at once, and other processes' caches when the revocation commits (announceSessionEnded).
 */
export async function logOut(deps: Deps, actor: Actor, input: { sessionId: string }): Promise<void> {
  const userId = userIdOf(actor);
  try {
    await transact(deps, actor, async (trx, audit) => {
      const r = await trx
        .updateTable('sessions')
        .set({ revoked_at: deps.now().toISOString() })
        .where('id', '=', input.sessionId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('AUTH.SESSION_ENDED', '该会话已退出', {});
      await announceSessionEnded(trx, deps.database.dialect, input.sessionId);
      await audit({ action: 'auth.logout', targetType: 'user', targetId: userId });
    });
  } finally {
    forgetSession(deps.database.db, input.sessionId);
  }
}
