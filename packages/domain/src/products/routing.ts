import { isCccCategory, type ProductField } from './catalogue.ts';

/**
 * What an unqualified product leads to (MKT-02, 消防法 art. 65):
 * - found where it is made or sold: the producer or seller is punished by market regulation (art. 65 ¶1, 从重),
 *   so the fire agency transfers the case (移送市场监管部门);
 * - found in use: the fire agency notifies market regulation so that the producer and seller are dealt with
 *   (art. 65 ¶2 通报); and when the user is a crowded place (人员密集场所) the user itself is a case for the fire
 *   agency (责令限期改正；逾期不改正的，处五千元以上五万元以下罚款): a referral to enforcement.
 */
export const PRODUCT_FINDINGS = ['no_certificate', 'false_certificate', 'quality_nonconforming', 'eliminated', 'mismatch_with_certificate'] as const;
export type ProductFinding = (typeof PRODUCT_FINDINGS)[number];
export const PRODUCT_FINDING_LABELS: Record<ProductFinding, string> = {
  no_certificate: '未取得强制性产品认证',
  false_certificate: '伪造、冒用认证证书或认证标志',
  quality_nonconforming: '产品质量不符合标准（现场检查判定或抽样检验不合格）',
  eliminated: '国家明令淘汰的消防产品',
  mismatch_with_certificate: '产品与认证证书不一致',
};

export type ProductVerdict = 'qualified' | 'unqualified';
export type MarketReferralKind = 'transfer' | 'notify';
export const MARKET_REFERRAL_KIND_LABELS: Record<MarketReferralKind, string> = { transfer: '移送市场监管部门', notify: '通报市场监管部门' };
export const MARKET_REFERRAL_STATUSES = ['pending', 'sent', 'replied'] as const;
export type MarketReferralStatus = (typeof MARKET_REFERRAL_STATUSES)[number];
export const MARKET_REFERRAL_STATUS_LABELS: Record<MarketReferralStatus, string> = { pending: '待移送', sent: '已移送，待反馈', replied: '已反馈查处结果' };
export const SAMPLE_STATUS_LABELS: Record<'pending' | ProductVerdict, string> = { pending: '待检查', qualified: '合格', unqualified: '不合格' };
export const PRODUCT_PLAN_STATUS_LABELS: Record<'published' | 'drawn', string> = { published: '已公布，待抽取', drawn: '已抽取' };

export interface ProductResultFacts {
  field: ProductField;
  verdict: ProductVerdict;
  categoryCode: string;
  findings: readonly string[];
  crowdedPlace: boolean;
}

export interface ProductRouting {
  market: MarketReferralKind | null;
  enforcement: boolean;
}

/** Which findings a result may carry: an unqualified result needs at least one; certificate findings only for CCC categories. */
export function resultProblems(r: ProductResultFacts): string[] {
  const problems: string[] = [];
  if (r.verdict === 'qualified' && r.findings.length) problems.push('合格结论不应列明不合格情形');
  if (r.verdict === 'unqualified' && r.findings.length === 0) problems.push('不合格结论须列明不合格情形');
  for (const f of r.findings) if (!(PRODUCT_FINDINGS as readonly string[]).includes(f)) problems.push(`未知的不合格情形：${f}`);
  if (!isCccCategory(r.categoryCode) && r.findings.some((f) => f === 'no_certificate'))
    problems.push('该类产品不实行强制性产品认证，不能以“未取得强制性产品认证”判定不合格');
  return problems;
}

/** Where a result goes (the table in docs/ARCHITECTURE.md, "Fire products"). */
export function routeResult(r: ProductResultFacts): ProductRouting {
  if (r.verdict === 'qualified') return { market: null, enforcement: false };
  if (r.field === 'use') return { market: 'notify', enforcement: r.crowdedPlace };
  return { market: 'transfer', enforcement: false };
}

/** The market referral's allowed moves (compare-and-set on the status). */
export function nextReferralStatus(from: MarketReferralStatus, action: 'send' | 'reply'): MarketReferralStatus | null {
  if (action === 'send') return from === 'pending' ? 'sent' : null;
  return from === 'sent' ? 'replied' : null;
}

/** The draw rate that yields `count` of `eligible` through runDraw (n = round(N × rate)). */
export function rateForCount(count: number, eligible: number): number {
  if (eligible <= 0 || count <= 0) return 0;
  return Math.min(1, count / eligible);
}
