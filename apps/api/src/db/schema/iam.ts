import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Users, their roles and sessions. Conventions: see ../schema.ts.

/** Columns with a database default are `Generated`: optional on insert. */
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  kind: 'staff' | 'applicant';
  agency_id: string | null;
  usci: string | null;
  phone: string | null;
  failed_count: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  national: Generated<number>;
  created_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;

export interface UserRoleTable {
  user_id: string;
  role: string;
}
export type UserRole = Selectable<UserRoleTable>;
export type NewUserRole = Insertable<UserRoleTable>;
export type UserRoleUpdate = Updateable<UserRoleTable>;

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  source_ip: string | null;
  revoked_at: string | null;
}
export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type SessionUpdate = Updateable<SessionTable>;

/** Failed sign-ins of usernames without an account (counted like an account's, so a lockout reveals nothing). */
export interface LoginThrottleTable {
  key: string;
  failed_count: Generated<number>;
  locked_until: string | null;
  updated_at: string;
}

export interface IamTables {
  login_throttles: LoginThrottleTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
}
