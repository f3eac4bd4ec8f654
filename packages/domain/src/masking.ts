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
