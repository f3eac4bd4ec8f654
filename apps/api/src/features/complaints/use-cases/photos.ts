import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../../platform/attempts.ts';
import { AppError } from '../../../platform/errors.ts';
import { reencodeImage } from '../../../platform/files/images.ts';
import { sniffContentType } from '../../../platform/files/sniff.ts';
import { storeBlob } from '../../../platform/files/storage.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';

/** Photos per client address and hour (a 随手拍 carries up to nine). */
export const PHOTOS_PER_CLIENT: AttemptWindow = { limit: 60, windowMs: 60 * 60_000 };

/**
 * A 随手拍 photo sent without an account (CMP-01): an image only, re-encoded from its pixels (the platform's
 * images.ts: no EXIF — the phone's GPS tag and model never reach us — no appended content), stored by its
 * SHA-256, owned by no user. It is bound to the report it is sent with; until then it is nobody's.
 */
export async function uploadComplaintPhoto(deps: Deps, actor: Actor, data: Buffer): Promise<{ id: string; size: number; contentType: string }> {
  if (!(await countAttempt(deps.database.db, `complaint:photo:${actor.ip ?? 'unknown'}`, PHOTOS_PER_CLIENT, deps.now())))
    throw new AppError('COMPLAINTS.TOO_MANY_SUBMISSIONS', '上传过于频繁，请稍后再试');
  const type = sniffContentType(data);
  if (!type || type === 'application/pdf') throw new AppError('FILE.TYPE_NOT_ALLOWED', '只接受 JPEG、PNG、WEBP 照片');
  const image = await reencodeImage(data, type);
  const sha = await storeBlob(deps.config.dataDir, image);
  return transact(deps, actor, async (trx, audit) => {
    const row = { id: uuidv7(), sha256: sha, size: image.length, content_type: type, complaint_id: null, created_at: deps.now().toISOString() };
    await trx.insertInto('complaint_photos').values(row).execute();
    await audit({ action: 'complaint.photo_upload', targetType: 'complaint_photo', targetId: row.id, after: row });
    return { id: row.id, size: row.size, contentType: type };
  });
}
