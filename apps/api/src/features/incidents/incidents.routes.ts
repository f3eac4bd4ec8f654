import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DeterminationPdfFile,
  DeterminationBody,
  ErrorBody,
  IncidentClockBody,
  IncidentCreateBody,
  IncidentList,
  IncidentReviewView,
  IncidentView,
  LossDeclarationBody,
  ProcedureCheckBody,
  ProcedureCheckView,
  RecordIdParams,
  ReviewAcceptBody,
  ReviewApplyBody,
  ReviewDecisionBody,
  SealingLiftBody,
  SealingShrinkBody,
} from '@fep/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { determinationFile } from './determination-document.ts';
import {
  createIncident,
  declareLoss,
  determine,
  incident,
  liftSealing,
  listIncidents,
  moveDeterminationClock,
  procedureCheck,
  shrinkSealing,
} from './incidents.ts';
import { acceptReview, applyForReview, decideReview } from './reviews.ts';

const ERRORS = { '4xx': ErrorBody };
const PDF = {
  description: 'PDF 文件（带电子印章）',
  content: {
    'application/pdf': { schema: DeterminationPdfFile },
  },
};
const TAGS = ['火灾事故调查'];

/** Fire incidents (FIR-01 … FIR-03): the procedure check, incidents, sealing, the determination clock, loss declaration, determination and review. */
export async function incidentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  const now = () => app.ctx.now().toISOString();
  app.post(
    '/api/v1/incidents/procedure-check',
    {
      config: { permission: 'incidents:incident:read' },
      schema: {
        tags: TAGS,
        summary: '按条件判定火灾事故调查程序：现场登记、简易调查或一般调查，并说明不适用较简程序的条件',
        body: ProcedureCheckBody,
        response: { 200: ProcedureCheckView, ...ERRORS },
      },
    },
    async (req) => procedureCheck(app.ctx, req.body),
  );
  app.post(
    '/api/v1/incidents',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: {
        tags: TAGS,
        summary: '登记火灾：按条件确定调查程序，一般程序记录现场封闭范围并开始认定期限',
        body: IncidentCreateBody,
        response: { 201: IncidentView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => createIncident(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/incidents',
    { config: { permission: 'incidents:incident:read' }, schema: { tags: TAGS, summary: '火灾事故调查', response: { 200: IncidentList, ...ERRORS } } },
    async (req) => listIncidents(db, actorOf(req), now()),
  );
  app.get(
    '/api/v1/incidents/:id',
    {
      config: { permission: 'incidents:incident:read' },
      schema: { tags: TAGS, summary: '一起火灾事故的调查卷', params: RecordIdParams, response: { 200: IncidentView, ...ERRORS } },
    },
    async (req) => incident(db, actorOf(req), req.params.id, now()),
  );
  app.post(
    '/api/v1/incidents/:id/sealing/shrink',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: {
        tags: TAGS,
        summary: '缩小现场封闭范围（写明理由）',
        params: RecordIdParams,
        body: SealingShrinkBody,
        response: { 200: IncidentView, ...ERRORS },
      },
    },
    async (req) => shrinkSealing(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incidents/:id/sealing/lift',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: { tags: TAGS, summary: '现场勘验结束，解除现场封闭', params: RecordIdParams, body: SealingLiftBody, response: { 200: IncidentView, ...ERRORS } },
    },
    async (req) => liftSealing(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incidents/:id/clock',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: {
        tags: TAGS,
        summary: '认定期限：检验、鉴定期间暂停（不计入）、恢复，经上一级机构批准延长',
        params: RecordIdParams,
        body: IncidentClockBody,
        response: { 200: IncidentView, ...ERRORS },
      },
    },
    async (req) => moveDeterminationClock(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incidents/:id/determination',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: { tags: TAGS, summary: '作出并送达火灾事故认定', params: RecordIdParams, body: DeterminationBody, response: { 200: IncidentView, ...ERRORS } },
    },
    async (req) => determine(app.ctx, actorOf(req), req.params.id, req.body),
  );
  const sendPdf = async (reply: FastifyReply, f: { sha256: string; fileName: string }) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(await readBlob(app.ctx.config.dataDir, f.sha256));
  app.get(
    '/api/v1/incidents/:id/determination.pdf',
    {
      config: { permission: 'incidents:incident:read' },
      schema: { tags: TAGS, summary: '下载火灾事故认定书（PDF，带电子印章）', params: RecordIdParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => sendPdf(reply, await determinationFile(app.ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/portal/incidents/:id/determination.pdf',
    {
      config: { permission: 'portal:incident:declare' },
      schema: { tags: TAGS, summary: '下载本单位的火灾事故认定书（PDF，带电子印章）', params: RecordIdParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => sendPdf(reply, await determinationFile(app.ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/portal/incidents',
    { config: { permission: 'portal:incident:declare' }, schema: { tags: TAGS, summary: '本单位的火灾事故', response: { 200: IncidentList, ...ERRORS } } },
    async (req) => listIncidents(db, actorOf(req), now()),
  );
  app.post(
    '/api/v1/portal/incidents/:id/loss',
    {
      config: { permission: 'portal:incident:declare' },
      schema: {
        tags: TAGS,
        summary: '在线申报火灾直接财产损失（火灾扑灭之日起7日内）',
        params: RecordIdParams,
        body: LossDeclarationBody,
        response: { 200: IncidentView, ...ERRORS },
      },
    },
    async (req) => declareLoss(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incidents/:id/reviews',
    {
      config: { permission: 'portal:incident:declare' },
      schema: {
        tags: TAGS,
        summary: '在线申请火灾事故认定复核（送达之日起15日内，向上一级机构，以一次为限）',
        params: RecordIdParams,
        body: ReviewApplyBody,
        response: { 201: IncidentReviewView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => applyForReview(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/incident-reviews/:id/acceptance',
    {
      config: { permission: 'incidents:review:decide' },
      schema: {
        tags: TAGS,
        summary: '受理或不予受理复核申请（上一级机构，7日内）',
        params: RecordIdParams,
        body: ReviewAcceptBody,
        response: { 200: IncidentReviewView, ...ERRORS },
      },
    },
    async (req) => acceptReview(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incident-reviews/:id/decision',
    {
      config: { permission: 'incidents:review:decide' },
      schema: {
        tags: TAGS,
        summary: '作出复核决定（受理之日起30日内）',
        params: RecordIdParams,
        body: ReviewDecisionBody,
        response: { 200: IncidentReviewView, ...ERRORS },
      },
    },
    async (req) => decideReview(app.ctx, actorOf(req), req.params.id, req.body),
  );
}
