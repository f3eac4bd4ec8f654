/**
 * Content sniffing: the type of an upload is decided by its bytes, never by its name or the header the
 * client sent. Only the types the product accepts are recognised.
 */
export type AllowedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export function sniffContentType(b: Buffer): AllowedType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * Removes EXIF/XMP (APP1) segments from a JPEG, so that photos do not leak the phone's location or
 * serial number (PIPL art. 6, minimum necessary). Other segments and the image data are kept as they are.
 */
export function stripJpegMetadata(b: Buffer): Buffer {
  if (!(b[0] === 0xff && b[1] === 0xd8)) return b;
  const parts: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return b; // not a well-formed header: keep the original
    const marker = b[i + 1]!;
    if (marker === 0xda) {
      parts.push(b.subarray(i)); // start of scan: the rest is image data
      return Buffer.concat(parts);
    }
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) return b;
    if (marker !== 0xe1) parts.push(b.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  return b;
}
