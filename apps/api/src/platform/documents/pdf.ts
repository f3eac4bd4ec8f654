import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../errors.ts';
import { documentFont, unsupportedChars } from './font.ts';
import { SEAL_PLACEHOLDER } from './seal.ts';

/**
 * Legal documents (permit, notice, decision, order) rendered to PDF with the vendored CJK font, a QR
 * code to the public verification page and the drawn seal of the issuing agency. The cryptographic
 * seal is added afterwards into the placeholder (seal.ts).
 */
export interface DocumentSpec {
  title: string;
  number: string;
  /** Label/value rows of the document's main table. */
  rows: Array<[string, string]>;
  paragraphs?: string[];
  agencyName: string;
  /** Date of issue, YYYY-MM-DD (Beijing). */
  issuedOn: string;
  /** Where the QR code points (public verification page). */
  qrUrl?: string;
  footer?: string;
  subject?: string;
  /**
   * 'certificate' (the permit: framed, facts in a table first) or 'notice' (a 通知书 in the layout of the
   * legal document forms: issuing agency over the title, number on the right, addressee, body, the facts,
   * the legal basis, then seal and date).
   */
  layout?: 'certificate' | 'notice';
  /** The addressee line of a notice (……：). */
  addressee?: string;
  /** The legal basis printed above the seal (依据：……). */
  basis?: string;
}

const RED = '#c8102e';

/**
 * How the QR code's intermediate PNG is packed. pdfkit decodes that PNG back to pixels and compresses them
 * itself, so the PDF does not depend on the PNG's filter or compression: unfiltered, barely compressed
 * pixels give the same document bytes for a fraction of the time (choosing filters per row and
 * inflating them again was two fifths of a permit's rendering).
 */
const QR_PNG = { filterType: 0, deflateLevel: 1 } as QRCode.QRCodeToBufferOptions['rendererOpts'];

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Refuses text the font cannot show, with the characters named (never a blank on a legal document). */
export function assertRenderable(spec: DocumentSpec): void {
  const text = [
    spec.title,
    spec.number,
    spec.agencyName,
    spec.footer ?? '',
    spec.addressee ?? '',
    spec.basis ?? '',
    ...spec.rows.flat(),
    ...(spec.paragraphs ?? []),
  ].join('');
  const missing = unsupportedChars(text);
  if (missing.length) {
    throw new AppError('DOCUMENT.UNSUPPORTED_CHARACTERS', `文书中含有电子证照字库不支持的字符：${missing.join('、')}，请改用规范汉字或到窗口办理`, {
      characters: missing,
    });
  }
}

