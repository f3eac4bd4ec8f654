/**
 * Practice of fire technical service organisations and their registered fire engineers (MKT-01): who may sign a
 * maintenance, test or assessment report, when a ban (责令停止执业 / 吊销 / 市场禁入, 消防法第六十九条) is in force,
 * the engineer counts the practice conditions read from the register, and the credit subject key of a person.
 * Pure rules; dates are China calendar days `YYYY-MM-DD`.
 */

export const ENGINEER_CLASSES = ['first', 'second'] as const;
export type EngineerClass = (typeof ENGINEER_CLASSES)[number];
export const ENGINEER_STATUSES = ['practising', 'suspended', 'left'] as const;
export type EngineerStatus = (typeof ENGINEER_STATUSES)[number];
export const SERVICE_REPORT_KINDS = ['maintenance', 'testing', 'assessment'] as const;
export type ServiceReportKind = (typeof SERVICE_REPORT_KINDS)[number];
export const SERVICE_REPORT_CONCLUSIONS = ['qualified', 'unqualified', 'rectify'] as const;
export type ServiceReportConclusion = (typeof SERVICE_REPORT_CONCLUSIONS)[number];
/** 消防法第六十九条: ¶1 出具虚假文件, ¶2 出具失实文件 (the credit record kinds of the same names). */
export const ART69_VIOLATION_KINDS = ['false_document', 'inaccurate_document'] as const;
export type Art69ViolationKind = (typeof ART69_VIOLATION_KINDS)[number];
export const BAN_MEASURES = ['suspension', 'revocation', 'market_ban'] as const;
export type BanMeasure = (typeof BAN_MEASURES)[number];
export const BAN_SUBJECTS = ['organisation', 'engineer'] as const;
export type BanSubject = (typeof BAN_SUBJECTS)[number];

export interface BanFacts {
  startsOn: string;
  /** Null: permanent (吊销 without a term, 终身市场禁入). */
  endsOn: string | null;
}

/** Whether a ban is in force on a day: from its first day to its last day inclusive; a permanent one from its first day on. */
export function banActiveOn(ban: BanFacts, on: string): boolean {
  return ban.startsOn <= on && (ban.endsOn === null || on <= ban.endsOn);
}

/** The ban in force on a day with the latest end (a permanent one before any term), or null. */
export function activeBan<B extends BanFacts>(bans: readonly B[], on: string): B | null {
  const active = bans.filter((b) => banActiveOn(b, on));
  active.sort((a, b) => (a.endsOn === null ? -1 : b.endsOn === null ? 1 : b.endsOn.localeCompare(a.endsOn)));
  return active[0] ?? null;
}

/** A term ban names its last day on or after its first; a 市场禁入 (lifetime) has none. */
export function banPeriodProblem(measure: BanMeasure, startsOn: string, endsOn: string | null): 'ends_before_start' | 'market_ban_has_no_end' | null {
  if (endsOn !== null && endsOn < startsOn) return 'ends_before_start';
  if (measure === 'market_ban' && endsOn !== null) return 'market_ban_has_no_end';
  return null;
}

export interface EngineerFacts {
  organisationId: string;
  status: EngineerStatus;
}

export type SigningRefusal = 'not_registered' | 'other_organisation' | 'not_practising' | 'engineer_banned' | 'organisation_banned';

/**
 * Whether a registered engineer may sign a report of an organisation on a day (MKT-01): the engineer is on the
 * register, of that organisation, practising, and neither the engineer nor the organisation is under a ban in
 * force that day. The first reason that fails, or null.
 */
export function signingRefusal(input: {
  organisationId: string;
  engineer: EngineerFacts | null;
  engineerBans: readonly BanFacts[];
  organisationBans: readonly BanFacts[];
  on: string;
}): SigningRefusal | null {
  if (activeBan(input.organisationBans, input.on)) return 'organisation_banned';
  if (!input.engineer) return 'not_registered';
  if (input.engineer.organisationId !== input.organisationId) return 'other_organisation';
  if (input.engineer.status !== 'practising') return 'not_practising';
  if (activeBan(input.engineerBans, input.on)) return 'engineer_banned';
  return null;
}

/**
 * The registered engineers the practice conditions count (应急管理部令第7号 art. 5): practising and not banned on
 * the day, by class.
 */
export function engineerCounts(engineers: readonly { class: EngineerClass; status: EngineerStatus; bans: readonly BanFacts[] }[], on: string) {
  const counted = engineers.filter((e) => e.status === 'practising' && !activeBan(e.bans, on));
  return {
    firstClassEngineers: counted.filter((e) => e.class === 'first').length,
    secondClassEngineers: counted.filter((e) => e.class === 'second').length,
  };
}

/** Prefix of a person's credit subject key; a USCI never holds lower-case letters or a colon. */
export const PERSON_SUBJECT_PREFIX = 'person:';

/**
 * The credit subject key of a registered fire engineer (CRD-01 persons): derived from the certificate number by
 * a one-way hash, so credit tables hold no personal number; the same certificate gives the same key wherever
 * the engineer practises. `hash` is SM3 hex in the API.
 */
export function personSubjectKey(certificateNo: string, hash: (s: string) => string): string {
  return `${PERSON_SUBJECT_PREFIX}${hash(`注册消防工程师|${certificateNo.trim().toUpperCase()}`).slice(0, 32)}`;
}

export function isPersonSubject(key: string): boolean {
  return key.startsWith(PERSON_SUBJECT_PREFIX);
}

export const ENGINEER_CLASS_LABELS: Record<EngineerClass, string> = { first: '一级注册消防工程师', second: '二级注册消防工程师' };
export const ENGINEER_STATUS_LABELS: Record<EngineerStatus, string> = { practising: '执业', suspended: '暂停执业', left: '已离职（注销执业）' };
export const SERVICE_REPORT_KIND_LABELS: Record<ServiceReportKind, string> = {
  maintenance: '维护保养报告',
  testing: '检测报告',
  assessment: '消防安全评估报告',
};
export const SERVICE_REPORT_CONCLUSION_LABELS: Record<ServiceReportConclusion, string> = {
  qualified: '合格',
  unqualified: '不合格',
  rectify: '需整改',
};
export const ART69_VIOLATION_LABELS: Record<Art69ViolationKind, string> = {
  false_document: '出具虚假文件（消防法第六十九条第一款）',
  inaccurate_document: '出具失实文件（消防法第六十九条第二款）',
};
export const BAN_MEASURE_LABELS: Record<BanMeasure, string> = { suspension: '责令停止执业', revocation: '吊销资格', market_ban: '终身市场禁入' };
export const BAN_SUBJECT_LABELS: Record<BanSubject, string> = { organisation: '机构', engineer: '注册消防工程师' };
export const SIGNING_REFUSAL_LABELS: Record<SigningRefusal, string> = {
  not_registered: '签字人不是已登记的注册消防工程师',
  other_organisation: '签字人不是本机构登记的注册消防工程师',
  not_practising: '签字的注册消防工程师不在执业状态',
  engineer_banned: '签字的注册消防工程师正被责令停止执业或禁入，不能签署报告',
  organisation_banned: '该机构正被责令停止执业、吊销或禁入，不能出具报告',
};
