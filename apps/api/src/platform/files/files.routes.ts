import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, StoredFileDownload, StoredFileView } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { idempotent } from '../http/idempotency.ts';
import { readInScope, scopeFilter, scopeOf } from '../org/scope.ts';
import { readBlob } from './storage.ts';
import { recordUpload } from './use-cases/record-upload.ts';

const ERRORS = { '4xx': ErrorBody };
/** A download: the stored bytes under the type recognised at upload; no JSON to serialise. */
const DOWNLOAD = {
  description: '文件内容（按上传时识别的类型）',
  content: Object.fromEntries(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'].map((type) => [type, { schema: StoredFileDownload }])),
};

export async function fileRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  const { dataDir, maxUploadBytes } = app.ctx.config;

  app.post(
    '/api/v1/files',
    {
      config: { permission: 'file:file:upload' },
      schema: {
        tags: ['文件'],
        summary: `上传文件（JPEG、PNG、WEBP 图片或 PDF，按内容识别类型，单个不超过 ${Math.round(maxUploadBytes / 1048576)} MB）`,
        consumes: ['multipart/form-data'],
        response: { 201: StoredFileView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const part = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } });
      if (!part) throw new AppError('FILE.MISSING', '请选择要上传的文件');
      const data = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('FILE.TOO_LARGE', `文件超过 ${Math.round(maxUploadBytes / 1048576)} MB 上限`);
        throw e;
      });
      if (part.file.truncated) throw new AppError('FILE.TOO_LARGE', `文件超过 ${Math.round(maxUploadBytes / 1048576)} MB 上限`);
      const actor = actorOf(req);
      return idempotent(req, reply, 201, (deps) => recordUpload(deps, actor, { data, declaredType: part.mimetype, filename: part.filename }));
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      config: { permission: 'file:file:read' },
      schema: {
        tags: ['文件'],
        summary: '下载文件',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: DOWNLOAD, ...ERRORS },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const f = await readInScope({ type: 'file', id, what: '文件' }, (scoped) => {
        let q = db.selectFrom('files').leftJoin('agencies', 'agencies.id', 'files.agency_id').selectAll('files').where('files.id', '=', id);
        if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'agencies.path', ownerUserId: 'files.uploaded_by' }));
        return q.executeTakeFirst();
      });
      const data = await readBlob(dataDir, f.sha256);
      return reply
        .header('content-type', f.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.original_name)}`)
        .send(data);
    },
  );
}
