import sharp from 'sharp';
import { AppError } from '../errors.ts';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** Above this many pixels an upload is refused before it is decoded (a 100-megapixel photo is far beyond any scan). */
const MAX_PIXELS = 100_000_000;

/**
 * Re-encodes an uploaded image from its decoded pixels (sharp / libvips, DESIGN §6), so that what is stored
 * is only an image: bytes appended after the image (a ZIP after PNG's IEND), HTML or script in comment,
 * metadata or unknown chunks (a "polyglot" that a browser or an unzip tool would read as something else),
 * EXIF with the phone's location and serial number (PIPL art. 6) — none of it survives. The orientation the
 * EXIF asked for is applied to the pixels first. What libvips cannot decode as the sniffed format is refused
 * (FILE.CONTENT_INVALID): a file that only starts like an image is not one. Runs on libuv's thread pool.
 */
export async function reencodeImage(data: Buffer, type: ImageType): Promise<Buffer> {
  const format = ({ 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const)[type];
  try {
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_PIXELS, animated: false });
    const meta = await image.metadata();
    if (meta.format !== format) throw new Error(`decoded as ${meta.format}, sniffed as ${format}`);
    const pipeline = image.rotate();
    if (format === 'jpeg') return await pipeline.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
    if (format === 'png') return await pipeline.png({ compressionLevel: 6 }).toBuffer();
    return await pipeline.webp({ quality: 90 }).toBuffer();
  } catch (e) {
    throw new AppError('FILE.CONTENT_INVALID', '图片内容无法识别或已损坏，请重新拍摄或导出后上传', {
      type,
      reason: e instanceof Error ? 'undecodable' : 'unknown',
    });
  }
}
