/**
 * Every page of the web app as one data list (ant-design-pro's `routes`): its path, its lazily imported
 * page, its menu entry if it has one, and what it needs (see `access.ts`). `main.tsx` builds the router
 * from it and the back office and portal menus are filtered from it with the same `access` function, so a
 * menu never shows a page its user cannot open.
 */
import type { ComponentType } from 'react';
import type { RouteAccess } from './access.ts';

/** Icon names of the back-office menu (mapped to @ant-design/icons in AdminLayout). */
export type MenuIcon = 'dashboard' | 'clock' | 'application' | 'task' | 'licence' | 'plan' | 'order' | 'inspector' | 'unit' | 'policy' | 'calendar';

export interface AppRoute {
  path: string;
  /** Loads the page's module on first visit (React.lazy). */
  page: () => Promise<{ default: ComponentType }>;
  access: RouteAccess;
  /** `admin`: rendered inside the back-office layout (which itself needs a staff user). */
  layout?: 'admin';
  /** An entry of the back-office side menu or of the portal's header navigation. */
  menu?: { area: 'admin'; label: string; icon: MenuIcon } | { area: 'portal'; label: string };
  /** Title of the 无权访问 page for this route, when a more specific one helps. */
  forbiddenTitle?: string;
}

const STAFF = { kind: 'staff' } as const;
const APPLICANT = { kind: 'applicant' } as const;

