import { randomFillSync } from 'node:crypto';

/**
 * Random bytes are drawn from the CSPRNG in blocks: one `randomBytes(16)` per id cost a system call and an
 * allocation each, several times per write.
 */
const POOL = Buffer.alloc(16 * 256);
let offset = POOL.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** UUIDv7 (RFC 9562): time-ordered, so keyset pagination and B-tree inserts stay cheap. */
export function uuidv7(now = Date.now()): string {
  if (offset + 10 > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  // 48-bit big-endian milliseconds, version 7 and 12 random bits, variant 10 and 62 random bits.
  const b = new Array<number>(16);
  let t = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  for (let i = 6; i < 16; i++) b[i] = POOL[offset++]!;
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  let h = '';
  for (let i = 0; i < 16; i++) {
    h += HEX[b[i]!];
    if (i === 3 || i === 5 || i === 7 || i === 9) h += '-';
  }
  return h;
}
