/**
 * Roles and permissions (`module:resource:action`). The same strings guard API routes and web menus.
 * Staff roles act for one agency; applicants are businesses acting for themselves.
 */
export const STAFF_ROLES = ['clerk', 'inspector', 'legal_reviewer', 'approver', 'leader', 'admin'] as const;
export const ROLES = [...STAFF_ROLES, 'applicant'] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '窗口工作人员',
  inspector: '监督检查员',
  legal_reviewer: '法制审核员',
  approver: '审批人',
  leader: '单位负责人',
  admin: '系统管理员',
  applicant: '申请人（企业）',
};

export const PERMISSIONS = {
  'org:agency:read': '查看机构',
  'iam:user:read': '查看用户',
  'iam:user:manage': '管理用户',
  'policy:policy:read': '查看政策参数',
  'policy:policy:manage': '新增政策参数版本',
  'calendar:day:manage': '维护工作日历',
  'clock:clock:read': '查看办理时限',
  'clock:clock:create': '登记办理时限',
  'clock:clock:pause': '暂停/恢复时限（补正）',
  'clock:clock:extend': '批准延长时限',
  'audit:event:read': '查看执法记录',
  'audit:timeline:read': '查看办件流转记录',
  'audit:chain:verify': '核验执法记录链',
  'audit:security:read': '查看安全事件（越权访问记录）',
  'unit:unit:read': '查看社会单位',
  'unit:unit:create': '登记社会单位',
  'unit:unit:import': '批量导入社会单位',
  'file:file:upload': '上传文件',
  'file:file:read': '查看文件',
  'portal:self:read': '查看本单位信息',
  'licensing:application:submit': '申请营业前消防安全检查',
  'licensing:application:read': '查看许可申请',
  'licensing:application:intake': '受理许可申请（受理、一次性告知、不予受理）',
  'licensing:inspection:assign': '指派检查人员、预约检查',
  'licensing:inspection:record': '录入现场检查和核查结果',
  'licensing:application:review': '法制审核',
  'licensing:application:decide': '作出许可决定',
  'licensing:licence:read': '查看许可证',
  'licensing:licence:manage': '办理变更、补发、送达',
  'licensing:licence:revoke': '撤销许可',
  'supervision:plan:read': '查看抽查计划',
  'supervision:plan:manage': '制定、公布抽查计划并抽取',
  'supervision:task:create': '登记非随机检查任务（举报、上级交办、严重失信）',
  'supervision:inspection:record': '录入监督检查记录、隐患和整改通知',
  'supervision:order:manage': '审批延期、复查结论、移送执法',
  'supervision:conflict:declare': '申报回避事项',
  'portal:order:respond': '申请整改延期、报告整改完成',
  'portal:seal:request': '申请进入查封部位整改、解除查封、复查、恢复使用',
  'portal:penalty:pay': '在线缴纳本单位的罚款',
  'enforcement:discretion:propose': '查询处罚裁量建议',
  'enforcement:case:read': '查看行政处罚案件',
  'enforcement:case:handle': '办理行政处罚案件（立案申请、调查取证、告知、听证、送达）',
  'enforcement:case:review': '法制审核行政处罚案件',
  'enforcement:case:decide': '审批立案、作出和撤销行政处罚决定',
  'enforcement:payment:record': '登记罚款缴纳',
  'credit:record:read': '查看信用记录、信用等级和风险',
  'market:organisation:read': '查看消防技术服务机构名录',
  'market:organisation:manage': '登记、核查消防技术服务机构从业条件',
  'market:sanction:decide': '记录消防技术服务机构违法行为，决定责令停止执业、吊销或市场禁入',
  'products:check:read': '查看消防产品抽查计划、结果和移送情况',
  'products:plan:manage': '制定、公布消防产品抽查计划并抽取',
  'products:result:record': '录入消防产品抽查结果、登记移送市场监管部门情况',
  'credit:request:decide': '办理信用修复和异议申请',
  'credit:commendation:record': '登记单位受到的表彰、奖励（守信激励）',
  'portal:credit:request': '申请信用修复、提出异议',
  'oversight:alert:read': '查看执法监督预警',
  'oversight:interference:record': '登记干预、插手案件情况',
  'oversight:interference:read': '查阅干预、插手案件记录和月报',
  'oversight:complaint:handle': '受理、办理对执法人员的投诉举报',
  'oversight:review:record': '案卷评查评分',
  'oversight:officer:read': '查阅执法人员执法档案和评查结果',
  'oversight:training:record': '登记执法人员培训记录',
  'complaints:complaint:read': '查看举报投诉（不含举报人身份）',
  'complaints:complaint:intake': '受理举报投诉（登记来电来访、确认类别、移交、并案、派员核查、认定、答复、回访）',
  'complaints:reporter:read': '查看举报人身份（仅受理岗，每次查看均记录）',
  'complaints:reward:decide': '决定举报奖励、登记奖金发放',
  'complaints:partner:manage': '签发 12345 工单接口和 Open311 接口密钥',
  'monitoring:alarm:read': '查看远程监控报警（火警、故障、监管报警）',
  'monitoring:alarm:receive': '接收远程监控火警通知（值班）',
  'monitoring:device:manage': '登记远程监控设备（联网单位的用户信息传输装置等）',
  'monitoring:dead_letter:read': '查看无法处理的远程监控报文（死信）',
  'system:event:manage': '查看和重新投递跨模块事件',
  'system:clock:manage': '调整演示时钟',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const STAFF_BASE: Permission[] = [
  'org:agency:read',
  // 流转记录: who did what on a file, for the staff who handle it (the full record with digests is audit:event:read).
  'audit:timeline:read',
  'policy:policy:read',
  'clock:clock:read',
  'unit:unit:read',
  'file:file:upload',
  'file:file:read',
  'licensing:application:read',
  'licensing:licence:read',
  'supervision:plan:read',
  'enforcement:discretion:propose',
  'enforcement:case:read',
  'credit:record:read',
  'market:organisation:read',
  'products:check:read',
  // ENF-08: whoever is approached about a case records it (seed 001 §13), whatever their role.
  'oversight:interference:record',
  // CMP-03: the queue and the file of reports, without the reporter's identity (CMP-04).
  'complaints:complaint:read',
  // MON-01: the remote-monitoring alarms of the units in the agency's area.
  'monitoring:alarm:read',
];

/**
 * Internal enforcement oversight (OVS-02, OVS-03, ENF-08) rests with the legal affairs staff (法制员: 以法制审核为
 * 中心的内部执法监督机制, seed 001 §13) and the agency's leadership.
 */
const OVERSIGHT: Permission[] = [
  'oversight:interference:read',
  'oversight:complaint:handle',
  'oversight:review:record',
  'oversight:officer:read',
  'oversight:training:record',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  clerk: [
    ...STAFF_BASE,
    'unit:unit:create',
    'clock:clock:create',
    'clock:clock:pause',
    'licensing:application:intake',
    'licensing:inspection:assign',
    'licensing:licence:manage',
    'enforcement:payment:record',
    'supervision:task:create',
    'unit:unit:import',
    // CMP-01/CMP-04: the intake desk (受理岗) records calls and visits and alone sees who reported.
    'complaints:complaint:intake',
    'complaints:reporter:read',
  ],
  inspector: [
    ...STAFF_BASE,
    'unit:unit:create',
    'clock:clock:create',
    'licensing:inspection:record',
    'supervision:task:create',
    'supervision:inspection:record',
    'supervision:conflict:declare',
    'enforcement:case:handle',
    'market:organisation:manage',
    'products:result:record',
    // MON-01: fire alarms of remote monitoring reach the inspectors and the head of the unit's agency at once.
    'monitoring:alarm:receive',
  ],
  legal_reviewer: [...STAFF_BASE, ...OVERSIGHT, 'audit:event:read', 'licensing:application:review', 'enforcement:case:review', 'oversight:alert:read'],
  approver: [
    ...STAFF_BASE,
    'clock:clock:extend',
    'clock:clock:pause',
    'audit:event:read',
    'licensing:application:decide',
    'licensing:licence:revoke',
    'supervision:order:manage',
    'enforcement:case:decide',
    'credit:request:decide',
    'credit:commendation:record',
    'oversight:alert:read',
    'complaints:reward:decide',
    'market:sanction:decide',
  ],
  leader: [
    ...STAFF_BASE,
    ...OVERSIGHT,
    'clock:clock:extend',
    'audit:event:read',
    'audit:chain:verify',
    // 等保 8.1.4.3: the head of an agency reviews the refused attempts of its staff.
    'audit:security:read',
    'iam:user:read',
    'licensing:inspection:assign',
    'supervision:plan:manage',
    'supervision:task:create',
    'supervision:order:manage',
    'enforcement:case:decide',
    'credit:request:decide',
    'credit:commendation:record',
    'market:organisation:manage',
    'market:sanction:decide',
    'products:plan:manage',
    'products:result:record',
    'oversight:alert:read',
    'monitoring:alarm:receive',
  ],
  admin: [
    'org:agency:read',
    'policy:policy:read',
    'policy:policy:manage',
    'calendar:day:manage',
    'iam:user:read',
    'iam:user:manage',
    'audit:event:read',
    'audit:timeline:read',
    'audit:chain:verify',
    'audit:security:read',
    'clock:clock:read',
    'system:event:manage',
    'system:clock:manage',
    'complaints:partner:manage',
    // MON-01: the monitoring devices of units and the messages that could not be processed.
    'monitoring:device:manage',
    'monitoring:dead_letter:read',
    'file:file:upload',
    'file:file:read',
    'unit:unit:read',
  ],
  applicant: [
    'portal:self:read',
    'file:file:upload',
    'file:file:read',
    'licensing:application:submit',
    'licensing:application:read',
    'licensing:licence:read',
    'portal:order:respond',
    'portal:seal:request',
    'portal:penalty:pay',
    'credit:record:read',
    'portal:credit:request',
  ],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []))].sort();
}
