import {
  maskPersonalText,
  maskPersonName,
  maskPhone,
  RESPONSIBLE_ROLE_LABELS,
  type ResponsibleRole,
  RISK_LEVEL_LABELS,
  VENUE_KIND_LABELS,
  type VenueKind,
} from '@fep/domain';
import type { UnitTable } from '../../db/schema.ts';

export type UnitViewData = ReturnType<typeof presentUnit>;

/** The unit as the API presents it (`UnitView` of @fep/contracts is its response schema). */
export function presentUnit(u: UnitTable, full: boolean) {
  return {
    id: u.id,
    usci: u.usci,
    // On lists, ID and mobile numbers typed into the name or address are masked too. (Not in the export,
    // which re-imports as written: a masked address would overwrite the directory's.)
    name: full ? u.name : maskPersonalText(u.name),
    address: full ? u.address : maskPersonalText(u.address),
    regionCode: u.region_code,
    agencyId: u.agency_id,
    venueKind: u.venue_kind,
    floorArea: u.floor_area,
    keyUnit: u.key_unit === 1,
    riskLevel: u.risk_level,
    creditLevel: u.credit_level,
    // Personal data is masked in lists (DESIGN §4); the record view shows it to those in scope.
    contactName: full ? u.contact_name : maskPersonName(u.contact_name),
    contactPhone: full ? u.contact_phone : maskPhone(u.contact_phone),
    responsiblePersons: responsiblePersonsOf(u).map((p) => ({
      role: p.role,
      roleLabel: RESPONSIBLE_ROLE_LABELS[p.role],
      name: full ? p.name : maskPersonName(p.name),
    })),
    position: u.lat !== null && u.lng !== null && u.position_set_at ? { lat: Number(u.lat), lng: Number(u.lng), setAt: u.position_set_at } : null,
  };
}

/** A unit's responsible persons that are set (CRD-01), with their credit subject keys. */
export function responsiblePersonsOf(
  u: Pick<UnitTable, 'responsible_name' | 'responsible_key' | 'manager_name' | 'manager_key'>,
): { role: ResponsibleRole; name: string; key: string }[] {
  const out: { role: ResponsibleRole; name: string; key: string }[] = [];
  if (u.responsible_name && u.responsible_key) out.push({ role: 'responsible', name: u.responsible_name, key: u.responsible_key });
  if (u.manager_name && u.manager_key) out.push({ role: 'manager', name: u.manager_name, key: u.manager_key });
  return out;
}

export const EXPORT_HEADER = '\uFEFF统一社会信用代码,单位名称,地址,行政区划代码,场所类别,建筑面积,重点单位,风险等级,信用等级,自我管理承诺,联系人,联系电话\n';

function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`; // no formulas in spreadsheets opened from the export
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One line of the CSV export (personal data masked). Venue kinds and risk levels by their Chinese labels
 * (the import reads them back, packages/domain supervision/unit-row.ts).
 */
export function exportLine(u: UnitTable): string {
  return [
    u.usci,
    u.name,
    u.address,
    u.region_code,
    u.venue_kind ? (VENUE_KIND_LABELS[u.venue_kind as VenueKind] ?? u.venue_kind) : '',
    u.floor_area ?? '',
    u.key_unit ? '是' : '否',
    RISK_LEVEL_LABELS[u.risk_level],
    u.credit_level,
    u.self_commitment ? '是' : '否',
    maskPersonName(u.contact_name),
    maskPhone(u.contact_phone),
  ]
    .map(cell)
    .join(',');
}
