import type { Actor } from '../../actor.ts';
import type { AuthInfo } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type Deps, transact } from '../../transact.ts';
import { authenticate } from '../authenticate.ts';
import { createSession, lookupSession } from '../sessions.ts';

export interface LogInInput {
  username: string;
  password: string;
}

/**
 * Signs a person in (等保 level 3: lockout after repeated failures, every attempt on an account in the
 * enforcement record) and opens a session whose token only the client holds. `actor` is the anonymous
 * visitor making the attempt (its IP and request id are recorded).
 */
export async function logIn(deps: Deps, actor: Actor, input: LogInInput): Promise<{ token: string; expiresAt: string; auth: AuthInfo }> {
  const result = await authenticate(deps, input.username.trim(), input.password);
  const who: Actor = { ...actor, userId: result.userId, role: null, agencyId: result.agencyId };
  if (!result.ok) {
    if (result.userId) {
      await transact(deps, who, (_t, audit) =>
        audit({
          action: 'auth.login',
          targetType: 'user',
          targetId: result.userId!,
          outcome: result.reason === 'locked' ? 'denied' : 'failure',
          details: { reason: result.reason },
        }),
      );
    }
    if (result.reason === 'busy') throw new AppError('SYSTEM.BUSY', '该账号的登录请求过多，请稍后重试');
    if (result.reason === 'locked')
      throw new AppError('AUTH.LOCKED', `连续登录失败次数过多，账号已锁定，请于 ${result.lockedUntilText} 后再试`, { lockedUntil: result.lockedUntil });
    throw new AppError('AUTH.INVALID_CREDENTIALS', '用户名或密码错误');
  }
  const session = await transact(deps, who, async (trx, audit) => {
    const s = await createSession(trx, deps, result.userId, actor.ip);
    await trx.updateTable('users').set({ last_login_at: deps.now().toISOString() }).where('id', '=', result.userId).execute();
    await audit({ action: 'auth.login', targetType: 'user', targetId: result.userId });
    return s;
  });
  const found = await lookupSession(deps, session.token);
  if (!found.ok) throw new Error('session just created was not found');
  return { ...session, auth: found.auth };
}
