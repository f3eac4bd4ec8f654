import type { OrganisationConditionsPolicy } from '../policy/kinds.ts';

/**
 * Practice conditions of a fire technical service organisation (MKT-01, 社会消防技术服务管理规定 应急管理部令第7号
 * arts. 5–6) as checkable fields: what the organisation declares and what the agency verifies are the same facts,
 * checked against the `market.organisation_conditions` policy.
 */
export const ORGANISATION_KINDS = ['maintenance_testing', 'assessment'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface OrganisationFacts {
  enterpriseLegalPerson: boolean;
  workplaceSquareMetres: number;
  firstClassEngineers: number;
  secondClassEngineers: number;
  operators: number;
  intermediateOperators: number;
  qualitySystem: boolean;
}

export type ConditionFailure =
  | 'not_legal_person'
  | 'workplace'
  | 'registered_engineers'
  | 'first_class_engineers'
  | 'operators'
  | 'intermediate_operators'
  | 'quality_system';

/** Every condition the facts fail, in the order of the rule; empty when all are met. */
export function conditionFailures(kind: OrganisationKind, f: OrganisationFacts, policy: OrganisationConditionsPolicy): ConditionFailure[] {
  const c = policy[kind === 'maintenance_testing' ? 'maintenanceTesting' : 'assessment'];
  const out: ConditionFailure[] = [];
  if (!f.enterpriseLegalPerson) out.push('not_legal_person');
  if (f.workplaceSquareMetres < c.minWorkplaceSquareMetres) out.push('workplace');
  if (f.firstClassEngineers + f.secondClassEngineers < c.minRegisteredEngineers) out.push('registered_engineers');
  if (f.firstClassEngineers < c.minFirstClassEngineers) out.push('first_class_engineers');
  if (f.operators < c.minOperators) out.push('operators');
  if (f.intermediateOperators < c.minIntermediateOperators) out.push('intermediate_operators');
  if (!f.qualitySystem) out.push('quality_system');
  return out;
}

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = { maintenance_testing: '消防设施维护保养检测机构', assessment: '消防安全评估机构' };
export const CONDITION_FAILURE_LABELS: Record<ConditionFailure, string> = {
  not_legal_person: '不是企业法人',
  workplace: '工作场所面积不足',
  registered_engineers: '注册消防工程师人数不足',
  first_class_engineers: '一级注册消防工程师人数不足',
  operators: '消防设施操作员人数不足',
  intermediate_operators: '中级及以上消防设施操作员人数不足',
  quality_system: '未建立质量管理体系',
};
export const ORGANISATION_STATUS_LABELS = { declared: '已自我声明，待核查', verified: '已核查', failing: '核查不符合从业条件' } as const;