export const ROUTES: AppRoute[] = [
  { path: '/', page: () => import('./pages/PortalHome.tsx').then((m) => ({ default: m.PortalHome })), access: 'public' },
  { path: '/login', page: () => import('./pages/LoginPage.tsx').then((m) => ({ default: m.ApplicantLoginPage })), access: 'public' },
  { path: '/admin/login', page: () => import('./pages/LoginPage.tsx').then((m) => ({ default: m.StaffLoginPage })), access: 'public' },
  {
    path: '/check',
    page: () => import('./pages/portal/ExemptionCheckPage.tsx').then((m) => ({ default: m.ExemptionCheckPage })),
    access: 'public',
    menu: { area: 'portal', label: '免检查询' },
  },
  {
    path: '/portal/applications',
    page: () => import('./pages/portal/MyApplicationsPage.tsx').then((m) => ({ default: m.MyApplicationsPage })),
    access: APPLICANT,
    menu: { area: 'portal', label: '我的办件' },
  },
  {
    path: '/portal/orders',
    page: () => import('./pages/portal/MyOrdersPage.tsx').then((m) => ({ default: m.MyOrdersPage })),
    access: APPLICANT,
    menu: { area: 'portal', label: '整改通知' },
  },
  {
    path: '/plans',
    page: () => import('./pages/portal/PublicPlansPage.tsx').then((m) => ({ default: m.PublicPlansPage })),
    access: 'public',
    menu: { area: 'portal', label: '双随机公示' },
  },
  { path: '/plans/:id', page: () => import('./pages/portal/PublicPlansPage.tsx').then((m) => ({ default: m.PublicPlansPage })), access: 'public' },
  {
    path: '/register',
    page: () => import('./pages/portal/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })),
    access: 'public',
    menu: { area: 'portal', label: '许可公示' },
  },
  {
    path: '/verify',
    page: () => import('./pages/portal/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })),
    access: 'public',
    menu: { area: 'portal', label: '证照核验' },
  },
  { path: '/verify/:code', page: () => import('./pages/portal/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })), access: 'public' },
  {
    path: '/portal/applications/new',
    page: () => import('./pages/portal/ApplicationFormPage.tsx').then((m) => ({ default: m.ApplicationFormPage })),
    access: { kind: 'applicant', permission: 'licensing:application:submit' },
  },
  {
    path: '/portal/applications/:id',
    page: () => import('./pages/portal/ApplicationDetailPage.tsx').then((m) => ({ default: m.ApplicationDetailPage })),
    access: APPLICANT,
  },
  {
    path: '/portal/applications/:id/edit',
    page: () => import('./pages/portal/ApplicationFormPage.tsx').then((m) => ({ default: m.ApplicationFormPage })),
    access: { kind: 'applicant', permission: 'licensing:application:submit' },
  },
  {
    path: '/field/tasks/:id',
    page: () => import('./pages/field/FieldInspectionPage.tsx').then((m) => ({ default: m.FieldInspectionPage })),
    access: STAFF,
  },
  {
    path: '/admin',
    page: () => import('./pages/AdminHome.tsx').then((m) => ({ default: m.AdminHome })),
    access: STAFF,
    layout: 'admin',
    menu: { area: 'admin', label: '工作台首页', icon: 'dashboard' },
  },
  {
    path: '/admin/clocks',
    page: () => import('./pages/ClocksPage.tsx').then((m) => ({ default: m.ClocksPage })),
    access: { kind: 'staff', permission: 'clock:clock:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '我的时限', icon: 'clock' },
  },
  {
    path: '/admin/applications',
    page: () => import('./pages/admin/ApplicationsPage.tsx').then((m) => ({ default: m.ApplicationsPage })),
    access: { kind: 'staff', permission: 'licensing:application:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '许可办件', icon: 'application' },
  },
  {
    path: '/admin/applications/:id',
    page: () => import('./pages/admin/ApplicationDetail.tsx').then((m) => ({ default: m.ApplicationDetail })),
    access: { kind: 'staff', permission: 'licensing:application:read' },
    layout: 'admin',
  },
  {
    path: '/admin/tasks',
    page: () => import('./pages/admin/TasksPage.tsx').then((m) => ({ default: m.TasksPage })),
    access: { kind: 'staff', permission: 'licensing:application:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '检查任务', icon: 'task' },
  },
  {
    path: '/admin/licences',
    page: () => import('./pages/admin/LicencesPage.tsx').then((m) => ({ default: m.LicencesPage })),
    access: { kind: 'staff', permission: 'licensing:licence:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '许可证', icon: 'licence' },
  },
  {
    path: '/admin/plans',
    page: () => import('./pages/admin/PlansPage.tsx').then((m) => ({ default: m.PlansPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '双随机抽查', icon: 'plan' },
  },
  {
    path: '/admin/orders',
    page: () => import('./pages/admin/OrdersPage.tsx').then((m) => ({ default: m.OrdersPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '隐患整改', icon: 'order' },
  },
  {
    path: '/admin/inspectors',
    page: () => import('./pages/admin/InspectorsPage.tsx').then((m) => ({ default: m.InspectorsPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '执法人员', icon: 'inspector' },
  },
  {
    path: '/admin/units',
    page: () => import('./pages/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })),
    access: { kind: 'staff', permission: 'unit:unit:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '社会单位', icon: 'unit' },
  },
  {
    path: '/admin/policies',
    page: () => import('./pages/PolicyPage.tsx').then((m) => ({ default: m.PolicyPage })),
    access: { kind: 'staff', permission: 'policy:policy:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '政策参数', icon: 'policy' },
  },
  {
    path: '/admin/calendar',
    page: () => import('./pages/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })),
    access: STAFF,
    layout: 'admin',
    menu: { area: 'admin', label: '工作日历', icon: 'calendar' },
  },
];

/** The admin layout route itself: signed-out users go to the staff login, businesses see why not. */
export const ADMIN_LAYOUT: Pick<AppRoute, 'access' | 'forbiddenTitle'> = { access: STAFF, forbiddenTitle: '工作台仅供消防救援机构工作人员使用' };

/** Menu entries of one area, in list order. */
export function menuOf<A extends 'admin' | 'portal'>(area: A): (AppRoute & { menu: Extract<AppRoute['menu'], { area: A }> })[] {
  return ROUTES.filter((r): r is AppRoute & { menu: Extract<AppRoute['menu'], { area: A }> } => r.menu?.area === area);
}
