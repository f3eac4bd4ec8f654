import { createHash, randomBytes } from 'node:crypto';
import { decideScope, permissionsOf, ROLES, type Role } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
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
export async function lookupSession(ctx: AppContext, token: string): Promise<SessionLookup> {
  const { db } = ctx.database;
  const id = tokenId(token);
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || s.revoked_at) return { ok: false, reason: 'unknown' };
  const now = ctx.now();
  const idleLimit = new Date(s.last_seen_at).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (now.toISOString() >= s.expires_at || now.getTime() >= idleLimit) {
    await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    return { ok: false, reason: 'expired' };
  }
  const user = await db
    .selectFrom('users')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.kind', 'users.agency_id', 'users.usci', 'users.national', 'users.disabled'])
    .select(['agencies.path as agency_path', 'agencies.name as agency_name', 'agencies.region_code'])
    .where('users.id', '=', s.user_id)
    .executeTakeFirst();
  if (!user || user.disabled) return { ok: false, reason: 'unknown' };
  const roleRows = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  const roles = roleRows.map((r) => r.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  // Sliding idle window; written at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  const auth: AuthInfo = {
    user: {
      id: user.id,
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
      userId: user.id,
      roles,
      agencyId: user.agency_id,
      agencyPath: user.agency_path ?? null,
      usci: user.usci,
      national: user.national === 1,
    }),
    sessionId: id,
  };
  return { ok: true, auth };
}
