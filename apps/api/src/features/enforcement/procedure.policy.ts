import { type EnforcementProcedurePolicy, policyKind } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Agency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/**
 * The penalty procedure in force for an agency on a date (`enforcement.procedure`): thresholds, time limits
 * and their units, fees and number formats, with the legal basis of each field for the clocks they start.
 */
export async function procedureFor(db: Executor, agency: Agency, at: string) {
  const [resolved] = await resolveForAgency(db, agency, at, ['enforcement.procedure']);
  if (!resolved) throw new Error('enforcement.procedure is not a known policy kind');
  return { policy: resolved.values as EnforcementProcedurePolicy, versionKey: resolved.versionKey };
}

/** The legal basis of a procedure field (a clock cites it). */
export function procedureBasis(field: keyof EnforcementProcedurePolicy): { document: string; clause?: string } {
  const basis = policyKind('enforcement.procedure').fields[field]?.legalBasis;
  if (!basis) throw new Error(`enforcement.procedure.${field} has no legal basis`);
  return basis;
}
