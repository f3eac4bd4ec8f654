import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * Writes an XLSX by hand (a ZIP of the few parts a workbook needs), so that tests can make files no spreadsheet
 * program would: a bomb whose shared strings inflate to hundreds of megabytes, an entry whose central directory
 * lies about its size. Each part is given as chunks, so a large part is compressed without being held in memory.
 */
export interface Part {
  name: string;
  chunks: () => Iterable<Buffer>;
  /** Declare this size in the central directory instead of the true one (a forged entry). */
  declaredSize?: number;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="单位名录" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`;

const one = (s: string) => () => [Buffer.from(s)];

/** The parts of a one-sheet workbook whose shared strings are `sharedStrings` (chunks of `<si>` items). */
export function workbookParts(sharedStrings: () => Iterable<Buffer>, opts: { sharedStringsDeclaredSize?: number } = {}): Part[] {
  return [
    { name: '[Content_Types].xml', chunks: one(CONTENT_TYPES) },
    { name: '_rels/.rels', chunks: one(RELS) },
    { name: 'xl/workbook.xml', chunks: one(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', chunks: one(WORKBOOK_RELS) },
    { name: 'xl/worksheets/sheet1.xml', chunks: one(SHEET) },
    {
      name: 'xl/sharedStrings.xml',
      chunks: function* () {
        yield Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
        yield* sharedStrings();
        yield Buffer.from('</sst>');
      },
      ...(opts.sharedStringsDeclaredSize !== undefined ? { declaredSize: opts.sharedStringsDeclaredSize } : {}),
    },
  ];
}

async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  return { data: Buffer.concat(out), crc, size };
}

/** Writes the parts as a ZIP (deflated) to `path`. */
export async function writeZip(path: string, parts: Part[]): Promise<void> {
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  for (const p of parts) {
    const { data, crc, size } = await deflate(p.chunks());
    const name = Buffer.from(p.name);
    const declared = p.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    await write(local);
    await write(name);
    await write(data);
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  await write(cdBytes);
  await write(eocd);
  out.end();
  await once(out, 'finish');
}

/** `n` shared strings of `length` characters each, as chunks of about 1 MB. */
export function* sharedStringItems(n: number, length: number): Iterable<Buffer> {
  const item = `<si><t>${'A'.repeat(length)}</t></si>`;
  const perChunk = Math.max(1, Math.floor((1 << 20) / item.length));
  const chunk = Buffer.from(item.repeat(perChunk));
  let left = n;
  while (left >= perChunk) {
    yield chunk;
    left -= perChunk;
  }
  if (left > 0) yield Buffer.from(item.repeat(left));
}
