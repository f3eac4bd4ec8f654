import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * Limits on what an Office Open XML file (a ZIP) may expand to, checked before any XML of it is parsed: a
 * 644 KB XLSX can hold 189 MB of shared strings, which a spreadsheet reader keeps in memory. Each entry is
 * inflated once, counting its bytes (what the central directory declares is not trusted), and the first
 * limit passed stops it.
 */
export interface ZipLimits {
  /** All entries together, inflated. */
  maxUncompressedBytes: number;
  /** The shared strings of a workbook (`xl/sharedStrings.xml`), inflated. */
  maxSharedStringsBytes: number;
  /** How many shared strings (`<si>` items). */
  maxSharedStrings: number;
  maxEntries: number;
}

export type ZipProblem =
  | { kind: 'invalid' }
  | { kind: 'too_large'; what: 'entries' | 'uncompressed' | 'shared_strings_bytes' | 'shared_strings'; limit: number };

export class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip refused: ${problem.kind}${problem.kind === 'too_large' ? ` (${problem.what})` : ''}`);
  }
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

/** Reads the central directory and inflates every entry within the limits; throws ZipRefused otherwise. */
export async function checkZip(path: string, limits: ZipLimits): Promise<void> {
  const fh = await open(path, 'r');
  let entries: Entry[];
  try {
    entries = await centralDirectory(fh, limits);
  } finally {
    await fh.close();
  }
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const shared = e.name === SHARED_STRINGS;
    const inflated = await inflateEntry(path, e, {
      budget: Math.min(limits.maxUncompressedBytes - total, shared ? limits.maxSharedStringsBytes : Number.POSITIVE_INFINITY),
      onBudget: () => {
        throw new ZipRefused(
          shared && limits.maxSharedStringsBytes <= limits.maxUncompressedBytes - total
            ? { kind: 'too_large', what: 'shared_strings_bytes', limit: limits.maxSharedStringsBytes }
            : { kind: 'too_large', what: 'uncompressed', limit: limits.maxUncompressedBytes },
        );
      },
      maxItems: shared ? limits.maxSharedStrings : null,
    });
    total += inflated;
  }
}

async function centralDirectory(fh: import('node:fs/promises').FileHandle, limits: ZipLimits): Promise<Entry[]> {
  const { size } = await fh.stat();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await fh.read(tail, 0, tailLength, size - tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipRefused({ kind: 'invalid' });
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  // ZIP64 markers: no import file needs more than 65,535 entries or 4 GB.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRefused({ kind: 'invalid' });
  if (count > limits.maxEntries) throw new ZipRefused({ kind: 'too_large', what: 'entries', limit: limits.maxEntries });
  if (cdOffset + cdSize > size) throw new ZipRefused({ kind: 'invalid' });
  const cd = Buffer.alloc(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const entries: Entry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipRefused({ kind: 'invalid' });
    const nameLength = cd.readUInt16LE(p + 28);
    const entry: Entry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      localOffset: cd.readUInt32LE(p + 42),
    };
    if (entry.method !== 0 && entry.method !== 8) throw new ZipRefused({ kind: 'invalid' });
    if (entry.localOffset + 30 > cdOffset || entry.localOffset + entry.compressedSize > cdOffset) throw new ZipRefused({ kind: 'invalid' });
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, entry.localOffset);
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipRefused({ kind: 'invalid' });
    entry.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    entries.push(entry);
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/** Inflates one entry, counting its bytes (and its `<si>` items); stops at the budget or the item limit. */
function inflateEntry(path: string, e: Entry, opts: { budget: number; onBudget: () => never; maxItems: number | null }): Promise<number> {
  return new Promise((resolve, reject) => {
    if (e.compressedSize === 0) return resolve(0);
    const source = createReadStream(path, { start: e.localOffset, end: e.localOffset + e.compressedSize - 1 });
    const stream = e.method === 8 ? source.pipe(createInflateRaw()) : source;
    let bytes = 0;
    let items = 0;
    let carry = '';
    const stop = (err: unknown) => {
      source.destroy();
      stream.destroy();
      reject(err);
    };
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      try {
        if (bytes > opts.budget) opts.onBudget();
        // The central directory's size is what the file claims: more than it is a forged entry.
        if (bytes > e.uncompressedSize) throw new ZipRefused({ kind: 'invalid' });
        if (opts.maxItems !== null) {
          const text = carry + chunk.toString('latin1');
          items += (text.match(/<si[\s>]/g) ?? []).length;
          carry = text.slice(-3);
          if (items > opts.maxItems) throw new ZipRefused({ kind: 'too_large', what: 'shared_strings', limit: opts.maxItems });
        }
      } catch (err) {
        stop(err);
      }
    });
    stream.on('error', () => stop(new ZipRefused({ kind: 'invalid' })));
    stream.on('end', () => resolve(bytes));
  });
}
