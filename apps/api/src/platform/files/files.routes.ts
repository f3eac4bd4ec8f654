import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { createIdempotent } from '../http/idempotency.ts';
import { uuidv7 } from '../ids.ts';
import { readInScope, scopeFilter, scopeOf } from '../org/scope.ts';
import { sniffContentType, stripJpegMetadata } from './sniff.ts';
import { readBlob, storeBlob } from './storage.ts';

export async function fileRoutes(app: FastifyInstance): Promise<void> {
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
      },
    },
    async (req, reply) => {
      const part = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } });
      if (!part) throw new AppError('FILE.MISSING', '请选择要上传的文件');
      let data = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('FILE.TOO_LARGE', `文件超过 ${Math.round(maxUploadBytes / 1048576)} MB 上限`);
        throw e;
      });
      if (part.file.truncated) throw new AppError('FILE.TOO_LARGE', `文件超过 ${Math.round(maxUploadBytes / 1048576)} MB 上限`);
      const type = sniffContentType(data);
      if (!type) throw new AppError('FILE.TYPE_NOT_ALLOWED', '只接受 JPEG、PNG、WEBP 图片或 PDF 文件（按文件内容识别）', { declared: part.mimetype });
      if (type === 'image/jpeg') data = stripJpegMetadata(data);
      const sha = await storeBlob(dataDir, data);
      const name = part.filename.slice(0, 200) || 'file';
      return createIdempotent(req, reply, 201, async (trx, audit) => {
        const row = {
          id: uuidv7(),
          sha256: sha,
          size: data.length,
          content_type: type,
          original_name: name,
          uploaded_by: req.auth!.user.id,
          agency_id: req.auth!.user.agencyId,
          created_at: app.ctx.now().toISOString(),
        };
        await trx.insertInto('files').values(row).execute();
        await audit({ action: 'file.upload', targetType: 'file', targetId: row.id, after: row });
        return { id: row.id, sha256: sha, size: row.size, contentType: type, name };
      });
    },
  );

  app.get(
    '/api/v1/files/:id',
    { config: { permission: 'file:file:read' }, schema: { tags: ['文件'], summary: '下载文件', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const f = await readInScope(req.server.ctx, actorOf(req), { type: 'file', id, what: '文件' }, (scoped) => {
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
