import type { DataScope, Permission, Role } from '@fep/domain';

/**
 * Who acts: a signed-in person, an anonymous visitor, or the system (a job, a consumer, a partner call).
 * Use cases receive it as their second argument and never look at a request; the HTTP adapter builds it
 * from the session (`platform/http/actor.ts`), a job uses `systemActor`, a partner API its own.
 */
export interface Actor {
  userId: string | null;
  username: string | null;
  displayName: string | null;
  kind: 'staff' | 'applicant' | 'anonymous' | 'system';
  roles: Role[];
  permissions: Permission[];
  /** The role under which this act is done (recorded in the enforcement record). */
  role: string | null;
  agencyId: string | null;
  agencyPath: string | null;
  agencyName: string | null;
  regionCode: string | null;
  usci: string | null;
  national: boolean;
  scope: DataScope;
  ip: string | null;
  requestId: string | null;
}

const NOBODY = {
  userId: null,
  username: null,
  displayName: null,
  roles: [],
  permissions: [],
  agencyId: null,
  agencyPath: null,
  agencyName: null,
  regionCode: null,
  usci: null,
  national: false,
  ip: null,
  requestId: null,
} as const;

/** The product itself acting (clock sweep, event handlers, imports run from a job): sees everything. */
export function systemActor(role = 'system'): Actor {
  return { ...NOBODY, roles: [], permissions: [], kind: 'system', role, scope: { kind: 'all' } };
}

/** A visitor without a session: sees nothing scoped. */
export function anonymousActor(ip: string | null = null, requestId: string | null = null): Actor {
  return { ...NOBODY, roles: [], permissions: [], kind: 'anonymous', role: 'anonymous', scope: { kind: 'none' }, ip, requestId };
}

/** The user id of a signed-in actor; use cases that need a person call it (a programming error otherwise). */
export function userIdOf(actor: Actor): string {
  if (!actor.userId) throw new Error(`this act needs a signed-in user (actor kind ${actor.kind})`);
  return actor.userId;
}
