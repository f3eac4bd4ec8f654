import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, type Role } from '@fep/domain';
import { type AccessDecision, type AccessUser, access, loginPathFor, type RouteAccess } from './access.ts';
import { ADMIN_LAYOUT, menuOf, ROUTES } from './routes.ts';

function user(role: Role): AccessUser {
  return { kind: role === 'applicant' ? 'applicant' : 'staff', permissions: [...ROLE_PERMISSIONS[role]] };
}
const byPath = (path: string) => {
  const r = ROUTES.find((x) => x.path === path);
  assert.ok(r, `no route ${path}`);
  return r;
};

/** The rule itself: every kind of requirement against signed out, business and staff users. */
describe('access(user, route) decides route access and menu visibility', () => {
  const table: Array<[string, AccessUser | null, RouteAccess, AccessDecision]> = [
    ['a public page opens signed out', null, 'public', 'allow'],
    ['a public page opens for staff', user('clerk'), 'public', 'allow'],
    ['signed out, an authenticated page sends to login', null, 'authenticated', 'login'],
    ['a business opens an authenticated page', user('applicant'), 'authenticated', 'allow'],
    ['signed out, a staff page sends to login (not 无权访问)', null, { kind: 'staff' }, 'login'],
    ['a business on a staff page sees 无权访问', user('applicant'), { kind: 'staff' }, 'forbidden'],
    ['staff on a business page sees 无权访问', user('clerk'), { kind: 'applicant' }, 'forbidden'],
    ['a clerk holds unit:unit:read', user('clerk'), { kind: 'staff', permission: 'unit:unit:read' }, 'allow'],
    ['a clerk lacks licensing:application:decide', user('clerk'), { kind: 'staff', permission: 'licensing:application:decide' }, 'forbidden'],
    ['an approver holds licensing:application:decide', user('approver'), { kind: 'staff', permission: 'licensing:application:decide' }, 'allow'],
    [
      'a business with the permission but the wrong kind is refused',
      user('applicant'),
      { kind: 'staff', permission: 'licensing:application:read' },
      'forbidden',
    ],
    ['a business submits applications', user('applicant'), { kind: 'applicant', permission: 'licensing:application:submit' }, 'allow'],
    [
      'a business without the permission is refused',
      { kind: 'applicant', permissions: [] },
      { kind: 'applicant', permission: 'licensing:application:submit' },
      'forbidden',
    ],
    ['a staff user with no permissions still opens a plain staff page', { kind: 'staff', permissions: [] }, { kind: 'staff' }, 'allow'],
  ];
  for (const [name, u, need, expected] of table) it(name, () => assert.equal(access(u, { access: need }), expected));

  it('signed-out users go to the login of the route audience', () => {
    assert.equal(loginPathFor({ access: { kind: 'staff', permission: 'unit:unit:read' } }), '/admin/login');
    assert.equal(loginPathFor({ access: { kind: 'applicant' } }), '/login');
    assert.equal(loginPathFor({ access: 'authenticated' }), '/login');
  });
});

