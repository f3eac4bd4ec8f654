import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The CJK font legal documents are rendered with (assets/fonts, built by scripts/build-document-font.py).
 * A character the font lacks would print blank without any error, so text is checked first and a
 * document is never made with a character it cannot show.
 */
export const DOCUMENT_FONT_PATH = join(new URL('.', import.meta.url).pathname, '../../../assets/fonts/NotoSansSC-Document.otf');

let cached: { buffer: Buffer; font: fontkit.Font } | null = null;

export function documentFont(): { buffer: Buffer; font: fontkit.Font } {
  if (!cached) {
    const buffer = readFileSync(DOCUMENT_FONT_PATH);
    cached = { buffer, font: fontkit.create(buffer) as fontkit.Font };
  }
  return cached;
}

/** Characters of `text` that the document font cannot render (whitespace and control characters aside). */
export function unsupportedChars(text: string): string[] {
  const { font } = documentFont();
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || ch === '\u3000') continue;
    if (!font.hasGlyphForCodePoint(cp)) out.add(ch);
  }
  return [...out];
}
