/**
 * LIC-12: registration of a 注册消防工程师 by written commitment (告知承诺), fully online; on approval a
 * certificate number is issued and the certificate and seal are sent by courier.
 */
export const ENGINEER_REGISTRATION_STATUSES = ['pending', 'approved', 'refused', 'dispatched'] as const;
export type EngineerRegistrationStatus = (typeof ENGINEER_REGISTRATION_STATUSES)[number];

export const ENGINEER_REGISTRATION_STATUS_LABELS: Record<EngineerRegistrationStatus, string> = {
  pending: '待审核',
  approved: '已准予注册，待寄递证书和印章',
  refused: '不予注册',
  dispatched: '证书和印章已寄出',
};

export const ENGINEER_LEVELS = ['first', 'second'] as const;
export type EngineerLevel = (typeof ENGINEER_LEVELS)[number];
export const ENGINEER_LEVEL_LABELS: Record<EngineerLevel, string> = { first: '一级注册消防工程师', second: '二级注册消防工程师' };

/** The commitment the applicant ticks; its text is stored with the application as signed. */
export const ENGINEER_COMMITMENT_TEXT =
  '本人承诺：所填信息和上传材料真实、准确、完整；本人符合注册消防工程师注册条件，未同时在两个以上单位执业；如有虚假承诺，愿意承担撤销注册、记入信用记录等法律责任。';

/**
 * The decision clock. 注册消防工程师管理规定（公安部令第143号）sets the registration review time; with the
 * 告知承诺 reform the decision is due within 20 working days of acceptance. The number and clause are 待确认
 * (to confirm against the text in force), so they are kept in one place here.
 */
export const ENGINEER_REGISTRATION_RULE = {
  decisionWorkingDays: 20,
  legalBasis: { document: '注册消防工程师管理规定（公安部令第143号）', clause: '注册审查期限（待确认）' },
} as const;
