import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/**
 * Records that belong to an agency, by the target type they carry in the enforcement record, in deadline
 * clocks and in domain events: the table holding them and its materialised agency path. The owning
 * agency of a target decides who may see its record and attach a clock to it; the agency that happened
 * to act on it does not (an application only submitted by the applicant still belongs to the agency it
 * was submitted to).
 */
export const OWNED_TARGETS = {
  application: 'applications',
  licence: 'licences',
  licence_request: 'licence_requests',
  public_notice: 'public_notices',
  inspection_task: 'inspection_tasks',
  random_plan: 'random_plans',
  hazard: 'hazards',
  rectification_order: 'rectification_orders',
  order_extension: 'order_extensions',
  enforcement_referral: 'enforcement_referrals',
  enforcement_case: 'enforcement_cases',
  enforcement_seal: 'enforcement_seals',
  seal_request: 'enforcement_seal_requests',
  unit: 'units',
  clock: 'clocks',
  interference_record: 'interference_records',
  officer_complaint: 'officer_complaints',
  case_review: 'case_reviews',
  credit_request: 'credit_requests',
  service_organisation: 'service_organisations',
  product_check_plan: 'product_check_plans',
  product_check_sample: 'product_check_samples',
  product_market_referral: 'product_market_referrals',
  monitoring_device: 'monitoring_devices',
} as const;
export type OwnedTargetType = keyof typeof OWNED_TARGETS;

export function isOwnedTargetType(type: string): type is OwnedTargetType {
  return Object.hasOwn(OWNED_TARGETS, type);
}

/**
 * The agency path of the agency owning a target: `undefined` when the type owns no agency-scoped table
 * or the record does not exist.
 */
export async function ownerOfTarget(db: Executor, type: string, id: string): Promise<{ agencyPath: string } | undefined> {
  if (!isOwnedTargetType(type)) return undefined;
  const table = OWNED_TARGETS[type];
  const r = await sql<{ agency_path: string }>`select agency_path from ${sql.table(table)} where id = ${id}`.execute(db);
  const row = r.rows[0];
  return row ? { agencyPath: row.agency_path } : undefined;
}
