import { checkExemption, checkMaterials, type LicensingPath, missingMaterials, refusedPending, type VenueKind } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable } from '../../db/schema.ts';
import { unsupportedChars } from '../../platform/documents/font.ts';
import { AppError } from '../../platform/errors.ts';
import { APPOINTMENT, COMMITMENT, MATERIALS } from './licensing.columns.ts';
import { commitmentOffered, type LicensingPolicy } from './licensing.policy.ts';

/** What an applicant fills in (LIC-01). The USCI is the account's own, never typed. */
export interface ApplicationInput {
  regionCode: string;
  venueKind: VenueKind;
  floorArea: number;
  investment?: number | null;
  companyName: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  venueName: string;
  venueAddress: string;
  path: LicensingPath;
  materials: Record<string, string[]>;
  commitment?: { signerName: string; accepted: boolean } | null;
  appointmentPreference?: { date: string; period: 'morning' | 'afternoon' | 'evening' | 'weekend'; note?: string } | null;
  applyDespiteExemption?: boolean;
}

/** Checks that do not depend on the state of the application: path offered, materials of the guide, renderable names. */
export async function checkInput(db: Executor, userId: string, input: ApplicationInput, policy: LicensingPolicy): Promise<void> {
  if (input.path === 'commitment' && !commitmentOffered(policy)) {
    throw new AppError('LICENSING.PATH_NOT_OFFERED', '本地尚未实行告知承诺制，请选择现场检查方式办理', { field: 'path' });
  }
  const problems = checkMaterials(policy.materials, input.path, input.materials);
  if (problems.length) throw new AppError('LICENSING.MATERIAL_NOT_IN_GUIDE', problems.map((p) => p.message).join('；'), { problems });
  const fileIds = [...new Set(Object.values(input.materials).flat())];
  if (fileIds.length) {
    const own = await db.selectFrom('files').select('id').where('id', 'in', fileIds).where('uploaded_by', '=', userId).execute();
    const missing = fileIds.filter((id) => !own.some((f) => f.id === id));
    if (missing.length)
      throw new AppError('LICENSING.INVALID_APPLICATION', '所附文件不存在或不是本账号上传的，请重新上传', { field: 'materials', files: missing });
  }
  const text = [input.companyName, input.legalRepresentative, input.venueName, input.venueAddress].join('');
  const bad = unsupportedChars(text);
  if (bad.length) {
    throw new AppError('DOCUMENT.UNSUPPORTED_CHARACTERS', `名称或地址中含有电子证照无法显示的字符：${bad.join('、')}，请改用规范汉字或到窗口办理`, {
      characters: bad,
    });
  }
}

/** Checks made when the application is submitted: not exempt (unless asked), materials complete or allowed later, commitment signed. */
export function checkSubmittable(input: ApplicationInput, policy: LicensingPolicy): { exemption: ReturnType<typeof checkExemption> } {
  const exemption = checkExemption(policy.exemption, { venueKind: input.venueKind, floorArea: input.floorArea, investment: input.investment ?? null });
  if (exemption.exempt && !input.applyDespiteExemption) {
    throw new AppError('LICENSING.EXEMPT', `${exemption.reasons.at(-1)}。如仍需办理，请确认后再提交`, { exemption });
  }
  const missing = missingMaterials(policy.materials, input.path, input.materials);
  const refused = refusedPending(
    policy.pending,
    policy.materials,
    missing.map((m) => m.code),
  );
  if (refused.length) {
    const names = missing.filter((m) => refused.includes(m.code)).map((m) => `“${m.name}”`);
    throw new AppError('LICENSING.MATERIALS_MISSING', `请上传以下材料后再提交：${names.join('、')}`, { missing: refused });
  }
  if (input.path === 'commitment' && !(input.commitment?.accepted && input.commitment.signerName.trim())) {
    throw new AppError('LICENSING.COMMITMENT_NOT_SIGNED', '告知承诺方式须阅读并签署告知承诺书', { field: 'commitment' });
  }
  return { exemption };
}

/** The columns an applicant's input sets (trimmed), shared by creation and editing. */
export function inputColumns(input: ApplicationInput) {
  return {
    company_name: input.companyName.trim(),
    legal_representative: input.legalRepresentative.trim(),
    contact_name: input.contactName.trim(),
    contact_phone: input.contactPhone,
    venue_name: input.venueName.trim(),
    venue_address: input.venueAddress.trim(),
    venue_kind: input.venueKind,
    floor_area: input.floorArea,
    investment: input.investment ?? null,
    path: input.path,
    materials_json: MATERIALS.encode(input.materials),
  };
}

/** The applicant's input as stored on the application. */
export function inputOf(row: ApplicationTable): ApplicationInput {
  return {
    regionCode: row.region_code,
    venueKind: row.venue_kind as ApplicationInput['venueKind'],
    floorArea: row.floor_area,
    investment: row.investment,
    companyName: row.company_name,
    legalRepresentative: row.legal_representative,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    path: row.path,
    materials: MATERIALS.decode(row.materials_json) ?? {},
    commitment: COMMITMENT.decode(row.commitment_json),
    appointmentPreference: APPOINTMENT.decode(row.appointment_json),
  };
}
