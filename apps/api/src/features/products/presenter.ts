import type { MarketReferralView, ProductPlanView, ProductSampleView, PublicProductCheck } from '@fep/contracts';
import {
  MARKET_REFERRAL_KIND_LABELS,
  MARKET_REFERRAL_STATUS_LABELS,
  PRODUCT_FIELD_LABELS,
  PRODUCT_FINDING_LABELS,
  PRODUCT_PLAN_STATUS_LABELS,
  type ProductFinding,
  productCategory,
  SAMPLE_STATUS_LABELS,
} from '@fep/domain';
import type { ProductCheckPlan, ProductCheckSample, ProductMarketReferral } from '../../db/schema/products.ts';
import { CANDIDATES, CATEGORIES, FINDINGS } from './products.columns.ts';

const findingLabel = (code: string) => PRODUCT_FINDING_LABELS[code as ProductFinding] ?? code;

export function presentSample(s: ProductCheckSample, referrals: ProductMarketReferral[] = [], enforcementReferred = false): ProductSampleView {
  const followUps = referrals.map((r) => `${MARKET_REFERRAL_KIND_LABELS[r.kind]}（${MARKET_REFERRAL_STATUS_LABELS[r.status]}）`);
  if (enforcementReferred) followUps.push('使用单位为人员密集场所，已移送执法（消防法第六十五条第二款）');
  return {
    id: s.id,
    planId: s.plan_id,
    usci: s.usci,
    holderName: s.holder_name,
    crowdedPlace: s.crowded_place === 1,
    status: s.status,
    statusLabel: SAMPLE_STATUS_LABELS[s.status],
    categoryLabel: s.category_code ? (productCategory(s.category_code)?.label ?? null) : null,
    productName: s.product_name,
    model: s.model,
    manufacturer: s.manufacturer,
    certificateNo: s.certificate_no,
    findings: FINDINGS.decode(s.findings_json)!.map((code) => ({ code, label: findingLabel(code) })),
    findingsNote: s.findings_note,
    resultAt: s.result_at,
    followUps,
    version: s.version,
  };
}

export function presentPlan(p: ProductCheckPlan, samples: ProductCheckSample[], referrals: ProductMarketReferral[]): ProductPlanView {
  return {
    id: p.id,
    title: p.title,
    field: p.field,
    fieldLabel: PRODUCT_FIELD_LABELS[p.field],
    categories: CATEGORIES.decode(p.categories_json)!.map((code) => {
      const c = productCategory(code);
      return { code, label: c?.label ?? code, ccc: c?.ccc ?? false };
    }),
    sampleCount: p.sample_count,
    candidateCount: CANDIDATES.decode(p.candidates_json)!.length,
    status: p.status,
    statusLabel: PRODUCT_PLAN_STATUS_LABELS[p.status],
    publicValueSource: p.public_value_source,
    inputsHash: p.inputs_hash,
    publicValue: p.public_value,
    seed: p.seed,
    publishedAt: p.published_at,
    drawnAt: p.drawn_at,
    samples: samples.map((s) =>
      presentSample(
        s,
        referrals.filter((r) => r.sample_id === s.id),
        p.field === 'use' && s.status === 'unqualified' && s.crowded_place === 1,
      ),
    ),
    version: p.version,
  };
}

export function presentPublic(p: ProductCheckPlan & { agency_name: string }, samples: ProductCheckSample[]): PublicProductCheck {
  return {
    id: p.id,
    title: p.title,
    agencyName: p.agency_name,
    fieldLabel: PRODUCT_FIELD_LABELS[p.field],
    categoryLabels: CATEGORIES.decode(p.categories_json)!.map((code) => productCategory(code)?.label ?? code),
    sampleCount: p.sample_count,
    candidateCount: CANDIDATES.decode(p.candidates_json)!.length,
    statusLabel: PRODUCT_PLAN_STATUS_LABELS[p.status],
    publicValueSource: p.public_value_source,
    inputsHash: p.inputs_hash,
    publicValue: p.public_value,
    seed: p.seed,
    publishedAt: p.published_at,
    drawnAt: p.drawn_at,
    samples: samples.map((s) => ({
      holderName: s.holder_name,
      status: s.status,
      statusLabel: SAMPLE_STATUS_LABELS[s.status],
      categoryLabel: s.category_code ? (productCategory(s.category_code)?.label ?? null) : null,
      productName: s.product_name,
      model: s.model,
      manufacturer: s.manufacturer,
      certificateNo: s.certificate_no,
      findingLabels: FINDINGS.decode(s.findings_json)!.map(findingLabel),
    })),
  };
}

export function presentReferral(r: ProductMarketReferral): MarketReferralView {
  return {
    id: r.id,
    sampleId: r.sample_id,
    planId: r.plan_id,
    kind: r.kind,
    kindLabel: MARKET_REFERRAL_KIND_LABELS[r.kind],
    usci: r.usci,
    subjectName: r.subject_name,
    productName: r.product_name,
    manufacturer: r.manufacturer,
    reason: r.reason,
    status: r.status,
    statusLabel: MARKET_REFERRAL_STATUS_LABELS[r.status],
    sentAt: r.sent_at,
    replyNote: r.reply_note,
    repliedAt: r.replied_at,
    createdAt: r.created_at,
    version: r.version,
  };
}
