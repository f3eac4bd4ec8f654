import { hasPermission, ROLE_PERMISSIONS } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RoutePermission } from '../context.ts';
import { AppError } from '../errors.ts';
import { lookupSession, SESSION_COOKIE } from '../iam/sessions.ts';

/** Every registered API route, with what it requires; the authorization matrix test walks this list. */
export const routeRegistry = new Map<string, { method: string; url: string; permission: RoutePermission }>();

function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

/**
 * Installs the API guard: every `/api/v1` route must declare `config.permission` (start-up fails
 * otherwise), and every request is checked against it before the handler runs.
 */
export function installGuard(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('actingRole', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = (route.config as { permission?: RoutePermission } | undefined)?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    for (const m of [route.method].flat()) {
      if (m === 'HEAD') continue;
      routeRegistry.set(`${m} ${route.url}`, { method: m, url: route.url, permission });
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
      else expired = found.reason === 'expired';
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
