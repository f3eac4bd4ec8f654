import { randomBytes } from 'node:crypto';
import { decideScope, permissionsOf } from '@fep/domain';
import { type Actor, systemActor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { uuidv7 } from '../ids.ts';
import { transact } from '../transact.ts';

/**
 * A business signed in at a unified service portal (赣服通, 粤商通) acts here through the portal, with no second
 * account to create or remember (MON-03): the first call for a (portal, user, USCI) creates an applicant account
 * bound to it — disabled for password log-in, so it is reachable only through the portal's signed assertion —
 * and later calls find it. The unique key of gateway_identities decides between parallel first calls.
 */
class LostRace extends Error {}

export async function federatedApplicant(
  ctx: AppContext,
  input: { partnerId: string; partnerName: string; subject: string; usci: string; name: string },
  meta: { ip: string | null; requestId: string | null },
): Promise<Actor> {
  const db = ctx.database.db;
  const find = () =>
    db
      .selectFrom('gateway_identities')
      .select('user_id')
      .where('partner_id', '=', input.partnerId)
      .where('subject', '=', input.subject)
      .where('usci', '=', input.usci)
      .executeTakeFirst();
  let found = await find();
  if (!found) {
    const id = uuidv7(ctx.now().getTime());
    const nowIso = ctx.now().toISOString();
    await transact(ctx, systemActor(`partner:${input.partnerId}`), async (trx, audit) => {
      // The loser of parallel first calls writes nothing: it rolls back and reads the winner's account.
      await trx
        .insertInto('users')
        .values({
          id,
          username: `portal.${randomBytes(9).toString('base64url')}`,
          display_name: input.name.slice(0, 100),
          // No password opens this account: the hash below matches nothing and the account is disabled for log-in.
          password_hash: `!federated:${input.partnerId}`,
          kind: 'applicant',
          agency_id: null,
          usci: input.usci,
          phone: null,
          failed_count: 0,
          locked_until: null,
          disabled: 1,
          national: 0,
          created_at: nowIso,
          password_changed_at: nowIso,
          last_login_at: null,
        })
        .execute();
      await trx.insertInto('user_roles').values({ user_id: id, role: 'applicant' }).execute();
      const taken = await trx
        .insertInto('gateway_identities')
        .values({ partner_id: input.partnerId, subject: input.subject, usci: input.usci, user_id: id, created_at: nowIso })
        .onConflict((oc) => oc.columns(['partner_id', 'subject', 'usci']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!taken) throw new LostRace();
      await audit({
        action: 'user.federate',
        targetType: 'user',
        targetId: id,
        after: { id, kind: 'applicant', usci: input.usci, partner: input.partnerName },
      });
    }).catch((err: unknown) => {
      if (!(err instanceof LostRace)) throw err;
    });
    found = await find();
    if (!found) throw new Error('federated identity was not recorded');
  }
  const user = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', found.user_id).executeTakeFirstOrThrow();
  const roles = ['applicant'] as const;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    kind: 'applicant',
    roles: [...roles],
    permissions: permissionsOf(roles),
    role: 'applicant',
    agencyId: null,
    agencyPath: null,
    agencyName: null,
    regionCode: null,
    usci: input.usci,
    national: false,
    scope: decideScope({ userId: user.id, roles, agencyId: null, agencyPath: null, usci: input.usci }),
    ip: meta.ip,
    requestId: meta.requestId,
  };
}
