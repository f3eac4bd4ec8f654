import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, LoginRequest, LoginResponse, Me as MeSchema, NoContent, SessionView } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { anonymousActor } from '../actor.ts';
import { actorOf } from '../http/actor.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { logIn } from './use-cases/log-in.ts';
import { logOut } from './use-cases/log-out.ts';

const ERRORS = { '4xx': ErrorBody };

export async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['认证'],
        summary: '登录（返回会话令牌，并设置 Cookie）',
        body: LoginRequest,
        response: { 200: LoginResponse, ...ERRORS },
      },
    },
    async (req, reply) => {
      const session = await logIn(req.server.ctx, anonymousActor(req.ip, req.id), req.body);
      reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.ctx.config.production });
      req.auth = session.auth;
      return { token: session.token, expiresAt: session.expiresAt, user: presentMe(session.auth) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags: ['认证'], summary: '退出登录', response: { 204: NoContent, ...ERRORS } } },
    async (req, reply) => {
      await logOut(req.server.ctx, actorOf(req), { sessionId: req.auth!.sessionId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  // The web app asks this on start in every tab: the HttpOnly cookie is the session, so a new tab or a
  // bookmark is signed in when the cookie is; never a 401 (nothing to log in a browser console).
  app.get(
    '/api/v1/auth/session',
    {
      config: { permission: 'public' },
      schema: { tags: ['认证'], summary: '当前会话（由 Cookie 或令牌确定；未登录时 user 为空）', response: { 200: SessionView, ...ERRORS } },
    },
    async (req) => ({ user: req.auth ? presentMe(req.auth) : null, ended: req.auth ? null : req.sessionEnded }),
  );

  app.get(
    '/api/v1/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['认证'], summary: '当前用户', response: { 200: MeSchema, ...ERRORS } } },
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
