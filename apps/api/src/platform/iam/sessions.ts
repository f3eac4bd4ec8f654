import { createHash, randomBytes } from 'node:crypto';
import { decideScope, permissionsOf, ROLES, type Role } from '@fep/domain';
import { type CompiledQuery, sql } from 'kysely';
import type { Database, Db, Dialect, Executor } from '../../db/database.ts';
import type { AppContext, AuthInfo } from '../context.ts';

export const SESSION_COOKIE = 'fep_session';

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session: the token goes to the client, only its hash is stored. */
export async function createSession(db: Executor, ctx: AppContext, userId: string, ip: string | null): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: tokenId(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      source_ip: ip,
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export type SessionLookup = { ok: true; auth: AuthInfo } | { ok: false; reason: 'unknown' | 'expired' };

/**
 * Resolves a token to the acting user. Idle (default 30 min) and absolute (12 h) timeouts are enforced
 * here, on the server, whatever the client keeps.
 */
/**
 * Sessions resolved in the last few seconds, by token hash, per database (docs/decisions.md "Read path
 * caches"): the read path then costs no query for the session. A session ended in this process (logout,
 * revocation) leaves the cache at once (`forgetSession`), and so does one ended by another process on
 * PostgreSQL (announced on SESSIONS_CHANNEL); a user disabled or given other roles in another process is
 * honoured here within `sessionCacheSettings.ttlMs`.
 */
export const sessionCacheSettings = { ttlMs: 5000 };
const SESSION_CACHE_MAX = 50_000;
interface CachedSession {
  auth: AuthInfo;
  cachedAt: number;
  expiresAtMs: number;
  idleLimitMs: number;
  lastSeenMs: number;
}
const sessionCaches = new WeakMap<object, Map<string, CachedSession>>();

function sessionCache(db: Db): Map<string, CachedSession> {
  let c = sessionCaches.get(db);
  if (!c) {
    c = new Map();
    sessionCaches.set(db, c);
  }
  return c;
}

/**
 * The PostgreSQL channel on which a process tells the others that a session ended (`s:<id>`) or a user's
 * sessions must be read again (`u:<id>`): with several processes, a logout on one is honoured by all at
 * once instead of within the cache time (等保 2.0 8.1.4.1: a session ends when the user ends it).
 */
export const SESSIONS_CHANNEL = 'fep_sessions';

/** Sends the news of an ended session to every process, when `trx` commits (PostgreSQL; SQLite has one process). */
export async function announceSessionEnded(trx: Executor, dialect: Dialect, sessionId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_notify(${SESSIONS_CHANNEL}, ${`s:${sessionId}`})`.execute(trx);
}

/** Drops what other processes announce from this process's cache; a lost announcement channel empties it. */
export async function watchSessionAnnouncements(database: Database): Promise<void> {
  const { db } = database;
  await database.listen?.(
    SESSIONS_CHANNEL,
    (payload) => {
      if (payload.startsWith('s:')) forgetSession(db, payload.slice(2));
      else if (payload.startsWith('u:')) forgetSessionsOfUser(db, payload.slice(2));
    },
    () => sessionCache(db).clear(),
  );
}

/** Drops a session from this process's cache (after its revocation committed). */
export function forgetSession(db: Db, sessionId: string): void {
  sessionCache(db).delete(sessionId);
}

/** Drops every cached session of a user (disabled, roles changed, password reset in this process). */
export function forgetSessionsOfUser(db: Db, userId: string): void {
  const c = sessionCache(db);
  for (const [k, v] of c) if (v.auth.user.id === userId) c.delete(k);
}

export async function lookupSession(ctx: AppContext, token: string): Promise<SessionLookup> {
  const { db } = ctx.database;
  const id = tokenId(token);
  const cache = sessionCache(db);
  const hit = cache.get(id);
  if (hit) {
    const nowMs = ctx.now().getTime();
    const fresh = performance.now() - hit.cachedAt < sessionCacheSettings.ttlMs;
    // Timeouts are checked on every request against the product clock; the cached entry only spares the
    // read. When the sliding window is due to be written the full path runs.
    if (fresh && nowMs < hit.expiresAtMs && nowMs < hit.idleLimitMs && nowMs - hit.lastSeenMs <= 60_000) return { ok: true, auth: hit.auth };
    cache.delete(id);
  }
  // Every request runs this: one query for session, user, agency and roles, compiled once per database and
  // re-run with new parameters.
  const q = hotQueries(db, ctx.database.dialect);
  const s = (await db.executeQuery({ ...q.session, parameters: [id] } as typeof q.session)).rows[0];
  if (!s) return { ok: false, reason: 'unknown' };
  const idleLimit = new Date(s.last_seen_at).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (s.revoked_at) {
    // A session revoked when it was found timed out keeps saying so (every tab, every later request: the
    // user is told 登录已超时, not 请先登录). A logout happens within the idle window of the request making it.
    const byTimeout = s.revoked_at >= s.expires_at || new Date(s.revoked_at).getTime() >= idleLimit;
    return { ok: false, reason: byTimeout ? 'expired' : 'unknown' };
  }
  const now = ctx.now();
  if (now.toISOString() >= s.expires_at || now.getTime() >= idleLimit) {
    await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    return { ok: false, reason: 'expired' };
  }
  const user = s.user_id ? s : undefined;
  if (!user || user.disabled) return { ok: false, reason: 'unknown' };
  const roles = (user.roles ?? '')
    .split(',')
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r))
    .sort();
  // Sliding idle window; written at most once a minute to keep reads cheap.
  let lastSeenMs = new Date(s.last_seen_at).getTime();
  if (now.getTime() - lastSeenMs > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
    lastSeenMs = now.getTime();
  }
  const auth: AuthInfo = {
    user: {
      id: user.user_id,
      username: user.username,
      displayName: user.display_name,
      kind: user.kind,
      agencyId: user.agency_id,
      agencyPath: user.agency_path ?? null,
      agencyName: user.agency_name ?? null,
      regionCode: user.region_code ?? null,
      usci: user.usci,
      national: user.national === 1,
    },
    roles,
    permissions: permissionsOf(roles),
    scope: decideScope({
      userId: user.user_id,
      roles,
      agencyId: user.agency_id,
      agencyPath: user.agency_path ?? null,
      usci: user.usci,
      national: user.national === 1,
    }),
    sessionId: id,
  };
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(id, {
    auth,
    cachedAt: performance.now(),
    expiresAtMs: new Date(s.expires_at).getTime(),
    idleLimitMs: lastSeenMs + ctx.config.sessionIdleMinutes * 60_000,
    lastSeenMs,
  });
  return { ok: true, auth };
}

type HotQueries = {
  session: CompiledQuery<{
    id: string;
    user_id: string;
    revoked_at: string | null;
    last_seen_at: string;
    expires_at: string;
    username: string;
    display_name: string;
    kind: 'staff' | 'applicant';
    agency_id: string | null;
    usci: string | null;
    national: number;
    disabled: number;
    agency_path: string | null;
    agency_name: string | null;
    region_code: string | null;
    roles: string | null;
  }>;
};
const compiled = new WeakMap<object, HotQueries>();

function hotQueries(db: Db, dialect: 'sqlite' | 'postgres'): HotQueries {
  let q = compiled.get(db);
  if (!q) {
    q = {
      session: db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .leftJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['sessions.id', 'sessions.user_id', 'sessions.revoked_at', 'sessions.last_seen_at', 'sessions.expires_at'])
        .select(['users.username', 'users.display_name', 'users.kind', 'users.agency_id', 'users.usci', 'users.national', 'users.disabled'])
        .select(['agencies.path as agency_path', 'agencies.name as agency_name', 'agencies.region_code'])
        .select(
          (dialect === 'postgres'
            ? sql<string | null>`(select string_agg(role, ',') from user_roles where user_roles.user_id = users.id)`
            : sql<string | null>`(select group_concat(role, ',') from user_roles where user_roles.user_id = users.id)`
          ).as('roles'),
        )
        .where('sessions.id', '=', '?')
        .compile(),
    };
    compiled.set(db, q);
  }
  return q;
}
