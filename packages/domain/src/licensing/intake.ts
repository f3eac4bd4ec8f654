import type { MaterialDef, MaterialsPolicy, PendingDocumentsPolicy } from '../policy/kinds.ts';
import type { LicensingPath } from './application.ts';

/**
 * Intake rules: what an application must carry (the service guide in force is the only source —
 * SVC-01), which missing documents may be accepted as pending (容缺, LIC-05) and the one-time notice
 * (一次性告知, LIC-06): the first notice lists every defect; a later one may only repeat items of it.
 */
export const APPLICATION_FIELDS = {
  companyName: '单位名称',
  legalRepresentative: '法定代表人',
  venueName: '场所名称',
  venueAddress: '场所地址',
  regionCode: '所在行政区划',
  venueKind: '场所类别',
  floorArea: '建筑面积',
  investment: '工程投资额',
  contactName: '联系人',
  contactPhone: '联系电话',
} as const;
export type ApplicationField = keyof typeof APPLICATION_FIELDS;

/** Materials of the guide that apply to a path. */
export function materialsFor(policy: MaterialsPolicy, path: LicensingPath): MaterialDef[] {
  return policy.materials.filter((m) => m.paths.includes(path));
}

export interface MaterialProblem {
  code: string;
  problem: 'not_in_guide' | 'missing' | 'not_uploadable';
  message: string;
}

/**
 * Checks the uploaded materials of a submission against the guide: nothing may be attached that the
 * guide does not list (or that is obtained by data sharing), and every required upload must be there
 * unless it is accepted as pending later by the clerk.
 */
export function checkMaterials(policy: MaterialsPolicy, path: LicensingPath, uploaded: Record<string, readonly string[]>): MaterialProblem[] {
  const problems: MaterialProblem[] = [];
  const defs = materialsFor(policy, path);
  for (const code of Object.keys(uploaded)) {
    const def = defs.find((m) => m.code === code);
    if (!def) problems.push({ code, problem: 'not_in_guide', message: `材料“${code}”不在现行办事指南所列材料中，不能要求或提交` });
    else if (def.source !== 'upload') problems.push({ code, problem: 'not_uploadable', message: `“${def.name}”通过数据共享或在线签署取得，无需上传` });
  }
  return problems;
}

/** Required uploads that are still missing. */
export function missingMaterials(policy: MaterialsPolicy, path: LicensingPath, uploaded: Record<string, readonly string[]>): MaterialDef[] {
  return materialsFor(policy, path).filter((m) => m.source === 'upload' && m.required && !uploaded[m.code]?.length);
}

/** LIC-05: may these documents be accepted as pending under the region's policy? Returns the refused codes. */
export function refusedPending(policy: PendingDocumentsPolicy, guide: MaterialsPolicy, codes: readonly string[]): string[] {
  const inGuide = new Set(guide.materials.filter((m) => m.source === 'upload').map((m) => m.code));
  return codes.filter((c) => {
    if (!inGuide.has(c)) return true;
    if (policy.mode === 'none') return true;
    if (policy.mode === 'listed') return !policy.documents.includes(c);
    return false;
  });
}

/** An item of a one-time notice: a material or a field, and what is wrong with it. */
export interface NoticeItem {
  target: `material:${string}` | `field:${string}`;
  reason: string;
}

export interface NoticeProblem {
  target: string;
  problem: 'unknown_target' | 'not_in_first_notice' | 'duplicate';
  message: string;
}

/**
 * LIC-06. A notice may name only materials of the guide and fields of the form. After the first
 * notice, any further notice may name only what the first one named: the applicant is told
 * everything once, and never asked for something new.
 */
export function checkNotice(items: readonly NoticeItem[], guide: MaterialsPolicy, firstNotice: readonly NoticeItem[] | null): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const seen = new Set<string>();
  const codes = new Set(guide.materials.map((m) => m.code));
  const first = firstNotice ? new Set(firstNotice.map((i) => i.target)) : null;
  for (const item of items) {
    if (seen.has(item.target)) problems.push({ target: item.target, problem: 'duplicate', message: `“${item.target}”重复列出` });
    seen.add(item.target);
    const [kind, name] = item.target.split(':') as [string, string];
    const known = kind === 'material' ? codes.has(name) : kind === 'field' ? name in APPLICATION_FIELDS : false;
    if (!known) {
      problems.push({ target: item.target, problem: 'unknown_target', message: `“${item.target}”不是办事指南所列材料或申请表中的事项` });
      continue;
    }
    if (first && !first.has(item.target)) {
      problems.push({
        target: item.target,
        problem: 'not_in_first_notice',
        message: `${targetLabel(item.target, guide)}未在首次一次性告知中列出，不得再次要求申请人补正`,
      });
    }
  }
  return problems;
}

export function targetLabel(target: string, guide: MaterialsPolicy): string {
  const [kind, name] = target.split(':') as [string, string];
  if (kind === 'material') return `“${guide.materials.find((m) => m.code === name)?.name ?? name}”`;
  return `“${APPLICATION_FIELDS[name as ApplicationField] ?? name}”`;
}

/**
 * LIC-08: an amendment without substantive review covers only the venue's name, the holder's name and
 * the legal representative. Any change of use, area, finishing materials or fire systems needs a new
 * application. Returns the fields that take the request off the amendment route.
 */
export const AMENDABLE_FIELDS = ['companyName', 'venueName', 'legalRepresentative'] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];
export const SUBSTANTIVE_CHANGES = {
  venueKind: '使用性质',
  floorArea: '建筑面积',
  venueAddress: '场所地址',
  finishingMaterials: '内部装修材料',
  fireSystems: '消防设施',
} as const;

export function substantiveChanges(changes: Record<string, unknown>): string[] {
  return Object.keys(changes).filter((k) => !(AMENDABLE_FIELDS as readonly string[]).includes(k));
}
