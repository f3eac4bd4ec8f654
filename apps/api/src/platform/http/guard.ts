import { hasPermission, ROLE_PERMISSIONS } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RoutePermission } from '../context.ts';
import { AppError } from '../errors.ts';
import { lookupSession, SESSION_COOKIE } from '../iam/sessions.ts';

/** Every registered API route, with what it requires; the authorization matrix test walks this list. */
/** Every /api/v1 route with its permission and its request schemas (the authorization matrix and the fuzz suite walk it). */
export const routeRegistry = new Map<string, { method: string; url: string; permission: RoutePermission; schema: RouteSchemas; summary?: string }>();
export interface RouteSchemas {
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  consumes?: unknown;
}

/** The header the web app sends with every request (api.ts): a cross-site page cannot set it. */
export const CLIENT_HEADER = 'x-requested-with';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session token of a request: a bearer token (API clients, tests) or the HttpOnly session cookie (the
 * web app: one session shared by every tab). A cookie is sent by the browser whatever page caused the
 * request, so a state-changing request authenticates by cookie only with the client header, which a
 * cross-site form cannot send and a cross-site script cannot add without a CORS preflight the API does not
 * grant (defence beside SameSite=Lax); without it the request is anonymous.
 */
function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  if (!SAFE_METHODS.has(req.method) && !req.headers[CLIENT_HEADER]) return null;
  return cookie;
}

/**
 * Installs the API guard: every `/api/v1` route must declare `config.permission` (start-up fails
 * otherwise), and every request is checked against it before the handler runs.
 */
export function installGuard(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('actingRole', null);
  app.decorateRequest('sessionEnded', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = (route.config as { permission?: RoutePermission } | undefined)?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    for (const m of [route.method].flat()) {
      if (m === 'HEAD') continue;
      const summary = (route.schema as { summary?: unknown } | undefined)?.summary;
      routeRegistry.set(`${m} ${route.url}`, {
        method: m,
        url: route.url,
        permission,
        schema: (route.schema ?? {}) as RouteSchemas,
        ...(typeof summary === 'string' ? { summary } : {}),
      });
    }
  });

  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission) return; // not an API route (web assets, docs)
    const token = tokenOf(req);
    let expired = false;
    if (token) {
      const found = await lookupSession(req.server.ctx, token);
      if (found.ok) req.auth = found.auth;
      else {
        expired = found.reason === 'expired';
        req.sessionEnded = found.reason;
      }
    }
    if (permission === 'public') {
      req.actingRole = req.auth?.roles[0] ?? 'anonymous';
      return;
    }
    if (!req.auth) {
      throw expired ? new AppError('AUTH.SESSION_EXPIRED', '登录已超时，请重新登录') : new AppError('AUTH.UNAUTHENTICATED', '请先登录');
    }
    if (permission === 'authenticated') {
      req.actingRole = req.auth.roles[0] ?? null;
      return;
    }
    if (!hasPermission(req.auth.roles, permission)) throw new AppError('AUTH.FORBIDDEN', '您没有执行此操作的权限', { permission });
    req.actingRole = req.auth.roles.find((r) => ROLE_PERMISSIONS[r].includes(permission)) ?? null;
  });
}