describe('the routes list (DESIGN §4: the API guard and the web routes share the permission strings)', () => {
  it('names only permissions the domain defines (the API guard checks the same strings)', () => {
    for (const r of ROUTES) {
      if (typeof r.access === 'object' && r.access.permission) assert.ok(r.access.permission in PERMISSIONS, `${r.path}: ${r.access.permission}`);
    }
  });
  it('has one entry per path, and every back-office page needs a staff user', () => {
    assert.equal(new Set(ROUTES.map((r) => r.path)).size, ROUTES.length);
    for (const r of ROUTES.filter((x) => x.layout === 'admin')) {
      assert.ok(r.path === '/admin' || r.path.startsWith('/admin/'), r.path);
      assert.ok(typeof r.access === 'object' && r.access.kind === 'staff', r.path);
    }
    assert.deepEqual(ADMIN_LAYOUT.access, { kind: 'staff' });
    assert.equal(access(user('applicant'), ADMIN_LAYOUT), 'forbidden');
  });
  it('keeps the portal home, login pages and public registers public', () => {
    for (const p of ['/', '/login', '/admin/login', '/check', '/plans', '/plans/:id', '/register', '/verify', '/verify/:code']) {
      assert.equal(byPath(p).access, 'public', p);
    }
  });

  const visible = (role: Role | null, area: 'admin' | 'portal') =>
    menuOf(area)
      .filter((r) => access(role ? user(role) : null, r) === 'allow')
      .map((r) => r.menu.label);
  const menus: Array<[string, Role | null, 'admin' | 'portal', string[]]> = [
    [
      'signed out, the portal shows the public services only',
      null,
      'portal',
      ['免检查询', '双随机公示', '许可公示', '处罚公示', '证照核验', '办件查询', '执法监督'],
    ],
    [
      'a business also sees its applications and orders',
      'applicant',
      'portal',
      [
        '免检查询',
        '我的办件',
        '整改通知',
        '行政处罚',
        '信用信息',
        '临时查封',
        '火灾事故',
        '双随机公示',
        '许可公示',
        '处罚公示',
        '证照核验',
        '办件查询',
        '执法监督',
      ],
    ],
    [
      'staff do not see the business pages in the portal',
      'clerk',
      'portal',
      ['免检查询', '双随机公示', '许可公示', '处罚公示', '证照核验', '办件查询', '执法监督'],
    ],
    ['a business sees no back-office menu', 'applicant', 'admin', []],
    [
      'a clerk sees every back-office menu of the staff base',
      'clerk',
      'admin',
      [
        '工作台首页',
        '我的时限',
        '许可办件',
        '检查任务',
        '许可证',
        '双随机抽查',
        '隐患整改',
        '行政处罚',
        '信用与风险',
        '信用修复与异议',
        '严重失信名单',
        '技术服务机构',
        '消防产品抽查',
        '远程监控报警',
        '火灾事故调查',
        '责任调查评估',
        '临时查封',
        '执法人员',
        '干预插手记录',
        '举报投诉',
        '差评整改',
        '政府信息公开',
        '注册工程师注册',
        '在线培训',
        '单位预约',
        '专家指导',
        '社会单位',
        '政策参数',
        '工作日历',
      ],
    ],
    [
      'a leader also sees the oversight pages (OVS-02, OVS-03)',
      'leader',
      'admin',
      [
        '工作台首页',
        // MON-02: the leaders' dashboard and map.
        '领导驾驶舱',
        '一张图',
        '我的时限',
        '许可办件',
        '检查任务',
        '许可证',
        '双随机抽查',
        '隐患整改',
        '行政处罚',
        '执法监督预警',
        '信用与风险',
        '信用修复与异议',
        '严重失信名单',
        '技术服务机构',
        '消防产品抽查',
        '远程监控报警',
        '火灾事故调查',
        '责任调查评估',
        '临时查封',
        '执法人员',
        '干预插手记录',
        '举报投诉',
        '差评整改',
        '政府信息公开',
        '注册工程师注册',
        '在线培训',
        '单位预约',
        '专家指导',
        '执法投诉',
        '案卷评查',
        '执法档案',
        '社会单位',
        '政策参数',
        '工作日历',
        '安全事件',
      ],
    ],
  ];
  for (const [name, role, area, labels] of menus) it(name, () => assert.deepEqual(visible(role, area), labels));

  it('a staff user without a permission loses exactly the menu entries and pages that need it', () => {
    const without = (p: Permission): AccessUser => ({ kind: 'staff', permissions: ROLE_PERMISSIONS.clerk.filter((x) => x !== p) });
    const u = without('unit:unit:read');
    const labels = menuOf('admin')
      .filter((r) => access(u, r) === 'allow')
      .map((r) => r.menu.label);
    assert.ok(!labels.includes('社会单位'));
    assert.equal(labels.length, 28);
    assert.equal(access(u, byPath('/admin/units')), 'forbidden');
  });
});
