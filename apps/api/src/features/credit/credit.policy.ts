import type {
  CreditDeductionsPolicy,
  CreditLevelsPolicy,
  CreditPublicityPolicy,
  CreditSanctionsPolicy,
  ResolvedPolicy,
  RiskModelPolicy,
  SamplingFactorsPolicy,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { type Agency, agencyById } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

export interface CreditPolicies {
  deductions: CreditDeductionsPolicy;
  levels: CreditLevelsPolicy;
  sanctions: CreditSanctionsPolicy;
  publicity: CreditPublicityPolicy;
  risk: RiskModelPolicy;
  factors: SamplingFactorsPolicy;
  /** The versions used, e.g. "credit.levels@national credit.sanctions@national+440106v1 …": named on every standing. */
  versionKey: string;
  /** Each kind's version key, e.g. deductions: "credit.deductions@national+440106v1". */
  versions: { deductions: string; levels: string };
}

const KINDS = ['credit.deductions', 'credit.levels', 'credit.sanctions', 'credit.publicity', 'credit.risk_model', 'supervision.sampling_factors'] as const;

/** The credit policies in force for an agency on a day (CRD-01 … CRD-04). */
export async function creditPolicies(db: Executor, agencyOrId: Agency | string, on: string): Promise<CreditPolicies> {
  const agency = typeof agencyOrId === 'string' ? await agencyById(db, agencyOrId) : agencyOrId;
  if (!agency) throw new Error(`credit policies of unknown agency ${String(agencyOrId)}`);
  const r = (await resolveForAgency(db, agency, on, KINDS)) as ResolvedPolicy[];
  const [deductions, levels, sanctions, publicity, risk, factors] = r;
  return {
    deductions: deductions!.values as CreditDeductionsPolicy,
    levels: levels!.values as CreditLevelsPolicy,
    sanctions: sanctions!.values as CreditSanctionsPolicy,
    publicity: publicity!.values as CreditPublicityPolicy,
    risk: risk!.values as RiskModelPolicy,
    factors: factors!.values as SamplingFactorsPolicy,
    versionKey: r
      .slice(1)
      .map((p) => p.versionKey)
      .join(' '),
    versions: { deductions: deductions!.versionKey, levels: levels!.versionKey },
  };
}
