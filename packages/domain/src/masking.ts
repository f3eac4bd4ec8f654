/**
 * Masking of personal data for lists and public pages (PIPL art. 51, GB/T 35273 de-identification
 * in user interfaces). No national rule fixes how many digits are hidden; these are the product's rules:
 * ID numbers keep the first 4 and last 4, phone numbers the first 3 and last 4.
 */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const s = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  // Landlines and other formats: keep only the last 4 digits.
  if (s.length <= 4) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 4) + s.slice(-4);
}

/** Person names: keep the family name (first character), mask the rest: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskPersonName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Digits as people type them: ASCII and full-width (０–９). */
const DIGIT = '[0-9０-９]';
/**
 * An 18-character resident ID number (GB 11643: 6-digit address code, birth date YYYYMMDD, 3-digit sequence,
 * check character 0–9 or X) standing alone — not inside a longer run of digits or letters (a USCI, a permit
 * number). The birth date must look like one (years 1900–2099, month 01–12, day 01–31); the check character
 * is not verified, since a mistyped number is still a person's number.
 */
const ID_IN_TEXT = new RegExp(
  `(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])${DIGIT}{6}(?:19|20|１９|２０)${DIGIT}{2}(?:0[1-9]|1[0-2]|０[１-９]|１[０-２])(?:[0-2]${DIGIT}|3[01]|[０-２]${DIGIT}|３[０１])${DIGIT}{3}[0-9０-９XxＸｘ](?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])`,
  'g',
);
/**
 * A mainland mobile number (1[3-9] and 9 more digits), with an optional +86 / 0086 / 86 prefix and the
 * separators people type (`138 1234 5678`, `138-1234-5678`), standing alone — not inside a longer run of digits.
 */
const MOBILE_IN_TEXT = new RegExp(
  `(?<![0-9０-９])(?:(?:\\+|＋|00)?(?:86|８６)[\\s-]?)?(?:1|１)[3-9３-９]${DIGIT}[\\s-]?${DIGIT}{4}[\\s-]?${DIGIT}{4}(?![0-9０-９])`,
  'g',
);

/** Full-width digits and letters to ASCII, so a masked value reads like the ones masked from fields. */
function halfWidth(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Masks the personal data a person may type into free text (a reason, a finding, a title) before the text is
 * shown on a list or a public page (PIPL art. 51; DESIGN §4): ID numbers as maskIdNumber, mobile numbers as
 * maskPhone (a +86 prefix is kept). Idempotent: a masked value contains `*` and is not matched again.
 */
export function maskPersonalText(text: string): string;
export function maskPersonalText(text: string | null): string | null;
export function maskPersonalText(text: string | null | undefined): string | null | undefined;
export function maskPersonalText(text: string | null | undefined): string | null | undefined {
  if (!text) return text;
  return text
    .replace(ID_IN_TEXT, (id) => maskIdNumber(halfWidth(id)))
    .replace(MOBILE_IN_TEXT, (m) => {
      const digits = halfWidth(m).replace(/[\s-]/g, '');
      const national = digits.slice(-11);
      const prefix = digits.slice(0, -11);
      return `${prefix}${maskPhone(national)}`;
    });
}
