import { chinaDateOf, getPolicyKind, isCivilDate, POLICY_KIND_IDS, validateOverride } from '@fep/domain';
import { sameJson } from '../../../db/json.ts';
import type { Actor } from '../../actor.ts';
import { AppError, notFound, outOfScope } from '../../errors.ts';
import { uuidv7 } from '../../ids.ts';
import { findAgency } from '../../org/agencies.repository.ts';
import { inScope } from '../../org/scope.ts';
import { type Deps, transact } from '../../transact.ts';
import { policyValues } from '../policy.columns.ts';
import { bumpPolicyVersion, invalidatePolicies, toPolicyVersion } from '../policy.repository.ts';

export interface CreatePolicyVersionInput {
  agencyId: string;
  kind: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  legalBasis: { document: string; clause?: string };
  note?: string;
}

/**
 * Adds an effective-dated policy version for the actor's agency or one below it. Policy is data: a new
 * version never rewrites the past (its effective date is today or later), and the decisions already
 * taken keep the version they name. The version number is taken inside the transaction after the
 * agency's latest version row is read; a version equal to the latest (same values, basis and date) is a
 * 409 `POLICY.UNCHANGED`, and two versions racing for one number a 409, never a 500.
 */
export async function createPolicyVersion(deps: Deps, actor: Actor, input: CreatePolicyVersionInput) {
  const def = getPolicyKind(input.kind);
  if (!def) throw new AppError('POLICY.UNKNOWN_KIND', `未知的政策参数种类：${input.kind}`, { allowed: POLICY_KIND_IDS });
  if (!isCivilDate(input.effectiveFrom))
    throw new AppError('REQUEST.BAD_DATE', `生效日期格式应为 YYYY-MM-DD：${input.effectiveFrom}`, { field: 'effectiveFrom' });
  if (input.effectiveFrom < chinaDateOf(deps.now())) throw new AppError('POLICY.EFFECTIVE_DATE_IN_PAST', '生效日期不能早于今天', { field: 'effectiveFrom' });
  const problems = validateOverride(def, input.values);
  if (problems.length) throw new AppError('POLICY.INVALID_VALUES', '政策参数取值不符合要求', { problems });
  const agency = await findAgency(deps.database.db, input.agencyId);
  if (!agency) throw notFound('机构');
  // Another jurisdiction's agency: the same answer as none, recorded as a refusal (等保 8.1.4.3).
  if (!inScope(actor.scope, { agencyPath: agency.path })) throw outOfScope('机构', { type: 'agency', id: agency.id });
  const result = await transact(deps, actor, async (trx, audit) => {
    const latest = await trx
      .selectFrom('policy_versions')
      .selectAll()
      .where('kind', '=', input.kind)
      .where('agency_id', '=', agency.id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const valuesJson = policyValues(input.kind).encode(input.values);
    if (
      latest &&
      sameJson(latest.values_json, valuesJson) &&
      latest.effective_from === input.effectiveFrom &&
      latest.legal_document === input.legalBasis.document &&
      (latest.legal_clause ?? null) === (input.legalBasis.clause ?? null)
    )
      throw new AppError('POLICY.UNCHANGED', '与现行最新版本相同，未新增版本', { version: latest.version });
    const row = {
      id: uuidv7(),
      kind: input.kind,
      agency_id: agency.id,
      version: Number(latest?.version ?? 0) + 1,
      effective_from: input.effectiveFrom,
      effective_to: null,
      values_json: valuesJson,
      legal_document: input.legalBasis.document,
      legal_clause: input.legalBasis.clause ?? null,
      note: input.note ?? null,
      created_by: actor.userId,
      created_at: deps.now().toISOString(),
    };
    const ins = await trx
      .insertInto('policy_versions')
      .values(row)
      .onConflict((oc) => oc.columns(['kind', 'agency_id', 'version']).doNothing())
      .executeTakeFirst();
    if (Number(ins.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new AppError('POLICY.CONCURRENT_VERSION', '另一版本刚刚新增，请刷新后再提交', { version: row.version });
    await bumpPolicyVersion(trx);
    await audit({
      action: 'policy.version.create',
      targetType: 'policy',
      targetId: `${agency.id}/${input.kind}`,
      after: row,
      policyVersion: `${input.kind}@${agency.region_code}v${row.version}`,
    });
    return toPolicyVersion(row);
  });
  invalidatePolicies();
  return result;
}
