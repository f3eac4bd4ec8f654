/**
 * Who may open a route and see its menu entry: one pure function for both (ant-design-pro's `access.ts`).
 * The permissions are the domain's `module:resource:action` strings, the same ones the API guard checks.
 */
import type { Permission } from '@fep/domain';

export type UserKind = 'staff' | 'applicant';

/** What a route needs: anyone, any signed-in user, or a kind of user (optionally holding one permission). */
export type RouteAccess = 'public' | 'authenticated' | { kind: UserKind; permission?: Permission };

/** The part of the signed-in user that access depends on (the `/auth/me` view satisfies it). */
export interface AccessUser {
  kind: UserKind;
  permissions: readonly string[];
}

/** `allow`: open it / show it; `login`: signed out, send to the login page; `forbidden`: show 无权访问. */
export type AccessDecision = 'allow' | 'login' | 'forbidden';

export function access(user: AccessUser | null | undefined, route: { access: RouteAccess }): AccessDecision {
  const need = route.access;
  if (need === 'public') return 'allow';
  if (!user) return 'login';
  if (need === 'authenticated') return 'allow';
  if (user.kind !== need.kind) return 'forbidden';
  if (need.permission && !user.permissions.includes(need.permission)) return 'forbidden';
  return 'allow';
}

/** The login page for a route's audience: staff sign in at the back office, businesses at the portal. */
export function loginPathFor(route: { access: RouteAccess }): '/login' | '/admin/login' {
  return typeof route.access === 'object' && route.access.kind === 'staff' ? '/admin/login' : '/login';
}
