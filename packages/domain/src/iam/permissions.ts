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
  'audit:chain:verify': '核验执法记录链',
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
  'system:event:manage': '查看和重新投递跨模块事件',
  'system:clock:manage': '调整演示时钟',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const STAFF_BASE: Permission[] = [
  'org:agency:read',
  'policy:policy:read',
  'clock:clock:read',
  'unit:unit:read',
  'file:file:upload',
  'file:file:read',
  'licensing:application:read',
  'licensing:licence:read',
  'supervision:plan:read',
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
    'supervision:task:create',
    'unit:unit:import',
  ],
  inspector: [
    ...STAFF_BASE,
    'unit:unit:create',
    'clock:clock:create',
    'licensing:inspection:record',
    'supervision:task:create',
    'supervision:inspection:record',
    'supervision:conflict:declare',
  ],
  legal_reviewer: [...STAFF_BASE, 'audit:event:read', 'licensing:application:review'],
  approver: [
    ...STAFF_BASE,
    'clock:clock:extend',
    'clock:clock:pause',
    'audit:event:read',
    'licensing:application:decide',
    'licensing:licence:revoke',
    'supervision:order:manage',
  ],
  leader: [
    ...STAFF_BASE,
    'clock:clock:extend',
    'audit:event:read',
    'audit:chain:verify',
    'iam:user:read',
    'licensing:inspection:assign',
    'supervision:plan:manage',
    'supervision:task:create',
    'supervision:order:manage',
  ],
  admin: [
    'org:agency:read',
    'policy:policy:read',
    'policy:policy:manage',
    'calendar:day:manage',
    'iam:user:read',
    'iam:user:manage',
    'audit:event:read',
    'audit:chain:verify',
    'clock:clock:read',
    'system:event:manage',
    'system:clock:manage',
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
  ],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []))].sort();
}
