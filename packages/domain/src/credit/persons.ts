import { PERSON_SUBJECT_PREFIX } from '../market/practice.ts';

/**
 * A unit's responsible persons as credit subjects (CRD-01). 《机关、团体、企业、事业单位消防安全管理规定》
 * (公安部令第61号) arts. 4–7: the unit's legal representative or principal is its 消防安全责任人 and may appoint a
 * 消防安全管理人; the fire-safety credit rule (应急消〔2020〕331号, as its local derivatives quote it) names both as
 * subjects of credit records. Which of a unit's records extend to them is the policy `credit.person_liability`.
 */
export const RESPONSIBLE_ROLES = ['responsible', 'manager'] as const;
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];
export const RESPONSIBLE_ROLE_LABELS: Record<ResponsibleRole, string> = { responsible: '消防安全责任人', manager: '消防安全管理人' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Whether an 18-character citizen ID number is well formed and its check character right (GB 11643-1999). */
export function residentIdValid(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11] === s[17];
}

/**
 * The credit subject key of a person by citizen ID number: a one-way hash (SM3 in the API), so credit tables and the
 * unit directory keep no ID number; the same person responsible for two units is one subject.
 */
export function residentSubjectKey(idNumber: string, hash: (s: string) => string): string {
  return `${PERSON_SUBJECT_PREFIX}${hash(`居民身份证|${idNumber.trim().toUpperCase()}`).slice(0, 32)}`;
}

export type PersonLiabilityPolicy = {
  /** The severities of a unit's records that are also recorded against its responsible persons. */
  severities: ('general' | 'serious')[];
  /** Which of the unit's responsible persons. */
  roles: ResponsibleRole[];
};

/** The roles a unit's record of this severity extends to under the policy. */
export function liableRoles(severity: 'general' | 'serious', policy: PersonLiabilityPolicy): ResponsibleRole[] {
  return policy.severities.includes(severity) ? RESPONSIBLE_ROLES.filter((r) => policy.roles.includes(r)) : [];
}
