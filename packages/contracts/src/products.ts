/**
 * Fire products under supervision (apps/api/src/features/products, MKT-02): categories with the compulsory
 * certification flag, spot-check plans drawn through the verifiable units draw, results per sampled product,
 * referrals to market regulation, and the public page of plans and results.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const Usci = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' });
const Code = Type.String({ minLength: 1, maxLength: 40 });
export const ProductFieldValue = OneOf(['production', 'distribution', 'use'] as const);
export const ProductVerdictValue = OneOf(['qualified', 'unqualified'] as const);

export const ProductCategoryView = Type.Object({
  code: Type.String(),
  label: Type.String(),
  ccc: Type.Boolean(),
  rule: Nullable(Type.String()),
  examples: Type.String(),
});
export const ProductCategoryList = Type.Object({ items: Type.Array(ProductCategoryView) });

/** POST /api/v1/products/plans: the plan with its scope and candidates; created published (inputs frozen). */
export const ProductPlanCreateBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    field: ProductFieldValue,
    categoryCodes: Type.Array(Code, { minItems: 1, maxItems: 20, uniqueItems: true }),
    sampleCount: Type.Integer({ minimum: 1, maximum: 500 }),
    publicValueSource: Type.String({ minLength: 2, maxLength: 200, description: '事先公告的公开随机数来源' }),
    candidates: Type.Array(
      Type.Object(
        {
          usci: Usci,
          name: Type.String({ minLength: 2, maxLength: 100 }),
          crowdedPlace: Type.Boolean({ description: '人员密集场所' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);

export const ProductPlanDrawBody = Type.Object({ publicValue: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const ProductResultBody = Type.Object(
  {
    verdict: ProductVerdictValue,
    categoryCode: Code,
    productName: Type.String({ minLength: 1, maxLength: 100 }),
    model: Type.String({ minLength: 1, maxLength: 100 }),
    manufacturer: Type.String({ minLength: 2, maxLength: 100 }),
    certificateNo: Nullable(Type.String({ maxLength: 60 })),
    findings: Type.Array(Code, { maxItems: 10, uniqueItems: true }),
    findingsNote: Type.String({ maxLength: 500 }),
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const FindingView = Type.Object({ code: Type.String(), label: Type.String() });
export const ProductSampleView = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  usci: Type.String(),
  holderName: Type.String(),
  crowdedPlace: Type.Boolean(),
  status: OneOf(['pending', 'qualified', 'unqualified'] as const),
  statusLabel: Type.String(),
  categoryLabel: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  model: Nullable(Type.String()),
  manufacturer: Nullable(Type.String()),
  certificateNo: Nullable(Type.String()),
  findings: Type.Array(FindingView),
  findingsNote: Nullable(Type.String()),
  resultAt: Nullable(Type.String()),
  /** What followed (移送/通报市场监管部门, 移送执法), in words. */
  followUps: Type.Array(Type.String()),
  version: Type.Integer(),
});

export const ProductPlanView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  field: ProductFieldValue,
  fieldLabel: Type.String(),
  categories: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), ccc: Type.Boolean() })),
  sampleCount: Type.Integer(),
  candidateCount: Type.Integer(),
  status: OneOf(['published', 'drawn'] as const),
  statusLabel: Type.String(),
  publicValueSource: Type.String(),
  inputsHash: Type.String(),
  publicValue: Nullable(Type.String()),
  seed: Nullable(Type.String()),
  publishedAt: Type.String(),
  drawnAt: Nullable(Type.String()),
  samples: Type.Array(ProductSampleView),
  version: Type.Integer(),
});
export const ProductPlanList = Type.Object({ items: Type.Array(ProductPlanView) });

export const MarketReferralView = Type.Object({
  id: Type.String(),
  sampleId: Type.String(),
  planId: Type.String(),
  kind: OneOf(['transfer', 'notify'] as const),
  kindLabel: Type.String(),
  usci: Type.String(),
  subjectName: Type.String(),
  productName: Type.String(),
  manufacturer: Type.String(),
  reason: Type.String(),
  status: OneOf(['pending', 'sent', 'replied'] as const),
  statusLabel: Type.String(),
  sentAt: Nullable(Type.String()),
  replyNote: Nullable(Type.String()),
  repliedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export const MarketReferralList = Type.Object({ items: Type.Array(MarketReferralView) });
export const MarketReferralStatusBody = Type.Object(
  {
    action: OneOf(['send', 'reply'] as const),
    note: Type.String({ maxLength: 500 }),
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** GET /api/v1/public/product-checks: published plans, their draw inputs' hash, public value and seed, and results. */
export const PublicProductCheck = Type.Object({
  id: Type.String(),
  title: Type.String(),
  agencyName: Type.String(),
  fieldLabel: Type.String(),
  categoryLabels: Type.Array(Type.String()),
  sampleCount: Type.Integer(),
  candidateCount: Type.Integer(),
  statusLabel: Type.String(),
  publicValueSource: Type.String(),
  inputsHash: Type.String(),
  publicValue: Nullable(Type.String()),
  seed: Nullable(Type.String()),
  publishedAt: Type.String(),
  drawnAt: Nullable(Type.String()),
  samples: Type.Array(
    Type.Object({
      holderName: Type.String(),
      status: Type.Union([Type.Literal('pending'), Type.Literal('qualified'), Type.Literal('unqualified')]),
      statusLabel: Type.String(),
      categoryLabel: Nullable(Type.String()),
      productName: Nullable(Type.String()),
      model: Nullable(Type.String()),
      manufacturer: Nullable(Type.String()),
      certificateNo: Nullable(Type.String()),
      findingLabels: Type.Array(Type.String()),
    }),
  ),
});
export const PublicProductCheckList = Type.Object({ items: Type.Array(PublicProductCheck) });
export const PublicProductChecksQuery = Type.Object({ region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });
/** GET /api/v1/public/product-checks/:id/inputs: the published draw input (FEP-DRAW-INPUT v1 text), downloaded as is. */
export const ProductDrawInputFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '抽取输入文件（text/plain，原样下载）' });
export const ProductDrawReplayView = Type.Object({
  inputsHash: Type.String(),
  recomputedInputsHash: Type.String(),
  seed: Type.String(),
  recomputedSeed: Type.String(),
  drawn: Type.Array(Type.String()),
  recomputedDrawn: Type.Array(Type.String()),
  matches: Type.Boolean(),
});
export type ProductCategoryView = Static<typeof ProductCategoryView>;
export type ProductCategoryList = Static<typeof ProductCategoryList>;
export type ProductPlanCreateBody = Static<typeof ProductPlanCreateBody>;
export type ProductPlanDrawBody = Static<typeof ProductPlanDrawBody>;
export type ProductResultBody = Static<typeof ProductResultBody>;
export type ProductSampleView = Static<typeof ProductSampleView>;
export type ProductPlanView = Static<typeof ProductPlanView>;
export type ProductPlanList = Static<typeof ProductPlanList>;
export type MarketReferralView = Static<typeof MarketReferralView>;
export type MarketReferralList = Static<typeof MarketReferralList>;
export type MarketReferralStatusBody = Static<typeof MarketReferralStatusBody>;
export type PublicProductCheck = Static<typeof PublicProductCheck>;
export type PublicProductCheckList = Static<typeof PublicProductCheckList>;
export type PublicProductChecksQuery = Static<typeof PublicProductChecksQuery>;
export type ProductDrawReplayView = Static<typeof ProductDrawReplayView>;
