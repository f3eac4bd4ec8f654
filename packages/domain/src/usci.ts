/**
 * 统一社会信用代码 (USCI) check, GB 32100-2015.
 * 18 characters over a 31-character alphabet (no I, O, S, V, Z); the 18th is a check character
 * computed with weights 3^(i-1) mod 31 over the first 17.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUW-Y]{2}\d{6}[0-9A-HJ-NPQRTUW-Y]{10}$/;

/** Trim, upper-case and fold full-width characters (common when codes are pasted from documents). */
export function normalizeUsci(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null when they are not of the USCI alphabet. */
export function usciCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return CHARS[(31 - (sum % 31)) % 31]!;
}

export function isValidUsci(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  return usciCheckChar(code.slice(0, 17)) === code[17];
}

export type UsciProblem = 'length' | 'charset' | 'check_char';

/** Explains why a code is invalid, so the UI can say which part is wrong. */
export function checkUsci(raw: string): { ok: true; code: string } | { ok: false; code: string; problem: UsciProblem } {
  const code = normalizeUsci(raw);
  if (code.length !== 18) return { ok: false, code, problem: 'length' };
  if (!SHAPE.test(code)) return { ok: false, code, problem: 'charset' };
  if (usciCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, code, problem: 'check_char' };
  return { ok: true, code };
}

/** Builds a valid code from a 17-character body (used by demo data and tests). */
export function completeUsci(first17: string): string {
  const c = usciCheckChar(first17);
  if (!c) throw new Error(`not a USCI body: ${first17}`);
  return first17 + c;
}
