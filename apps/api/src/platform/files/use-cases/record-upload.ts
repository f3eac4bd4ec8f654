import { type Actor, userIdOf } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { uuidv7 } from '../../ids.ts';
import { type Deps, transact } from '../../transact.ts';
import { reencodeImage } from '../images.ts';
import { checkPdf } from '../pdf-check.ts';
import { sniffContentType } from '../sniff.ts';
import { storeBlob } from '../storage.ts';

export interface RecordUploadInput {
  data: Buffer;
  /** What the client said the type was (kept in the refusal only: the type is decided by content). */
  declaredType: string;
  filename: string;
}

/**
 * Keeps an uploaded file: its type decided by its content (JPEG, PNG, WEBP, PDF); an image re-encoded from
 * its pixels (images.ts: nothing but the image survives — no appended archive, no script in a comment, no
 * location metadata, 个人信息保护法: no more personal data than needed); a PDF checked for its structure and for
 * active content (pdf-check.ts); refused otherwise with FILE.CONTENT_INVALID. The bytes are stored once by
 * their SHA-256, with a file record owned by the uploader and their agency.
 */
export async function recordUpload(deps: Deps, actor: Actor, input: RecordUploadInput) {
  const type = sniffContentType(input.data);
  if (!type) throw new AppError('FILE.TYPE_NOT_ALLOWED', '只接受 JPEG、PNG、WEBP 图片或 PDF 文件（按文件内容识别）', { declared: input.declaredType });
  let data: Buffer;
  if (type === 'application/pdf') {
    const check = checkPdf(input.data);
    if (!check.ok)
      throw new AppError('FILE.CONTENT_INVALID', 'PDF 文件结构不完整，或含有脚本、附件、网页代码等不允许的内容，请重新导出后上传', { problem: check.problem });
    data = input.data;
  } else data = await reencodeImage(input.data, type);
  const sha = await storeBlob(deps.config.dataDir, data);
  const name = input.filename.slice(0, 200) || 'file';
  return transact(deps, actor, async (trx, audit) => {
    const row = {
      id: uuidv7(),
      sha256: sha,
      size: data.length,
      content_type: type,
      original_name: name,
      uploaded_by: userIdOf(actor),
      agency_id: actor.agencyId,
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('files').values(row).execute();
    await audit({ action: 'file.upload', targetType: 'file', targetId: row.id, after: row });
    return { id: row.id, sha256: sha, size: row.size, contentType: type, name };
  });
}
