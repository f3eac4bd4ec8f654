import type { FastifyRequest } from 'fastify';
import { type Actor, anonymousActor } from '../actor.ts';

/** The actor of a request: the session's user under the role the route was authorised for. */
export function actorOf(req: FastifyRequest): Actor {
  const a = req.auth;
  if (!a) return anonymousActor(req.ip, req.id);
  const u = a.user;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind,
    roles: a.roles,
    permissions: a.permissions,
    role: req.actingRole ?? a.roles[0] ?? null,
    agencyId: u.agencyId,
    agencyPath: u.agencyPath,
    agencyName: u.agencyName,
    regionCode: u.regionCode,
    usci: u.usci,
    national: u.national,
    scope: a.scope,
    ip: req.ip,
    requestId: req.id,
  };
}
