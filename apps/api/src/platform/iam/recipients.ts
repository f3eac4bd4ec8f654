import { type Permission, ROLE_PERMISSIONS, type Role } from '@fep/domain';
import type { Executor } from '../../db/database.ts';

/**
 * Who is told of a fact (the notification centre's recipients), read from the users and roles this module
 * owns: the users of a business (by USCI), and the staff of one agency holding a permission.
 */
export interface Recipient {
  id: string;
  phone: string | null;
}

/** The active accounts of a business (its applicant users). */
export async function usersOfUnit(db: Executor, usci: string): Promise<Recipient[]> {
  return db
    .selectFrom('users')
    .select(['id', 'phone'])
    .where('usci', '=', usci)
    .where('kind', '=', 'applicant')
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();
}

/** The active staff of an agency whose roles grant the permission (e.g. the clerks who accept applications). */
export async function staffWithPermission(db: Executor, agencyId: string, permission: Permission): Promise<Recipient[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(permission));
  if (!roles.length) return [];
  return db
    .selectFrom('users')
    .select(['users.id', 'users.phone'])
    .where('users.agency_id', '=', agencyId)
    .where('users.kind', '=', 'staff')
    .where('users.disabled', '=', 0)
    .where((eb) =>
      eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', 'in', roles)),
    )
    .orderBy('users.id')
    .execute();
}

/** Users by id (a named person: the applicant, the clock's assignee), active ones only. */
export async function usersById(db: Executor, ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'phone']).where('id', 'in', ids).where('disabled', '=', 0).orderBy('id').execute();
}

/** The phone number of one user (the settings page shows it masked). */
export async function phoneOf(db: Executor, userId: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('phone').where('id', '=', userId).executeTakeFirst();
  return r?.phone ?? null;
}
