import { LoginRequest, LoginResponse, Me as MeSchema } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { anonymousActor } from '../actor.ts';
import { mutate } from '../audit/mutate.ts';
import { AppError } from '../errors.ts';
import { transact } from '../transact.ts';
import { authenticate } from './authenticate.ts';
import { createSession, lookupSession, SESSION_COOKIE } from './sessions.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['认证'],
        summary: '登录（返回会话令牌，并设置 Cookie）',
        body: LoginRequest,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body as { username: string; password: string };
      const ctx = app.ctx;
      const result = await authenticate(ctx, username.trim(), password);
      const actor = { ...anonymousActor(req.ip, req.id), userId: result.userId, role: null, agencyId: result.agencyId };
      if (!result.ok) {
        if (result.userId) {
          await transact(ctx, actor, (_t, audit) =>
            audit({
              action: 'auth.login',
              targetType: 'user',
              targetId: result.userId!,
              outcome: result.reason === 'locked' ? 'denied' : 'failure',
              details: { reason: result.reason },
            }),
          );
        }
        if (result.reason === 'locked')
          throw new AppError('AUTH.LOCKED', `连续登录失败次数过多，账号已锁定，请于 ${result.lockedUntilText} 后再试`, { lockedUntil: result.lockedUntil });
        throw new AppError('AUTH.INVALID_CREDENTIALS', '用户名或密码错误');
      }
      const session = await transact(ctx, actor, async (trx, audit) => {
        const s = await createSession(trx, ctx, result.userId, req.ip);
        await trx.updateTable('users').set({ last_login_at: ctx.now().toISOString() }).where('id', '=', result.userId).execute();
        await audit({ action: 'auth.login', targetType: 'user', targetId: result.userId });
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.production });
      const found = await lookupSession(ctx, session.token);
      if (!found.ok) throw new Error('session just created was not found');
      req.auth = found.auth;
      return { token: session.token, expiresAt: session.expiresAt, user: presentMe(req.auth) };
    },
  );

  app.post('/api/v1/auth/logout', { config: { permission: 'authenticated' }, schema: { tags: ['认证'], summary: '退出登录' } }, async (req, reply) => {
    const auth = req.auth!;
    await mutate(req, async (trx, audit) => {
      await trx.updateTable('sessions').set({ revoked_at: app.ctx.now().toISOString() }).where('id', '=', auth.sessionId).execute();
      await audit({ action: 'auth.logout', targetType: 'user', targetId: auth.user.id });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['认证'], summary: '当前用户', response: { 200: MeSchema } } },
    async (req) => presentMe(req.auth!),
  );
}

function presentMe(auth: NonNullable<import('fastify').FastifyRequest['auth']>) {
  const u = auth.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind,
    roles: auth.roles,
    permissions: auth.permissions,
    agency: u.agencyId && u.agencyName && u.regionCode ? { id: u.agencyId, name: u.agencyName, regionCode: u.regionCode } : null,
    usci: u.usci,
    scope: auth.scope.kind,
  };
}
