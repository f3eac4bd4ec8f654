import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  MarketReferralList,
  MarketReferralStatusBody,
  MarketReferralView,
  ProductCategoryList,
  ProductDrawInputFile,
  ProductDrawReplayView,
  ProductPlanCreateBody,
  ProductPlanDrawBody,
  ProductPlanList,
  ProductPlanView,
  ProductResultBody,
  ProductSampleView,
  PublicProductCheckList,
  PublicProductChecksQuery,
  RecordIdParams,
} from '@fep/contracts';
import { PRODUCT_CATEGORIES } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { createProductPlan, drawProductPlan, listProductPlans, productPlan, publicProductChecks, publishedPlanInputs, replayProductDraw } from './plans.ts';
import { listMarketReferrals, moveMarketReferral, recordProductResult } from './results.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['消防产品监督'];
const INPUTS = { description: '抽取输入（文本文件，原样下载）', content: { 'text/plain': { schema: ProductDrawInputFile } } };

/** Fire products under supervision (MKT-02): categories, spot-check plans and their draw, results, referrals, the public page. */
export async function productRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  app.get(
    '/api/v1/products/categories',
    {
      config: { permission: 'products:check:read' },
      schema: { tags: TAGS, summary: '消防产品类别（标明实行强制性产品认证的类别）', response: { 200: ProductCategoryList, ...ERRORS } },
    },
    async () => ({ items: PRODUCT_CATEGORIES.map((c) => ({ code: c.code, label: c.label, ccc: c.ccc, rule: c.rule, examples: c.examples })) }),
  );
  app.post(
    '/api/v1/products/plans',
    {
      config: { permission: 'products:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '制定并公布消防产品抽查计划：领域、产品类别、抽取数量、候选单位，冻结并公开抽取输入',
        body: ProductPlanCreateBody,
        response: { 201: ProductPlanView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => createProductPlan(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/products/plans',
    { config: { permission: 'products:check:read' }, schema: { tags: TAGS, summary: '消防产品抽查计划', response: { 200: ProductPlanList, ...ERRORS } } },
    async (req) => listProductPlans(db, actorOf(req)),
  );
  app.get(
    '/api/v1/products/plans/:id',
    {
      config: { permission: 'products:check:read' },
      schema: { tags: TAGS, summary: '一个消防产品抽查计划及其抽样结果', params: RecordIdParams, response: { 200: ProductPlanView, ...ERRORS } },
    },
    async (req) => productPlan(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/products/plans/:id/draw',
    {
      config: { permission: 'products:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '抽取：录入事先公告的公开随机数，按公开输入抽取被检查单位',
        params: RecordIdParams,
        body: ProductPlanDrawBody,
        response: { 200: ProductPlanView, ...ERRORS },
      },
    },
    async (req) => drawProductPlan(app.ctx, actorOf(req), req.params.id, req.body.publicValue),
  );
  app.post(
    '/api/v1/products/samples/:id/result',
    {
      config: { permission: 'products:result:record' },
      schema: {
        tags: TAGS,
        summary: '录入抽样产品的检查结果（不合格的移送或通报市场监管部门；人员密集场所使用不合格产品的移送执法）',
        params: RecordIdParams,
        body: ProductResultBody,
        response: { 200: ProductSampleView, ...ERRORS },
      },
    },
    async (req) => recordProductResult(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/products/referrals',
    {
      config: { permission: 'products:check:read' },
      schema: { tags: TAGS, summary: '移送、通报市场监管部门的不合格消防产品', response: { 200: MarketReferralList, ...ERRORS } },
    },
    async (req) => listMarketReferrals(db, actorOf(req)),
  );
  app.post(
    '/api/v1/products/referrals/:id/status',
    {
      config: { permission: 'products:result:record' },
      schema: {
        tags: TAGS,
        summary: '登记移送市场监管部门的办理情况：已移送、已反馈查处结果',
        params: RecordIdParams,
        body: MarketReferralStatusBody,
        response: { 200: MarketReferralView, ...ERRORS },
      },
    },
    async (req) => moveMarketReferral(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/product-checks',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '消防产品抽查计划、抽取输入摘要、公开随机数和抽查结果（公开）',
        querystring: PublicProductChecksQuery,
        response: { 200: PublicProductCheckList, ...ERRORS },
      },
    },
    async (req) => {
      const agency = req.query.region ? await findAgency(db, req.query.region) : undefined;
      return publicProductChecks(db, req.query.region ? (agency?.path ?? '/-/') : null);
    },
  );
  app.get(
    '/api/v1/public/product-checks/:id/inputs',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '下载消防产品抽查的抽取输入（复核用，公开）', params: RecordIdParams, response: { 200: INPUTS, ...ERRORS } },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="product-plan-${req.params.id}-inputs.txt"`)
        .send(Buffer.from(await publishedPlanInputs(db, req.params.id), 'utf8')),
  );
  app.get(
    '/api/v1/public/product-checks/:id/replay',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '按公开输入和公开随机数重新运行抽取并比对（公开）',
        params: RecordIdParams,
        response: { 200: ProductDrawReplayView, ...ERRORS },
      },
    },
    async (req) => replayProductDraw(db, req.params.id),
  );
}
