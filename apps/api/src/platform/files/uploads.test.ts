import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { sm2 } from 'sm-crypto-v2';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { renderDocumentPdf } from '../documents/pdf.ts';
import { sealPdf } from '../documents/seal.ts';
import { checkPdf } from './pdf-check.ts';

/**
 * Uploads cannot smuggle (issue 10 item 6): images are re-encoded from their pixels, so polyglots come out
 * as images only or are refused; PDFs pass a structural check (header, cross-reference, trailer, %%EOF, nothing
 * after it, no HTML, no active content) or are refused with FILE.CONTENT_INVALID.
 */

/** A PDF with the given object bodies, a classic cross-reference table and trailer, and `tail` after %%EOF. */
function pdf(objects: string[], opts: { tail?: string; root?: number; header?: string } = {}): Buffer {
  let out = `${opts.header ?? '%PDF-1.7'}\n%\u00e2\u00e3\u00cf\u00d3\n`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${opts.root ?? 1} 0 R >>\nstartxref\n${xref}\n%%EOF\n${opts.tail ?? ''}`;
  return Buffer.from(out, 'latin1');
}
const CATALOG = '<< /Type /Catalog /Pages 2 0 R >>';
const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
const PLAIN = pdf([CATALOG, PAGES, PAGE]);

/** An object stream (PDF 1.5) holding `content`, Flate-compressed as real files do. */
function objectStream(content: string): string {
  const data = deflateSync(Buffer.from(content, 'latin1')).toString('latin1');
  return `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

describe('the structural check of PDFs', () => {
  const accepted: Array<[string, Buffer]> = [
    ['a minimal well-formed PDF', PLAIN],
    ['one with line ends after %%EOF', Buffer.concat([PLAIN, Buffer.from('\r\n\r\n')])],
    ['one with a harmless object stream', pdf([CATALOG, PAGES, PAGE, objectStream('5 0 << /Producer (scanner) >>')])],
    ['PDF 2.0', pdf([CATALOG, PAGES, PAGE], { header: '%PDF-2.0' })],
  ];
  for (const [name, bytes] of accepted) it(`accepts ${name}`, () => assert.deepEqual(checkPdf(bytes), { ok: true }));

  const refused: Array<[string, Buffer, string]> = [
    ['%PDF- followed by HTML', Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>'), 'trailing_data'],
    ['HTML appended after %%EOF', pdf([CATALOG, PAGES, PAGE], { tail: '<html><script>alert(1)</script></html>' }), 'trailing_data'],
    ['script appended after %%EOF', Buffer.concat([PLAIN, Buffer.from('<script>fetch("/api/v1/auth/me")</script>\n')]), 'trailing_data'],
    ['an unknown version', pdf([CATALOG, PAGES, PAGE], { header: '%PDF-9.9' }), 'header'],
    ['no startxref', Buffer.from(PLAIN.toString('latin1').replace(/startxref\n\d+\n/, ''), 'latin1'), 'no_startxref'],
    ['startxref pointing nowhere', Buffer.from(PLAIN.toString('latin1').replace(/startxref\n\d+/, 'startxref\n99999999'), 'latin1'), 'bad_xref'],
    [
      'startxref pointing at an object that is not a cross-reference',
      Buffer.from(PLAIN.toString('latin1').replace(/startxref\n\d+/, 'startxref\n16'), 'latin1'),
      'bad_xref',
    ],
    ['a trailer without /Root', Buffer.from(PLAIN.toString('latin1').replace(/ \/Root 1 0 R/, ''), 'latin1'), 'no_root'],
    ['an HTML page inside the PDF syntax', pdf([CATALOG, PAGES, PAGE, '<html><iframe src="x"></iframe></html>']), 'html'],
    [
      'a JavaScript open action',
      pdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>', PAGES, PAGE, '<< /S /JavaScript /JS (app.alert(1)) >>']),
      'active_content',
    ],
    ['a JavaScript action spelt with #xx escapes', pdf([CATALOG, PAGES, PAGE, '<< /S /J#61vaScript /J#53 (app.alert(1)) >>']), 'active_content'],
    ['a launch action', pdf([CATALOG, PAGES, PAGE, '<< /S /Launch /F (cmd.exe) >>']), 'active_content'],
    ['an embedded file', pdf([CATALOG, PAGES, PAGE, '<< /Type /EmbeddedFile /Length 0 >>']), 'active_content'],
    [
      'JavaScript hidden in a compressed object stream',
      pdf([CATALOG, PAGES, PAGE, objectStream('5 0 << /S /JavaScript /JS (app.alert(1)) >>')]),
      'active_content',
    ],
    [
      'an object stream that does not inflate',
      pdf([CATALOG, PAGES, PAGE, '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 9 >>\nstream\nnot zlib!\nendstream']),
      'object_stream',
    ],
  ];
  for (const [name, bytes, problem] of refused) it(`refuses ${name} (${problem})`, () => assert.deepEqual(checkPdf(bytes), { ok: false, problem }));

  it('accepts the product’s own documents, rendered and sealed', async () => {
    const doc = await renderDocumentPdf({
      title: '结构检查测试文书',
      number: '测试〔2026〕第1号',
      rows: [['单位', '结构检查测试单位']],
      agencyName: '测试消防救援支队',
      issuedOn: '2026-11-23',
      qrUrl: 'https://fep.example.cn/verify/ABC',
    });
    assert.deepEqual(checkPdf(doc), { ok: true });
    const keys = sm2.generateKeyPairHex();
    assert.deepEqual(checkPdf(sealPdf(doc, { id: 'k1', agencyId: 'a1', privateKey: keys.privateKey, publicKey: keys.publicKey }).pdf), { ok: true });
  });
});

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: '张三 13800001234', Copyright: 'GPS 41.27N 123.17E' } })
    .toBuffer();
}

