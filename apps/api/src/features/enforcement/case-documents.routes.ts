import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CaseDocumentParams, CaseDocumentPdfFile, ErrorBody, RecordIdParams } from '@fep/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { type CaseDocumentFile, caseDocumentFile, ownCaseDocumentFile, ownSealDocumentFile, sealDocumentFile } from './use-cases/case-document-files.ts';

const PDF = { description: 'PDF 文件（带电子印章）', content: { 'application/pdf': { schema: CaseDocumentPdfFile } } };
const ERRORS = { '4xx': ErrorBody };

/**
 * The sealed documents of penalty cases (ENF-04): downloads for the staff who may see the case, and for the
 * party in the portal (its own case, once told). Verification by code or file is the one /verify page
 * (licensing's routes, through this feature's index.ts).
 */
export async function caseDocumentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const send = async (reply: FastifyReply, f: CaseDocumentFile) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(await readBlob(app.ctx.config.dataDir, f.sha256));

  app.get(
    '/api/v1/enforcement/documents/:id/pdf',
    {
      config: { permission: 'enforcement:case:read' },
      schema: { tags: ['行政处罚'], summary: '下载行政处罚文书（PDF，带电子印章）', params: RecordIdParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => send(reply, await caseDocumentFile(req.server.ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/portal/penalties/:id/documents/:documentId/pdf',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['企业门户'], summary: '下载本单位行政处罚案件的文书（已告知的）', params: CaseDocumentParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => send(reply, await ownCaseDocumentFile(req.server.ctx, actorOf(req), req.params.id, req.params.documentId)),
  );
  app.get(
    '/api/v1/enforcement/seal-documents/:id/pdf',
    {
      config: { permission: 'enforcement:case:read' },
      schema: { tags: ['行政处罚'], summary: '下载临时查封决定书（PDF，带电子印章）', params: RecordIdParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => send(reply, await sealDocumentFile(req.server.ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/portal/seals/:id/documents/:documentId/pdf',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['企业门户'], summary: '下载本单位的临时查封决定书', params: CaseDocumentParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => send(reply, await ownSealDocumentFile(req.server.ctx, actorOf(req), req.params.id, req.params.documentId)),
  );
}
