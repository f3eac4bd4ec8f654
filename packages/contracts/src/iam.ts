/** Log-in, log-out and the current user (apps/api/src/platform/iam/auth.routes.ts). */
import { type Static, Type } from 'typebox';

/** GET /api/v1/auth/me: the signed-in user, roles, permissions and data scope. */
export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('applicant')]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  agency: Type.Union([Type.Null(), Type.Object({ id: Type.String(), name: Type.String(), regionCode: Type.String() })]),
  usci: Type.Union([Type.Null(), Type.String()]),
  scope: Type.String(),
});
export type Me = Static<typeof Me>;

/** POST /api/v1/auth/login. */
export const LoginRequest = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) });
export type LoginRequest = Static<typeof LoginRequest>;
export const LoginResponse = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: Me });
export type LoginResponse = Static<typeof LoginResponse>;

/**
 * GET /api/v1/auth/session (public): the session the request's cookie (or bearer token) carries — the one
 * source of truth of every tab. `user` is null when signed out; `ended` says why a session presented with
 * the request is no longer valid ('expired': idle or absolute timeout; 'unknown': logged out or revoked).
 */
export const SessionView = Type.Object({
  user: Type.Union([Type.Null(), Me]),
  ended: Type.Union([Type.Null(), Type.Literal('expired'), Type.Literal('unknown')]),
});
export type SessionView = Static<typeof SessionView>;
