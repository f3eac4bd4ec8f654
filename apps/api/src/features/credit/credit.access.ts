import { inScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { CreditRequestRow, CreditStandingRow } from '../../db/schema/credit.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound, outOfScope } from '../../platform/errors.ts';
import { unitByUsci } from '../units/index.ts';

/**
 * Whose credit a caller reads (CRD-01): staff of the unit's agency (and the agencies above it), and the unit
 * itself (an applicant account of that USCI). The unit's agency is its directory agency, else the agency of
 * its standing. Outside that: the same 404 as for an unknown unit, recorded as a refusal.
 */
export async function unitAgencyPath(db: Executor, usci: string): Promise<string | null> {
  const unit = await unitByUsci(db, usci, null);
  if (unit) return unit.agency_path;
  const s = await db.selectFrom('credit_standings').select('agency_path').where('usci', '=', usci).executeTakeFirst();
  return s?.agency_path ?? null;
}

export async function creditSubjectInScope(db: Executor, actor: Actor, usci: string): Promise<string> {
  const path = await unitAgencyPath(db, usci);
  if (path === null) throw notFound('该单位的信用记录');
  if (!inScope(actor.scope, { agencyPath: path, usci })) throw outOfScope('该单位的信用记录', { type: 'unit', id: usci });
  return path;
}

export function requestInScope(actor: Actor, id: string, r: CreditRequestRow | undefined): CreditRequestRow {
  if (!r) throw notFound('信用修复或异议申请');
  if (!inScope(actor.scope, { agencyPath: r.agency_path, usci: r.usci })) throw outOfScope('信用修复或异议申请', { type: 'credit_request', id });
  return r;
}

export type { CreditStandingRow };
