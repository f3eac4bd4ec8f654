import { chinaDateTimeOf } from '@fep/domain';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export type AuthResult =
  | { ok: true; userId: string; agencyId: string | null }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; userId: string | null; agencyId: string | null; lockedUntil?: string; lockedUntilText?: string };

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password with an atomic lockout. Before any hash is evaluated the attempt reserves one of the
 * allowed failures with a single conditional UPDATE; once `maxFailedLogins` reservations are held no
 * further evaluation happens, however many requests arrive at once (100 concurrent wrong passwords
 * evaluate at most 5). A success clears the counter; the failure that exhausts it locks the account.
 */
export async function authenticate(ctx: AppContext, username: string, password: string): Promise<AuthResult> {
  const { db } = ctx.database;
  const max = ctx.config.maxFailedLogins;
  const user = await db.selectFrom('users').select(['id', 'agency_id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
  if (!user) {
    // Same work as for a real account, so response time does not reveal which usernames exist.
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    await verifyPassword(await dummyHash, password);
    return { ok: false, reason: 'invalid', userId: null, agencyId: null };
  }
  if (user.disabled) return { ok: false, reason: 'disabled', userId: user.id, agencyId: user.agency_id };
  const nowIso = ctx.now().toISOString();
  const reserved = await db
    .updateTable('users')
    .set({
      failed_count: sql`CASE WHEN locked_until IS NOT NULL AND locked_until <= ${nowIso} THEN 1 ELSE failed_count + 1 END`,
      locked_until: sql`CASE WHEN locked_until IS NOT NULL AND locked_until <= ${nowIso} THEN NULL ELSE locked_until END`,
    })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', '<=', nowIso), eb.and([eb('locked_until', 'is', null), eb('failed_count', '<', max)])]))
    .executeTakeFirst();
  if (Number(reserved.numUpdatedRows) === 0) {
    const row = await db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirst();
    return lockedResult(user.id, user.agency_id, row?.locked_until ?? null);
  }
  const good = await verifyPassword(user.password_hash, password);
  if (good) {
    await db.updateTable('users').set({ failed_count: 0, locked_until: null }).where('id', '=', user.id).execute();
    return { ok: true, userId: user.id, agencyId: user.agency_id };
  }
  const lockUntil = new Date(ctx.now().getTime() + ctx.config.lockoutMinutes * 60_000).toISOString();
  const locked = await db
    .updateTable('users')
    .set({ locked_until: lockUntil })
    .where('id', '=', user.id)
    .where('failed_count', '>=', max)
    .where('locked_until', 'is', null)
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) > 0) return lockedResult(user.id, user.agency_id, lockUntil);
  return { ok: false, reason: 'invalid', userId: user.id, agencyId: user.agency_id };
}

function lockedResult(userId: string, agencyId: string | null, until: string | null): AuthResult {
  const text = until ? chinaDateTimeOf(until) : '稍后';
  return { ok: false, reason: 'locked', userId, agencyId, ...(until ? { lockedUntil: until } : {}), lockedUntilText: text };
}
