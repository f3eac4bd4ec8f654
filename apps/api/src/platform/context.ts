import type { DataScope, PartnerScope, Permission, Role } from '@fep/domain';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { ProductClock } from './clock.ts';
import type { DocumentRenderer } from './documents/render-pool.ts';
import type { EventBus } from './events/bus.ts';
import type { ReadRunner } from './workers/read.ts';

/** Everything a request handler or job needs from the running process. */
export interface AppContext {
  database: Database;
  config: Config;
  auditKey: Buffer;
  /** Master key under which the agencies' seal keys are stored encrypted. */
  sealMasterKey: Buffer;
  /** The current instant: the one clock every use case reads (FEP_NOW starts it elsewhere; tests move it). */
  now(): Date;
  /** Domain events: subscribers and the dispatcher of the outbox. */
  events: EventBus;
  /** The product clock behind `now` (FEP_NOW, demo moves). */
  clock: ProductClock;
  /** Where background failures are reported (the process logger once the HTTP app exists). */
  log?: (err: unknown, message?: string) => void;
  /** Worker threads for heavy named reads on SQLite (platform/workers); absent on PostgreSQL. */
  reads?: ReadRunner;
  /** Worker threads that render and seal documents (platform/documents/render-pool.ts). */
  documents?: DocumentRenderer;
}

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  agencyId: string | null;
  agencyPath: string | null;
  agencyName: string | null;
  regionCode: string | null;
  usci: string | null;
  national: boolean;
}

export interface AuthInfo {
  user: AuthUser;
  roles: Role[];
  permissions: Permission[];
  scope: DataScope;
  sessionId: string;
}

/** What a route requires: anyone, any signed-in user, or one permission. */
export type RoutePermission = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    auth: AuthInfo | null;
    /** The role under which the user acts for this route (recorded in the enforcement record). */
    actingRole: string | null;
    /** Why the session the request presented is no longer valid (null: none presented, or valid). */
    sessionEnded: 'expired' | 'unknown' | null;
  }
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** A partner gateway route: the scope its signed caller must hold (platform/partners, MON-03). */
    partnerScope?: PartnerScope;
  }
}
