import { setTimeout as sleep } from 'node:timers/promises';
import { chinaDateTimeOf } from '@fep/domain';
import { sql } from 'kysely';
import { sm3Hex } from '../audit/chain.ts';
import type { AppContext } from '../context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export type AuthResult =
  | { ok: true; userId: string; agencyId: string | null }
  | {
      ok: false;
      reason: 'invalid' | 'locked' | 'disabled' | 'busy';
      userId: string | null;
      agencyId: string | null;
      lockedUntil?: string;
      lockedUntilText?: string;
    };

let dummyHash: Promise<string> | null = null;
/** The work of checking a password, spent where there is no hash to check, so timing tells nothing. */
async function spendHashTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-Aa1!');
  await verifyPassword(await dummyHash, password);
}

/** Whose failures an attempt counts against: the account, or (no such account) the username's throttle row. */
type Target = { kind: 'user'; id: string } | { kind: 'unknown'; key: string };

/**
 * Checks a password with an atomic lockout (等保 level 3). Before any hash is evaluated the attempt
 * reserves one of the allowed failures with a single conditional statement; once `maxFailedLogins`
 * reservations are held no further evaluation happens, however many requests arrive at once (100
 * concurrent wrong passwords evaluate at most 5). A success clears the counter; the failure that exhausts
 * it locks the account.
 *
 * Attempts in flight are not failures: when every allowed attempt is reserved but the account is not
 * locked, the attempt waits for those to end (a success frees them all, a failure locks) instead of
 * answering "locked" — 20 parallel correct sign-ins all succeed. A username without an account is counted
 * and locked the same way in `login_throttles` (hashing a dummy while it is not locked, like a wrong
 * password; nothing once it is, like a locked account), and a disabled account spends the hashing time of
 * a wrong password, so neither status, body nor timing tells which usernames exist.
 */
export async function authenticate(ctx: AppContext, username: string, password: string): Promise<AuthResult> {
  const { db } = ctx.database;
  const user = await db.selectFrom('users').select(['id', 'agency_id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
  const target: Target = user ? { kind: 'user', id: user.id } : { kind: 'unknown', key: sm3Hex(`login:${username.toLowerCase()}`) };
  const userId = user?.id ?? null;
  const agencyId = user?.agency_id ?? null;
  if (user?.disabled) {
    await spendHashTime(password);
    return { ok: false, reason: 'disabled', userId, agencyId };
  }
  for (let wait = 0; ; wait++) {
    const r = await reserve(ctx, target);
    if (r.state === 'reserved') break;
    // No hash is evaluated for a locked target, account or not: the same fast answer for both (and no
    // hashing work an attacker could make the server do by hammering a locked name).
    if (r.state === 'locked') return lockedResult(userId, agencyId, r.until);
    // Every allowed attempt is in flight (argon2 takes tens of milliseconds): wait for them to end.
    if (wait >= 80) return { ok: false, reason: 'busy', userId, agencyId };
    await sleep(25);
  }
  let good = false;
  if (user) good = await verifyPassword(user.password_hash, password);
  else await spendHashTime(password);
  if (good && user) {
    await db.updateTable('users').set({ failed_count: 0, locked_until: null }).where('id', '=', user.id).execute();
    return { ok: true, userId: user.id, agencyId };
  }
  const lockUntil = await lockIfExhausted(ctx, target);
  if (lockUntil) return lockedResult(userId, agencyId, lockUntil);
  return { ok: false, reason: 'invalid', userId, agencyId };
}

async function reserve(ctx: AppContext, target: Target): Promise<{ state: 'reserved' } | { state: 'locked'; until: string } | { state: 'busy' }> {
  const { db } = ctx.database;
  const max = ctx.config.maxFailedLogins;
  const nowIso = ctx.now().toISOString();
  let updated: number;
  if (target.kind === 'user') {
    const r = await db
      .updateTable('users')
      .set({
        failed_count: sql`CASE WHEN locked_until IS NOT NULL AND locked_until <= ${nowIso} THEN 1 ELSE failed_count + 1 END`,
        locked_until: sql`CASE WHEN locked_until IS NOT NULL AND locked_until <= ${nowIso} THEN NULL ELSE locked_until END`,
      })
      .where('id', '=', target.id)
      .where((eb) => eb.or([eb('locked_until', '<=', nowIso), eb.and([eb('locked_until', 'is', null), eb('failed_count', '<', max)])]))
      .executeTakeFirst();
    updated = Number(r.numUpdatedRows);
  } else {
    const r = await db
      .insertInto('login_throttles')
      .values({ key: target.key, failed_count: 1, locked_until: null, updated_at: nowIso })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            failed_count: sql`CASE WHEN login_throttles.locked_until IS NOT NULL AND login_throttles.locked_until <= ${nowIso} THEN 1 ELSE login_throttles.failed_count + 1 END`,
            locked_until: sql`CASE WHEN login_throttles.locked_until IS NOT NULL AND login_throttles.locked_until <= ${nowIso} THEN NULL ELSE login_throttles.locked_until END`,
            updated_at: nowIso,
          })
          .where((eb) =>
            eb.or([
              eb('login_throttles.locked_until', '<=', nowIso),
              eb.and([eb('login_throttles.locked_until', 'is', null), eb('login_throttles.failed_count', '<', max)]),
            ]),
          ),
      )
      .executeTakeFirst();
    updated = Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  if (updated > 0) return { state: 'reserved' };
  const row =
    target.kind === 'user'
      ? await db.selectFrom('users').select('locked_until').where('id', '=', target.id).executeTakeFirst()
      : await db.selectFrom('login_throttles').select('locked_until').where('key', '=', target.key).executeTakeFirst();
  if (row?.locked_until && row.locked_until > nowIso) return { state: 'locked', until: row.locked_until };
  return { state: 'busy' };
}

/** The failure that uses up the allowed attempts locks the account (or the unknown username) for the lockout period. */
async function lockIfExhausted(ctx: AppContext, target: Target): Promise<string | null> {
  const { db } = ctx.database;
  const max = ctx.config.maxFailedLogins;
  const lockUntil = new Date(ctx.now().getTime() + ctx.config.lockoutMinutes * 60_000).toISOString();
  const r =
    target.kind === 'user'
      ? await db
          .updateTable('users')
          .set({ locked_until: lockUntil })
          .where('id', '=', target.id)
          .where('failed_count', '>=', max)
          .where('locked_until', 'is', null)
          .executeTakeFirst()
      : await db
          .updateTable('login_throttles')
          .set({ locked_until: lockUntil })
          .where('key', '=', target.key)
          .where('failed_count', '>=', max)
          .where('locked_until', 'is', null)
          .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0 ? lockUntil : null;
}

function lockedResult(userId: string | null, agencyId: string | null, until: string | null): AuthResult {
  const text = until ? chinaDateTimeOf(until) : '稍后';
  return { ok: false, reason: 'locked', userId, agencyId, ...(until ? { lockedUntil: until } : {}), lockedUntilText: text };
}
