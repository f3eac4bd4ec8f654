import type { Role } from './permissions.ts';

/**
 * Data scope: which records a user may see. Decided here, applied by one query helper in the API.
 * - all: every agency (national administrators only; no demo user has it)
 * - agency_and_below: records of the user's agency and of every agency under it in the tree
 * - own_agency: records of the user's agency only
 * - self: records the user owns (applicants)
 * - none: nothing
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'agency_and_below'; agencyPath: string }
  | { kind: 'own_agency'; agencyId: string }
  | { kind: 'self'; userId: string; usci: string | null }
  | { kind: 'none' };

export interface ScopeSubject {
  userId: string;
  roles: readonly Role[];
  agencyId: string | null;
  agencyPath: string | null;
  usci: string | null;
  national?: boolean;
}

export function decideScope(s: ScopeSubject): DataScope {
  if (s.roles.length === 0) return { kind: 'none' };
  const staff = s.roles.some((r) => r !== 'applicant');
  if (staff) {
    if (s.national) return { kind: 'all' };
    if (!s.agencyId || !s.agencyPath) return { kind: 'none' };
    // Every staff role sees its own agency and the agencies it supervises: a detachment oversees its
    // brigades (消防监督检查规定: 上级消防救援机构 supervises lower ones); brigades have no children.
    return { kind: 'agency_and_below', agencyPath: s.agencyPath };
  }
  return { kind: 'self', userId: s.userId, usci: s.usci };
}

/** Whether a record with this agency path / owner falls inside a scope (same rule as the SQL helper). */
export function inScope(
  scope: DataScope,
  record: { agencyPath?: string | null; agencyId?: string | null; ownerUserId?: string | null; usci?: string | null },
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'agency_and_below':
      return !!record.agencyPath && record.agencyPath.startsWith(scope.agencyPath);
    case 'own_agency':
      return record.agencyId === scope.agencyId;
    case 'self':
      return (!!record.ownerUserId && record.ownerUserId === scope.userId) || (!!scope.usci && record.usci === scope.usci);
    case 'none':
      return false;
  }
}
