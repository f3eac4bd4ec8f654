import { inScope } from '@fep/domain';
import type { Actor } from '../../platform/actor.ts';
import { notFound, outOfScope } from '../../platform/errors.ts';

/**
 * Who sees what in complaints, in one place (CMP-04). A report belongs to the agency that handles it; its
 * staff and those of the agencies above see it, never a neighbour's (outside the scope: 404, recorded as a
 * refusal). The reporter's identity is for the intake role of the handling agency only
 * (`complaints:reporter:read`), and every reveal is an enforcement record; no other view carries it.
 */
export function inScopeOr<T extends { agency_path: string; id: string }>(actor: Actor, row: T | undefined, id: string): T {
  if (!row) throw notFound('举报投诉');
  if (!inScope(actor.scope, { agencyPath: row.agency_path })) throw outOfScope('举报投诉', { type: 'complaint', id });
  return row;
}

export function mayReadReporter(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.permissions.includes('complaints:reporter:read');
}