export async function renderDocumentPdf(spec: DocumentSpec): Promise<Buffer> {
  assertRenderable(spec);
  const qr = spec.qrUrl ? await QRCode.toBuffer(spec.qrUrl, { errorCorrectionLevel: 'M', margin: 1, scale: 4, rendererOpts: QR_PNG }) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 56, left: 64, right: 64 },
    info: {
      Title: spec.title,
      Author: spec.agencyName,
      Subject: spec.subject ?? spec.number,
      Creator: '消防执法服务平台',
      // The electronic seal is written here after rendering (fixed-length placeholder, see seal.ts).
      Keywords: SEAL_PLACEHOLDER,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // One parsed font shared by every document (pdfkit accepts a fontkit font): parsing the CJK font
  // per document would cost more than rendering it.
  doc.registerFont('cjk', documentFont().font as unknown as Buffer);
  doc.font('cjk');
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const notice = spec.layout === 'notice';
  if (notice) {
    // 通知书: the issuing agency over the title, the number flush right, the addressee, then the body.
    doc.fillColor('#000').fontSize(16).text(spec.agencyName, left, 60, { width, align: 'center' });
    doc.moveDown(0.2).fontSize(22).text(spec.title, { width, align: 'center', characterSpacing: 2 });
    doc.moveDown(0.3).fontSize(11).fillColor('#000').text(spec.number, { width, align: 'right' });
    doc.moveDown(0.6);
    if (spec.addressee) doc.fontSize(12).text(spec.addressee, left, doc.y, { width });
    doc.moveDown(0.3);
    paragraphs(doc, spec.paragraphs ?? [], left, width);
    doc.moveDown(0.2);
    factsTable(doc, spec.rows, left, width, 120, 10);
  } else {
    // Certificate: double red frame, title, number, the facts, then the text.
    doc
      .lineWidth(2)
      .strokeColor(RED)
      .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
      .stroke();
    doc
      .lineWidth(0.5)
      .rect(42, 42, doc.page.width - 84, doc.page.height - 84)
      .stroke();
    doc
      .fillColor('#000')
      .fontSize(spec.title.length > 20 ? 19 : 22)
      .text(spec.title, left, 84, { width, align: 'center' });
    doc.moveDown(0.4).fontSize(11).fillColor('#333').text(spec.number, { width, align: 'center' });
    doc.moveDown(1.2);
    factsTable(doc, spec.rows, left, width, 120);
    paragraphs(doc, spec.paragraphs ?? [], left, width);
  }
  if (spec.basis) {
    doc.moveDown(0.3);
    doc.fontSize(10).fillColor('#333').text(`依据：${spec.basis}`, left, doc.y, { width, lineGap: 3 });
  }

  // Issuer, date and drawn seal. The seal block keeps to one page: a long notice moves it to the next page rather than off the bottom.
  const sealRoom = 24 + 110;
  if (doc.y + sealRoom > doc.page.height - 92) doc.addPage();
  const sealY = notice ? doc.y + 24 : Math.max(doc.y + 40, 560);
  const cx = left + width - 110;
  const cy = sealY + 30;
  doc
    .fontSize(12)
    .fillColor('#000')
    .text(spec.agencyName, left, sealY + 10, { width: width - 20, align: 'right' });
  doc.text(chineseDate(spec.issuedOn), left, sealY + 34, { width: width - 20, align: 'right' });
  drawSeal(doc, cx, cy, spec.agencyName);

  if (qr) {
    doc.image(qr, left, sealY - 4, { width: 92 });
    doc
      .fontSize(8)
      .fillColor('#555')
      .text('扫码核验真伪', left, sealY + 92, { width: 92, align: 'center' });
  }
  if (spec.footer)
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(spec.footer, left, doc.page.height - 84, { width, align: 'center' });
  doc.end();
  return done;
}

/** The label/value table of a document's facts. */
function factsTable(doc: PDFKit.PDFDocument, rows: Array<[string, string]>, left: number, width: number, labelW: number, pad = 14): void {
  let y = doc.y;
  doc.fontSize(11).fillColor('#000');
  for (const [label, value] of rows) {
    const h = Math.max(doc.heightOfString(value, { width: width - labelW - 16 }), doc.heightOfString(label, { width: labelW - 16 })) + pad;
    doc
      .lineWidth(0.5)
      .strokeColor('#999')
      .rect(left, y, labelW, h)
      .stroke()
      .rect(left + labelW, y, width - labelW, h)
      .stroke();
    doc.fillColor('#444').text(label, left + 8, y + pad / 2, { width: labelW - 16 });
    doc.fillColor('#000').text(value, left + labelW + 8, y + pad / 2, { width: width - labelW - 16 });
    y += h;
  }
  doc.y = y + pad;
  doc.x = left;
}

/** Body paragraphs, first line indented by two characters. */
function paragraphs(doc: PDFKit.PDFDocument, list: string[], left: number, width: number): void {
  for (const p of list) {
    doc.fontSize(12).fillColor('#000').text(p, left, doc.y, { width, indent: 24, lineGap: 4 });
    doc.moveDown(0.3);
  }
}

/** The round red seal: a ring, a star and the agency's name along the upper arc. */
function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, name: string): void {
  const r = 52;
  doc.save();
  doc.opacity(0.85).lineWidth(2.5).strokeColor(RED).circle(cx, cy, r).stroke();
  // Five-pointed star
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? 14 : 5.6;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  }
  doc
    .fillColor(RED)
    .polygon(...pts)
    .fill();
  // Name on the arc, from left to right over the top
  const chars = [...name];
  const span = Math.min(250, chars.length * 22);
  doc.fontSize(chars.length > 12 ? 8.5 : 10).fillColor(RED);
  chars.forEach((ch, i) => {
    const deg = -90 - span / 2 + (span * (i + 0.5)) / chars.length;
    const a = (deg * Math.PI) / 180;
    doc.save();
    doc.translate(cx + (r - 13) * Math.cos(a), cy + (r - 13) * Math.sin(a));
    doc.rotate(deg + 90);
    doc.text(ch, -5, -5, { lineBreak: false });
    doc.restore();
  });
  doc.fontSize(7).text('电子印章', cx - 14, cy + 22, { lineBreak: false });
  doc.restore();
}