/** A JPEG with a comment segment (COM) holding `text`, right after its start-of-image marker. */
function withComment(j: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xfffe, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([j.subarray(0, 2), seg, body, j.subarray(2)]);
}

/** A PNG tEXt chunk (CRC not checked by the test: libvips is told to be lenient only about what it can decode). */
function pngWithText(png: Buffer, text: string): Buffer {
  const iend = png.length - 12;
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([Buffer.from('tEXt', 'latin1'), data])), 8 + data.length);
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}
function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
/** A small ZIP archive (one stored entry) holding an HTML page. */
function zipWithHtml(): Buffer {
  const name = Buffer.from('index.html');
  const data = Buffer.from('<html><script>alert(1)</script></html>');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12);
  eocd.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

for (const database of DATABASES) {
  describe(`uploads are re-encoded or refused [${database}]`, () => {
    let t: TestApp;
    let token: string;
    before(async () => {
      t = await startTestApp(database);
      token = await t.login('clerk.211000');
    });
    after(() => t.close());

    const upload = async (name: string, data: Buffer, type: string) => {
      const mp = multipartFile(name, data, type);
      return t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
    };
    const stored = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: bearer(token) })).rawPayload;

    test('polyglot images come out as images only: no script, no archive, no metadata', async () => {
      const photo = await jpeg();
      assert.ok((await sharp(photo).metadata()).exif, 'the test photo carries EXIF');
      const cases: Array<[string, Buffer, string, string[]]> = [
        ['JPEG with HTML in a comment', withComment(photo, '<html><script>alert(1)</script></html>'), 'image/jpeg', ['<script', '<html']],
        ['JPEG with HTML after its end', Buffer.concat([photo, Buffer.from('<html><script>alert(1)</script></html>')]), 'image/jpeg', ['<script']],
        ['JPEG with EXIF (person, phone, place)', photo, 'image/jpeg', ['13800001234', 'GPS', 'Exif']],
        ['PNG with a ZIP appended', Buffer.concat([TINY_PNG, zipWithHtml()]), 'image/png', ['PK\u0003\u0004', '<script', 'index.html']],
        ['PNG with script in a text chunk', pngWithText(TINY_PNG, '<script>alert(1)</script>'), 'image/png', ['<script', 'tEXt']],
      ];
      for (const [name, data, type, absent] of cases) {
        const r = await upload('photo', data, type);
        assert.equal(r.statusCode, 201, `${name}: ${r.body}`);
        const bytes = await stored(r.json().id);
        const text = bytes.toString('latin1');
        for (const a of absent) assert.ok(!text.includes(a), `${name}: the stored file still holds ${JSON.stringify(a)}`);
        const meta = await sharp(bytes).metadata();
        assert.equal(`image/${meta.format}`, type, name);
        assert.equal(meta.exif, undefined, `${name}: EXIF kept`);
      }
    });

    test('what only starts like an image, or like a PDF, is refused with FILE.CONTENT_INVALID', async () => {
      const cases: Array<[string, Buffer]> = [
        ['JPEG magic followed by HTML', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script></html>')])],
        ['PNG signature followed by a ZIP', Buffer.concat([TINY_PNG.subarray(0, 8), zipWithHtml()])],
        [
          'WEBP header followed by junk',
          Buffer.concat([Buffer.from('RIFF\u0020\u0000\u0000\u0000WEBPVP8 ', 'latin1'), Buffer.from('<script>alert(1)</script>')]),
        ],
        ['%PDF- followed by HTML', Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>')],
        ['a PDF with HTML after %%EOF', pdf([CATALOG, PAGES, PAGE], { tail: '<html><script>alert(1)</script></html>' })],
        [
          'a PDF with a JavaScript action',
          pdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>', PAGES, PAGE, '<< /S /JavaScript /JS (app.alert(1)) >>']),
        ],
      ];
      const before = await t.ctx.database.db.selectFrom('files').select('id').execute();
      for (const [name, data] of cases) {
        const r = await upload('x', data, 'application/octet-stream');
        assert.equal(r.statusCode, 422, `${name}: ${r.body}`);
        assert.equal(r.json().code, 'FILE.CONTENT_INVALID', name);
        assert.match(r.json().message, /[\u4e00-\u9fa5]/);
      }
      assert.equal((await t.ctx.database.db.selectFrom('files').select('id').execute()).length, before.length, 'nothing was kept');
    });

    test('a well-formed PDF is kept byte for byte', async () => {
      const r = await upload('scan.pdf', PLAIN, 'application/pdf');
      assert.equal(r.statusCode, 201, r.body);
      assert.ok((await stored(r.json().id)).equals(PLAIN));
    });
  });
}

test('sharp is the vetted 0.35 line, with its own libvips', () => {
  assert.match(sharp.versions.sharp ?? '', /^0\.35\./);
  assert.ok(sharp.versions.vips);
});
