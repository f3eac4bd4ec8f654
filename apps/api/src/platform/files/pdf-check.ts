import { inflateSync } from 'node:zlib';

/**
 * A structural check of an uploaded PDF (ISO 32000-1 §7.5), for a product that stores scans and forms and
 * shows them back: no PDF parser is vetted for the product (DESIGN §6), so it checks the file's frame, not its
 * pages. Refused (with the reason) are:
 * - a header other than `%PDF-1.0` … `%PDF-2.0` at byte 0;
 * - anything after the last `%%EOF` but line ends — HTML or script appended to a PDF (a polyglot a browser
 *   renders as a page);
 * - no `startxref` before that `%%EOF`, or one pointing outside the file or at something other than a
 *   cross-reference table (`xref`) or stream (`N G obj … /Type /XRef`);
 * - no trailer (or cross-reference stream dictionary) naming the document catalogue (`/Root`);
 * - HTML markup where PDF syntax belongs (outside streams: `<html`, `<script`, `<!doctype`, `<body`, `<iframe`);
 * - active content: `/JavaScript`, `/JS`, `/Launch`, `/EmbeddedFile(s)`, `/RichMedia` — in the file's own
 *   dictionaries or inside its compressed object streams, names written with `#xx` escapes included.
 * Incremental updates (several `%%EOF`, each with its trailer) pass: only the last section is followed.
 */
export type PdfProblem = 'header' | 'trailing_data' | 'no_startxref' | 'bad_xref' | 'no_root' | 'html' | 'active_content' | 'object_stream';

const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])/;
const HTML = /<\s*(html|script|!doctype|body|iframe|svg|object|embed)\b/i;
/** Inflated object streams are scanned up to this many bytes in all (a compression bomb stops there). */
const MAX_INFLATED = 16 * 1024 * 1024;

/** PDF names may spell any character as #xx: /J#61vaScript is /JavaScript. */
function unescapeNames(text: string): string {
  return text.replace(/\/[^\s/<>[\]()%{}]+/g, (name) => name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))));
}

/** The file's text outside the content of its streams (stream … endstream), where PDF syntax lives. */
function outsideStreams(text: string): { syntax: string; streams: { dict: string; start: number; end: number }[] } {
  const parts: string[] = [];
  const streams: { dict: string; start: number; end: number }[] = [];
  let at = 0;
  const re = /stream\r?\n/g;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) break;
    // `endstream` also contains `stream`: only a keyword after a dictionary opens one.
    const before = text.slice(Math.max(at, m.index - 4096), m.index);
    if (!/>>\s*$/.test(before)) {
      parts.push(text.slice(at, m.index + m[0].length));
      at = m.index + m[0].length;
      continue;
    }
    const dictStart = before.lastIndexOf('<<');
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return { syntax: parts.join('') + text.slice(at), streams };
    parts.push(text.slice(at, m.index));
    streams.push({ dict: dictStart >= 0 ? before.slice(dictStart) : before, start, end });
    at = end + 'endstream'.length;
  }
  parts.push(text.slice(at));
  return { syntax: parts.join('\n'), streams };
}

export function checkPdf(data: Buffer): { ok: true } | { ok: false; problem: PdfProblem } {
  const text = data.toString('latin1');
  if (!/^%PDF-(1\.[0-7]|2\.0)\b/.test(text)) return { ok: false, problem: 'header' };
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0 || /[^\r\n\t \0]/.test(text.slice(eof + 5))) return { ok: false, problem: 'trailing_data' };
  const sx = /startxref\s+(\d+)\s*$/.exec(text.slice(Math.max(0, eof - 64), eof));
  if (!sx) return { ok: false, problem: 'no_startxref' };
  const offset = Number(sx[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= eof) return { ok: false, problem: 'bad_xref' };
  const at = text.slice(offset, offset + 2048);
  if (at.startsWith('xref')) {
    const trailer = text.indexOf('trailer', offset);
    if (trailer < 0 || trailer > eof || !/\/Root\s+\d+\s+\d+\s+R/.test(text.slice(trailer, eof))) return { ok: false, problem: 'no_root' };
  } else if (/^\d+\s+\d+\s+obj\b/.test(at)) {
    const dict = unescapeNames(at);
    if (!/\/Type\s*\/XRef\b/.test(dict)) return { ok: false, problem: 'bad_xref' };
    if (!/\/Root\s+\d+\s+\d+\s+R/.test(dict)) return { ok: false, problem: 'no_root' };
  } else return { ok: false, problem: 'bad_xref' };

  const { syntax, streams } = outsideStreams(text);
  if (HTML.test(syntax)) return { ok: false, problem: 'html' };
  if (ACTIVE.test(unescapeNames(syntax))) return { ok: false, problem: 'active_content' };
  // Objects compressed into object streams (PDF 1.5+) hide their dictionaries from the scan above.
  let inflated = 0;
  for (const s of streams) {
    const dict = unescapeNames(s.dict);
    if (!/\/Type\s*\/ObjStm\b/.test(dict)) continue;
    if (!/\/Filter\s*\/FlateDecode\b/.test(dict)) {
      if (/\/Filter/.test(dict)) return { ok: false, problem: 'object_stream' };
    }
    let body: string;
    try {
      const raw = data.subarray(s.start, s.end);
      body = /\/FlateDecode/.test(dict) ? inflateSync(raw, { maxOutputLength: MAX_INFLATED - inflated }).toString('latin1') : raw.toString('latin1');
    } catch {
      // A stream that does not inflate (or inflates past the budget) cannot be checked: refused.
      return { ok: false, problem: 'object_stream' };
    }
    inflated += body.length;
    if (ACTIVE.test(unescapeNames(body))) return { ok: false, problem: 'active_content' };
    if (HTML.test(body)) return { ok: false, problem: 'html' };
  }
  return { ok: true };
}
