import type { MarketReferralStatusBody, MarketReferralView, ProductResultBody, ProductSampleView } from '@fep/contracts';
import {
  inScope,
  nextReferralStatus,
  PRODUCT_FIELD_LABELS,
  PRODUCT_FINDING_LABELS,
  type ProductFinding,
  productCategory,
  resultProblems,
  routeResult,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ProductMarketReferral } from '../../db/schema/products.ts';
import { type Actor, userIdOf } from '../../platform/actor.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { PRODUCT_USE_UNQUALIFIED, type ProductUseUnqualified } from './events.ts';
import { presentReferral, presentSample } from './presenter.ts';
import { CATEGORIES, FINDINGS } from './products.columns.ts';

/**
 * The result of one sampled product (MKT-02), recorded once (compare-and-set on pending and the version). An
 * unqualified one is transferred to market regulation when found where it is made or sold and notified to it when
 * found in use; a crowded place using it is referred to enforcement (domain event, 消防法 art. 65 ¶2).
 */
export async function recordProductResult(deps: Deps, actor: Actor, sampleId: string, input: ProductResultBody): Promise<ProductSampleView> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const s = await trx.selectFrom('product_check_samples').selectAll().where('id', '=', sampleId).executeTakeFirst();
    if (!s) throw notFound('抽样产品');
    if (!inScope(actor.scope, { agencyPath: s.agency_path })) throw outOfScope('抽样产品', { type: 'product_check_sample', id: sampleId });
    if (s.status !== 'pending') throw new AppError('PRODUCTS.SAMPLE_STATE', '该产品的抽查结果已录入', { status: s.status });
    if (input.version !== undefined && input.version !== s.version) throw new AppError('PRODUCTS.SAMPLE_STATE', '该产品的抽查结果已被他人录入，请刷新后重试');
    const plan = (await trx.selectFrom('product_check_plans').selectAll().where('id', '=', s.plan_id).executeTakeFirst())!;
    if (!CATEGORIES.decode(plan.categories_json)!.includes(input.categoryCode))
      throw new AppError('PRODUCTS.RESULT_INVALID', '产品类别不在本次抽查计划的范围内', { categoryCode: input.categoryCode });
    const facts = {
      field: plan.field,
      verdict: input.verdict,
      categoryCode: input.categoryCode,
      findings: input.findings,
      crowdedPlace: s.crowded_place === 1,
    };
    const problems = resultProblems(facts);
    if (problems.length) throw new AppError('PRODUCTS.RESULT_INVALID', problems.join('；'), { problems });
    const nowIso = deps.now().toISOString();
    const after = {
      status: input.verdict,
      category_code: input.categoryCode,
      product_name: input.productName,
      model: input.model,
      manufacturer: input.manufacturer,
      certificate_no: input.certificateNo,
      findings_json: FINDINGS.encode(input.findings),
      findings_note: input.findingsNote || null,
      result_by: userIdOf(actor),
      result_at: nowIso,
      version: s.version + 1,
    };
    const r = await trx
      .updateTable('product_check_samples')
      .set(after)
      .where('id', '=', sampleId)
      .where('status', '=', 'pending')
      .where('version', '=', s.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('PRODUCTS.SAMPLE_STATE', '该产品的抽查结果已录入');
    await audit({
      action: 'product_check_sample.result',
      targetType: 'product_check_sample',
      targetId: sampleId,
      before: { status: s.status },
      after: { status: after.status, categoryCode: after.category_code, findings: input.findings },
    });
    const route = routeResult(facts);
    const findingText = [...input.findings.map((f) => PRODUCT_FINDING_LABELS[f as ProductFinding] ?? f), input.findingsNote].filter(Boolean).join('；');
    const what = `${productCategory(input.categoryCode)?.label ?? ''}“${input.productName}”（型号 ${input.model}，生产者 ${input.manufacturer}）`;
    const referrals: ProductMarketReferral[] = [];
    if (route.market) {
      const ref: ProductMarketReferral = {
        id: uuidv7(deps.now().getTime()),
        sample_id: sampleId,
        plan_id: s.plan_id,
        agency_id: s.agency_id,
        agency_path: s.agency_path,
        kind: route.market,
        usci: s.usci,
        subject_name: s.holder_name,
        product_name: input.productName,
        manufacturer: input.manufacturer,
        reason: `${PRODUCT_FIELD_LABELS[plan.field]}抽查发现${what}不合格：${findingText}`,
        status: 'pending',
        sent_at: null,
        reply_note: null,
        replied_at: null,
        version: 0,
        created_at: nowIso,
      };
      await trx.insertInto('product_market_referrals').values(ref).execute();
      await audit({ action: 'product_market_referral.create', targetType: 'product_market_referral', targetId: ref.id, after: ref });
      referrals.push(ref);
    }
    if (route.enforcement) {
      const fact: ProductUseUnqualified = {
        sampleId,
        planId: s.plan_id,
        agencyId: s.agency_id,
        agencyPath: s.agency_path,
        usci: s.usci,
        subjectName: s.holder_name,
        productName: input.productName,
        findings: `人员密集场所使用不合格的消防产品：${what}，${findingText}`,
      };
      emit({ type: PRODUCT_USE_UNQUALIFIED, targetType: 'product_check_sample', targetId: sampleId, agencyId: s.agency_id, payload: { ...fact } });
    }
    return presentSample({ ...s, ...after }, referrals, route.enforcement);
  });
}

/** The referral to market regulation moves pending → sent → replied (compare-and-set on the status and version). */
export async function moveMarketReferral(deps: Deps, actor: Actor, id: string, input: MarketReferralStatusBody): Promise<MarketReferralView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await trx.selectFrom('product_market_referrals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('移送记录');
    if (!inScope(actor.scope, { agencyPath: r.agency_path })) throw outOfScope('移送记录', { type: 'product_market_referral', id });
    const to = nextReferralStatus(r.status, input.action);
    if (!to || (input.version !== undefined && input.version !== r.version))
      throw new AppError('PRODUCTS.REFERRAL_STATE', input.action === 'send' ? '该记录已移送' : '尚未移送或已登记反馈', { status: r.status });
    const nowIso = deps.now().toISOString();
    const patch =
      input.action === 'send'
        ? { status: to, sent_at: nowIso, version: r.version + 1 }
        : { status: to, reply_note: input.note || null, replied_at: nowIso, version: r.version + 1 };
    const u = await trx
      .updateTable('product_market_referrals')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', r.status)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('PRODUCTS.REFERRAL_STATE', '该记录已被他人处理，请刷新后重试');
    await audit({
      action: input.action === 'send' ? 'product_market_referral.send' : 'product_market_referral.reply',
      targetType: 'product_market_referral',
      targetId: id,
      before: { status: r.status },
      after: { status: to },
      details: { note: input.note },
    });
    return presentReferral({ ...r, ...patch });
  });
}

export async function listMarketReferrals(db: Executor, actor: Actor): Promise<{ items: MarketReferralView[] }> {
  const rows = await db
    .selectFrom('product_market_referrals')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'product_market_referrals.agency_path' }))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map(presentReferral) };
}
