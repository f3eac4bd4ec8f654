import { POLICY_KINDS, type UnitDefaultsPolicy } from '../policy/kinds.ts';
import { checkUsci } from '../usci.ts';
import { VENUE_KIND_LABELS, VENUE_KINDS, type VenueKind } from '../venue.ts';

/**
 * One row of a unit-directory import (SUP-01), validated on its own: the USCI with its check character,
 * a region code, a known venue kind (code or Chinese name), numbers that are numbers. Column headers may
 * be Chinese or the English field names.
 */
export interface UnitRow {
  usci: string;
  name: string;
  address: string;
  regionCode: string;
  venueKind: VenueKind | null;
  floorArea: number | null;
  keyUnit: boolean;
  riskLevel: 'low' | 'medium' | 'high';
  creditLevel: 'A' | 'B' | 'C' | 'D';
  selfCommitment: boolean;
  contactName: string | null;
  contactPhone: string | null;
  /**
   * Contact cells that hold a masked value (`王**`, `138****5678`, as the export writes them): not data, the
   * directory keeps what it holds — so an exported file re-imports without changing anything (DESIGN §4).
   */
  keep?: ('contactName' | 'contactPhone')[];
}

export const UNIT_COLUMNS: Record<Exclude<keyof UnitRow, 'keep'>, string[]> = {
  usci: ['统一社会信用代码', 'usci'],
  name: ['单位名称', 'name'],
  address: ['地址', '单位地址', 'address'],
  regionCode: ['行政区划代码', 'regionCode', 'region_code'],
  venueKind: ['场所类别', 'venueKind', 'venue_kind'],
  floorArea: ['建筑面积', '建筑面积（㎡）', 'floorArea', 'floor_area'],
  keyUnit: ['重点单位', 'keyUnit', 'key_unit'],
  riskLevel: ['风险等级', 'riskLevel', 'risk_level'],
  creditLevel: ['信用等级', 'creditLevel', 'credit_level'],
  selfCommitment: ['自我管理承诺', 'selfCommitment', 'self_commitment'],
  contactName: ['联系人', 'contactName', 'contact_name'],
  contactPhone: ['联系电话', 'contactPhone', 'contact_phone'],
};

/** Maps a header row to field names; unknown headers are ignored, missing required ones are reported. */
export function mapHeaders(headers: string[]): { index: Partial<Record<keyof UnitRow, number>>; missing: string[] } {
  const index: Partial<Record<keyof UnitRow, number>> = {};
  headers.forEach((h, i) => {
    const name = h.trim().replace(/^\uFEFF/, '');
    for (const [field, names] of Object.entries(UNIT_COLUMNS)) if (names.includes(name)) index[field as keyof UnitRow] = i;
  });
  const missing = (['usci', 'name', 'address', 'regionCode'] as const).filter((f) => index[f] === undefined).map((f) => UNIT_COLUMNS[f][0]!);
  return { index, missing };
}

const KIND_BY_LABEL = new Map<string, VenueKind>(Object.entries(VENUE_KIND_LABELS).map(([k, v]) => [v, k as VenueKind]));
const YES = new Set(['是', 'Y', 'y', 'yes', 'true', '1', 'TRUE']);
const NO = new Set(['否', 'N', 'n', 'no', 'false', '0', 'FALSE', '']);
const RISK: Record<string, UnitRow['riskLevel']> = { 低: 'low', 中: 'medium', 高: 'high', low: 'low', medium: 'medium', high: 'high' };

/**
 * A blank risk or credit cell takes the `units.defaults` policy of the unit's agency (the caller resolves
 * it; the national default otherwise).
 */
export function parseUnitRow(
  cells: readonly (string | undefined)[],
  index: Partial<Record<keyof UnitRow, number>>,
  defaults: UnitDefaultsPolicy = POLICY_KINDS['units.defaults'].nationalDefault,
): { ok: true; row: UnitRow } | { ok: false; reasons: string[] } {
  const get = (f: keyof UnitRow) => (index[f] === undefined ? '' : String(cells[index[f]!] ?? '').trim());
  const reasons: string[] = [];
  const u = checkUsci(get('usci'));
  if (!u.ok)
    reasons.push(
      u.problem === 'check_char' ? '统一社会信用代码校验位不正确' : u.problem === 'length' ? '统一社会信用代码应为 18 位' : '统一社会信用代码含有不允许的字符',
    );
  const name = get('name');
  if (name.length < 2 || name.length > 100) reasons.push('单位名称应为 2–100 个字');
  const address = get('address');
  if (address.length < 2 || address.length > 200) reasons.push('地址应为 2–200 个字');
  const regionCode = get('regionCode');
  if (!/^\d{6}$/.test(regionCode)) reasons.push('行政区划代码应为 6 位数字');
  const kindRaw = get('venueKind');
  let venueKind: VenueKind | null = null;
  if (kindRaw) {
    venueKind = (VENUE_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as VenueKind) : (KIND_BY_LABEL.get(kindRaw) ?? null);
    if (!venueKind) reasons.push(`场所类别“${kindRaw}”无法识别`);
  }
  const areaRaw = get('floorArea');
  const floorArea = areaRaw === '' ? null : Number(areaRaw.replace(/,/g, ''));
  if (floorArea !== null && !(Number.isFinite(floorArea) && floorArea >= 0 && floorArea <= 10_000_000)) reasons.push('建筑面积应为不小于 0 的数字');
  const yesNo = (f: 'keyUnit' | 'selfCommitment', label: string) => {
    const v = get(f);
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    reasons.push(`${label}应填“是”或“否”`);
    return false;
  };
  const keyUnit = yesNo('keyUnit', '重点单位');
  const selfCommitment = yesNo('selfCommitment', '自我管理承诺');
  const riskRaw = get('riskLevel');
  const riskLevel = riskRaw === '' ? defaults.riskLevel : Object.hasOwn(RISK, riskRaw) ? RISK[riskRaw] : undefined;
  if (!riskLevel) reasons.push('风险等级应为 低/中/高');
  const creditRaw = get('creditLevel').toUpperCase() || defaults.creditLevel;
  if (!['A', 'B', 'C', 'D'].includes(creditRaw)) reasons.push('信用等级应为 A/B/C/D');
  const masked = (v: string) => v.includes('*');
  const keep: ('contactName' | 'contactPhone')[] = [];
  if (masked(get('contactName'))) keep.push('contactName');
  const phone = get('contactPhone');
  if (masked(phone)) keep.push('contactPhone');
  else if (phone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(phone)) reasons.push('联系电话格式不正确');
  if (/^[=+\-@]/.test(name) || /^[=+\-@]/.test(address)) reasons.push('单位名称或地址不能以 = + - @ 开头（防止表格公式注入）');
  if (reasons.length) return { ok: false, reasons };
  return {
    ok: true,
    row: {
      usci: u.code,
      name,
      address,
      regionCode,
      venueKind,
      floorArea,
      keyUnit,
      riskLevel: riskLevel!,
      creditLevel: creditRaw as UnitRow['creditLevel'],
      selfCommitment,
      contactName: keep.includes('contactName') ? null : get('contactName') || null,
      contactPhone: keep.includes('contactPhone') ? null : phone || null,
      ...(keep.length ? { keep } : {}),
    },
  };
}
