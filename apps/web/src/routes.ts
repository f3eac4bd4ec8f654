/**
 * Every page of the web app as one data list (ant-design-pro's `routes`): its path, its lazily imported
 * page, its menu entry if it has one, and what it needs (see `access.ts`). `main.tsx` builds the router
 * from it and the back office and portal menus are filtered from it with the same `access` function, so a
 * menu never shows a page its user cannot open.
 */
import type { ComponentType } from 'react';
import type { RouteAccess } from './access.ts';

/** Icon names of the back-office menu (mapped to @ant-design/icons in AdminLayout). */
export type MenuIcon =
  | 'dashboard'
  | 'clock'
  | 'application'
  | 'task'
  | 'licence'
  | 'plan'
  | 'order'
  | 'case'
  | 'seal'
  | 'alert'
  | 'inspector'
  | 'unit'
  | 'policy'
  | 'calendar'
  | 'interference'
  | 'complaint'
  | 'review'
  | 'officer'
  | 'security'
  | 'credit'
  | 'partner'
  | 'delivery';

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
  /** The breadcrumb of a page without a menu entry (a file page: 办件详情); its parent is the route above it. */
  title?: string;
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
    path: '/portal/penalties',
    page: () => import('./pages/portal/MyPenaltiesPage.tsx').then((m) => ({ default: m.MyPenaltiesPage })),
    access: APPLICANT,
    menu: { area: 'portal', label: '行政处罚' },
  },
  {
    path: '/portal/credit',
    page: () => import('./pages/credit/MyCreditPage.tsx').then((m) => ({ default: m.MyCreditPage })),
    access: APPLICANT,
    menu: { area: 'portal', label: '信用信息' },
  },
  {
    path: '/portal/seals',
    page: () => import('./pages/portal/MySealsPage.tsx').then((m) => ({ default: m.MySealsPage })),
    access: APPLICANT,
    menu: { area: 'portal', label: '临时查封' },
  },
  {
    path: '/portal/incidents',
    page: () => import('./pages/incidents/MyIncidentsPage.tsx').then((m) => ({ default: m.MyIncidentsPage })),
    access: APPLICANT,
    menu: { area: 'portal', label: '火灾事故' },
  },
  {
    path: '/portal/appointment-requests',
    page: () => import('./pages/services/AppointmentRequestsPage.tsx').then((m) => ({ default: m.AppointmentRequestsPage })),
    // Linked from the footer of every portal page (the header menu is full at 1366 px).
    access: { kind: 'applicant', permission: 'portal:appointment:request' },
  },
  {
    path: '/portal/guidance',
    page: () => import('./pages/services/GuidanceRequestPage.tsx').then((m) => ({ default: m.GuidanceRequestPage })),
    // Linked from the footer of every portal page (the header menu is full at 1366 px).
    access: { kind: 'applicant', permission: 'portal:guidance:request' },
  },
  {
    path: '/portal/seals/:id',
    page: () => import('./pages/portal/MySealsPage.tsx').then((m) => ({ default: m.MySealPage })),
    access: APPLICANT,
  },
  {
    path: '/portal/penalties/:id',
    page: () => import('./pages/portal/PenaltyDetailPage.tsx').then((m) => ({ default: m.PenaltyDetailPage })),
    access: APPLICANT,
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
    path: '/penalties',
    page: () => import('./pages/portal/PublicPenaltiesPage.tsx').then((m) => ({ default: m.PublicPenaltiesPage })),
    access: 'public',
    menu: { area: 'portal', label: '处罚公示' },
  },
  {
    path: '/credit',
    page: () => import('./pages/credit/PublicCreditPage.tsx').then((m) => ({ default: m.PublicCreditPage })),
    // No menu entry (the portal's header is full at 1366 px): linked from 处罚公示.
    access: 'public',
  },
  {
    path: '/organisations',
    page: () => import('./pages/market/OrganisationsPage.tsx').then((m) => ({ default: m.PublicOrganisationsPage })),
    // No menu entry (the portal's header is full): linked from 信用公示.
    access: 'public',
  },
  {
    path: '/product-checks',
    page: () => import('./pages/products/PublicProductChecksPage.tsx').then((m) => ({ default: m.PublicProductChecksPage })),
    // No menu entry (the portal's header is full): linked from 信用公示 and the organisations directory.
    access: 'public',
  },
  {
    path: '/verify',
    page: () => import('./pages/portal/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })),
    access: 'public',
    menu: { area: 'portal', label: '证照核验' },
  },
  { path: '/verify/:code', page: () => import('./pages/portal/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })), access: 'public' },
  {
    path: '/track',
    page: () => import('./pages/portal/LookupPage.tsx').then((m) => ({ default: m.LookupPage })),
    access: 'public',
    menu: { area: 'portal', label: '办件查询' },
  },
  {
    path: '/report',
    page: () => import('./pages/portal/HazardReportPage.tsx').then((m) => ({ default: m.HazardReportPage })),
    // Linked from the footer of every portal page and from the home page: the header menu is full at 1366 px.
    access: 'public',
  },
  {
    path: '/appointments',
    page: () => import('./pages/services/AppointmentsPage.tsx').then((m) => ({ default: m.AppointmentsPage })),
    // Linked from the footer of every portal page (the header menu is full at 1366 px), as are the two below.
    access: 'public',
  },
  {
    path: '/evaluate',
    page: () => import('./pages/services/EvaluatePage.tsx').then((m) => ({ default: m.EvaluatePage })),
    access: 'public',
  },
  {
    path: '/disclosure',
    page: () => import('./pages/services/DisclosurePage.tsx').then((m) => ({ default: m.DisclosurePage })),
    access: 'public',
  },
  {
    path: '/accountability',
    page: () => import('./pages/incidents/AccountabilityPublicPage.tsx').then((m) => ({ default: m.AccountabilityPublicPage })),
    // Linked from the footer of every portal page.
    access: 'public',
  },
  {
    path: '/portal/engineer-registration',
    page: () => import('./pages/engineers/EngineerRegistrationPage.tsx').then((m) => ({ default: m.EngineerRegistrationPage })),
    // Linked from the footer of every portal page: the header menu is full at 1366 px.
    access: { kind: 'applicant', permission: 'portal:engineer:apply' },
  },
  {
    path: '/training',
    page: () => import('./pages/services/TrainingPage.tsx').then((m) => ({ default: m.TrainingPage })),
    // Linked from the footer of every portal page (the header menu is full at 1366 px).
    access: 'public',
  },
  {
    path: '/supervise',
    page: () => import('./pages/portal/OfficerComplaintPage.tsx').then((m) => ({ default: m.OfficerComplaintPage })),
    access: 'public',
    menu: { area: 'portal', label: '执法监督' },
  },
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
    path: '/portal/notifications',
    page: () => import('./pages/NotificationsPage.tsx').then((m) => ({ default: m.PortalNotificationsPage })),
    access: APPLICANT,
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
    path: '/admin/dashboard',
    page: () => import('./pages/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
    access: { kind: 'staff', permission: 'dashboard:figures:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '领导驾驶舱', icon: 'dashboard' },
  },
  {
    path: '/admin/dashboard/map',
    page: () => import('./pages/dashboard/MapPage.tsx').then((m) => ({ default: m.MapPage })),
    access: { kind: 'staff', permission: 'dashboard:figures:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '一张图', icon: 'unit' },
  },
  {
    path: '/admin/notifications',
    page: () => import('./pages/NotificationsPage.tsx').then((m) => ({ default: m.AdminNotificationsPage })),
    access: STAFF,
    layout: 'admin',
    title: '通知',
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
    title: '办件详情',
  },
  {
    path: '/admin/tasks',
    page: () => import('./pages/admin/TasksPage.tsx').then((m) => ({ default: m.TasksPage })),
    access: { kind: 'staff', permission: 'licensing:application:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '检查任务', icon: 'task' },
  },
  {
    path: '/admin/tasks/:id',
    page: () => import('./pages/admin/TaskDetailPage.tsx').then((m) => ({ default: m.TaskDetailPage })),
    access: { kind: 'staff', permission: 'licensing:application:read' },
    layout: 'admin',
    title: '任务详情',
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
    path: '/admin/plans/:id',
    page: () => import('./pages/admin/PlanDetailPage.tsx').then((m) => ({ default: m.PlanDetailPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    title: '计划详情',
  },
  {
    path: '/admin/orders',
    page: () => import('./pages/admin/OrdersPage.tsx').then((m) => ({ default: m.OrdersPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '隐患整改', icon: 'order' },
  },
  {
    path: '/admin/orders/:id',
    page: () => import('./pages/admin/OrderDetailPage.tsx').then((m) => ({ default: m.OrderDetailPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    title: '整改通知详情',
  },
  {
    path: '/admin/cases',
    page: () => import('./pages/admin/enforcement/CasesPage.tsx').then((m) => ({ default: m.CasesPage })),
    access: { kind: 'staff', permission: 'enforcement:case:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '行政处罚', icon: 'case' },
  },
  {
    path: '/admin/cases/new',
    page: () => import('./pages/admin/enforcement/CaseNewPage.tsx').then((m) => ({ default: m.CaseNewPage })),
    access: { kind: 'staff', permission: 'enforcement:case:handle' },
    layout: 'admin',
    title: '新建案件',
  },
  {
    path: '/admin/cases/:id',
    page: () => import('./pages/admin/enforcement/CaseDetailPage.tsx').then((m) => ({ default: m.CaseDetailPage })),
    access: { kind: 'staff', permission: 'enforcement:case:read' },
    layout: 'admin',
    title: '案件办理',
  },
  {
    path: '/admin/oversight/alerts',
    page: () => import('./pages/admin/enforcement/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })),
    access: { kind: 'staff', permission: 'oversight:alert:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '执法监督预警', icon: 'alert' },
  },
  {
    path: '/admin/credit',
    page: () => import('./pages/credit/CreditOverviewPage.tsx').then((m) => ({ default: m.CreditOverviewPage })),
    access: { kind: 'staff', permission: 'credit:record:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '信用与风险', icon: 'credit' },
  },
  {
    path: '/admin/credit/units/:usci',
    page: () => import('./pages/credit/CreditUnitPage.tsx').then((m) => ({ default: m.CreditUnitPage })),
    access: { kind: 'staff', permission: 'credit:record:read' },
    layout: 'admin',
    title: '单位信用',
  },
  {
    path: '/admin/credit/requests',
    page: () => import('./pages/credit/CreditRequestsPage.tsx').then((m) => ({ default: m.CreditRequestsPage })),
    access: { kind: 'staff', permission: 'credit:record:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '信用修复与异议', icon: 'credit' },
  },
  {
    path: '/admin/credit/blacklist',
    page: () => import('./pages/credit/BlacklistPage.tsx').then((m) => ({ default: m.AdminBlacklistPage })),
    access: { kind: 'staff', permission: 'credit:record:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '严重失信名单', icon: 'credit' },
  },
  {
    path: '/admin/organisations',
    page: () => import('./pages/market/OrganisationsPage.tsx').then((m) => ({ default: m.OrganisationsPage })),
    access: { kind: 'staff', permission: 'market:organisation:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '技术服务机构', icon: 'inspector' },
  },
  {
    path: '/admin/organisations/:id',
    page: () => import('./pages/market/OrganisationDetailPage.tsx').then((m) => ({ default: m.OrganisationDetailPage })),
    access: { kind: 'staff', permission: 'market:organisation:read' },
    layout: 'admin',
    title: '机构详情',
  },
  {
    path: '/admin/products',
    page: () => import('./pages/products/ProductChecksPage.tsx').then((m) => ({ default: m.ProductChecksPage })),
    access: { kind: 'staff', permission: 'products:check:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '消防产品抽查', icon: 'plan' },
  },
  {
    path: '/admin/monitoring/alarms',
    page: () => import('./pages/monitoring/AlarmsPage.tsx').then((m) => ({ default: m.AlarmsPage })),
    access: { kind: 'staff', permission: 'monitoring:alarm:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '远程监控报警', icon: 'alert' },
  },
  {
    path: '/admin/incidents',
    page: () => import('./pages/incidents/IncidentsPage.tsx').then((m) => ({ default: m.IncidentsPage })),
    access: { kind: 'staff', permission: 'incidents:incident:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '火灾事故调查', icon: 'case' },
  },
  {
    path: '/admin/incident-accountability',
    page: () => import('./pages/incidents/AccountabilityPage.tsx').then((m) => ({ default: m.AccountabilityPage })),
    access: { kind: 'staff', permission: 'incidents:incident:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '责任调查评估', icon: 'case' },
  },
  {
    path: '/admin/incidents/:id',
    page: () => import('./pages/incidents/IncidentDetailPage.tsx').then((m) => ({ default: m.IncidentDetailPage })),
    access: { kind: 'staff', permission: 'incidents:incident:read' },
    layout: 'admin',
    title: '火灾事故调查卷',
  },
  {
    path: '/admin/seals',
    page: () => import('./pages/admin/SealsPage.tsx').then((m) => ({ default: m.SealsPage })),
    access: { kind: 'staff', permission: 'enforcement:case:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '临时查封', icon: 'seal' },
  },
  {
    path: '/admin/seals/:id',
    page: () => import('./pages/admin/SealDetailPage.tsx').then((m) => ({ default: m.SealDetailPage })),
    access: { kind: 'staff', permission: 'enforcement:case:read' },
    layout: 'admin',
    title: '临时查封详情',
  },
  {
    path: '/admin/inspectors',
    page: () => import('./pages/admin/InspectorsPage.tsx').then((m) => ({ default: m.InspectorsPage })),
    access: { kind: 'staff', permission: 'supervision:plan:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '执法人员', icon: 'inspector' },
  },
  {
    path: '/admin/oversight/interference',
    page: () => import('./pages/oversight/InterferencePage.tsx').then((m) => ({ default: m.InterferencePage })),
    access: { kind: 'staff', permission: 'oversight:interference:record' },
    layout: 'admin',
    menu: { area: 'admin', label: '干预插手记录', icon: 'interference' },
  },
  {
    path: '/admin/oversight/interference/report',
    page: () => import('./pages/oversight/InterferenceReportPage.tsx').then((m) => ({ default: m.InterferenceReportPage })),
    access: { kind: 'staff', permission: 'oversight:interference:read' },
    layout: 'admin',
    title: '月度通报',
  },
  {
    path: '/admin/complaints',
    page: () => import('./pages/complaints/ComplaintsPage.tsx').then((m) => ({ default: m.ComplaintsPage })),
    access: { kind: 'staff', permission: 'complaints:complaint:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '举报投诉', icon: 'complaint' },
  },
  {
    path: '/admin/evaluations/follow-ups',
    page: () => import('./pages/services/FollowUpsPage.tsx').then((m) => ({ default: m.FollowUpsPage })),
    access: { kind: 'staff', permission: 'services:evaluation:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '差评整改', icon: 'review' },
  },
  {
    path: '/admin/disclosure',
    page: () => import('./pages/services/DisclosureQueuePage.tsx').then((m) => ({ default: m.DisclosureQueuePage })),
    access: { kind: 'staff', permission: 'services:disclosure:handle' },
    layout: 'admin',
    menu: { area: 'admin', label: '政府信息公开', icon: 'complaint' },
  },
  {
    path: '/admin/engineer-registrations',
    page: () => import('./pages/engineers/EngineerRegistrationQueuePage.tsx').then((m) => ({ default: m.EngineerRegistrationQueuePage })),
    access: { kind: 'staff', permission: 'market:organisation:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '注册工程师注册', icon: 'review' },
  },
  {
    path: '/admin/training',
    page: () => import('./pages/services/TrainingCoursesPage.tsx').then((m) => ({ default: m.TrainingCoursesPage })),
    access: { kind: 'staff', permission: 'services:training:manage' },
    layout: 'admin',
    menu: { area: 'admin', label: '在线培训', icon: 'review' },
  },
  {
    path: '/admin/appointment-requests',
    page: () => import('./pages/services/AppointmentRequestQueuePage.tsx').then((m) => ({ default: m.AppointmentRequestQueuePage })),
    access: { kind: 'staff', permission: 'services:appointment:manage' },
    layout: 'admin',
    menu: { area: 'admin', label: '单位预约', icon: 'review' },
  },
  {
    path: '/admin/guidance',
    page: () => import('./pages/services/GuidanceQueuePage.tsx').then((m) => ({ default: m.GuidanceQueuePage })),
    access: { kind: 'staff', permission: 'services:guidance:handle' },
    layout: 'admin',
    menu: { area: 'admin', label: '专家指导', icon: 'review' },
  },
  {
    path: '/admin/complaints/map',
    page: () => import('./pages/complaints/ComplaintsMapPage.tsx').then((m) => ({ default: m.ComplaintsMapPage })),
    access: { kind: 'staff', permission: 'complaints:complaint:read' },
    layout: 'admin',
    title: '举报分布与统计',
  },
  {
    path: '/admin/complaints/:id',
    page: () => import('./pages/complaints/ComplaintDetailPage.tsx').then((m) => ({ default: m.ComplaintDetailPage })),
    access: { kind: 'staff', permission: 'complaints:complaint:read' },
    layout: 'admin',
    title: '举报详情',
  },
  {
    path: '/admin/oversight/complaints',
    page: () => import('./pages/oversight/OfficerComplaintsPage.tsx').then((m) => ({ default: m.OfficerComplaintsPage })),
    access: { kind: 'staff', permission: 'oversight:complaint:handle' },
    layout: 'admin',
    menu: { area: 'admin', label: '执法投诉', icon: 'complaint' },
  },
  {
    path: '/admin/oversight/reviews',
    page: () => import('./pages/oversight/CaseReviewsPage.tsx').then((m) => ({ default: m.CaseReviewsPage })),
    access: { kind: 'staff', permission: 'oversight:officer:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '案卷评查', icon: 'review' },
  },
  {
    path: '/admin/oversight/reviews/new',
    page: () => import('./pages/oversight/CaseReviewFormPage.tsx').then((m) => ({ default: m.CaseReviewFormPage })),
    access: { kind: 'staff', permission: 'oversight:review:record' },
    layout: 'admin',
    title: '评查评分',
  },
  {
    path: '/admin/oversight/officers',
    page: () => import('./pages/oversight/OfficersPage.tsx').then((m) => ({ default: m.OfficersPage })),
    access: { kind: 'staff', permission: 'oversight:officer:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '执法档案', icon: 'officer' },
  },
  {
    path: '/admin/oversight/officers/:userId',
    page: () => import('./pages/oversight/OfficerFilePage.tsx').then((m) => ({ default: m.OfficerFilePage })),
    access: { kind: 'staff', permission: 'oversight:officer:read' },
    layout: 'admin',
    title: '个人执法档案',
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
  {
    path: '/admin/partners',
    page: () => import('./pages/partners/PartnersPage.tsx').then((m) => ({ default: m.PartnersPage })),
    access: { kind: 'staff', permission: 'system:partner:manage' },
    layout: 'admin',
    menu: { area: 'admin', label: '对接平台', icon: 'partner' },
  },
  {
    path: '/admin/partner-deliveries',
    page: () => import('./pages/partners/PartnerDeliveriesPage.tsx').then((m) => ({ default: m.PartnerDeliveriesPage })),
    access: { kind: 'staff', permission: 'system:partner_delivery:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '对外推送记录', icon: 'delivery' },
  },
  {
    path: '/admin/security-events',
    page: () => import('./pages/admin/SecurityEventsPage.tsx').then((m) => ({ default: m.SecurityEventsPage })),
    access: { kind: 'staff', permission: 'audit:security:read' },
    layout: 'admin',
    menu: { area: 'admin', label: '安全事件', icon: 'security' },
  },
];

/** The admin layout route itself: signed-out users go to the staff login, businesses see why not. */
export const ADMIN_LAYOUT: Pick<AppRoute, 'access' | 'forbiddenTitle'> = { access: STAFF, forbiddenTitle: '工作台仅供消防救援机构工作人员使用' };

/**
 * The back office's menu in sections (docs/ui.md): entries not listed here (the workbench, the leaders' pages, the
 * clocks) come first, then each section in this order with its entries in this order. A section shows only the
 * entries the user may open, and is left out when none remains.
 */
export const ADMIN_MENU_GROUPS: readonly { label: string; paths: readonly string[] }[] = [
  { label: '行政许可', paths: ['/admin/applications', '/admin/licences', '/admin/engineer-registrations'] },
  { label: '监督检查', paths: ['/admin/tasks', '/admin/plans', '/admin/orders', '/admin/seals', '/admin/units'] },
  {
    label: '处罚与执法监督',
    paths: [
      '/admin/cases',
      '/admin/oversight/alerts',
      '/admin/oversight/reviews',
      '/admin/oversight/complaints',
      '/admin/oversight/officers',
      '/admin/oversight/interference',
      '/admin/inspectors',
    ],
  },
  {
    label: '投诉与政务服务',
    paths: ['/admin/complaints', '/admin/evaluations/follow-ups', '/admin/disclosure', '/admin/appointment-requests', '/admin/training', '/admin/guidance'],
  },
  { label: '信用与市场监管', paths: ['/admin/credit', '/admin/credit/requests', '/admin/credit/blacklist', '/admin/organisations', '/admin/products'] },
  { label: '火灾与远程监控', paths: ['/admin/monitoring/alarms', '/admin/incidents', '/admin/incident-accountability'] },
  { label: '系统管理', paths: ['/admin/policies', '/admin/calendar', '/admin/partners', '/admin/partner-deliveries', '/admin/security-events'] },
];

/** Menu entries of one area, in list order. */
export function menuOf<A extends 'admin' | 'portal'>(area: A): (AppRoute & { menu: Extract<AppRoute['menu'], { area: A }> })[] {
  return ROUTES.filter((r): r is AppRoute & { menu: Extract<AppRoute['menu'], { area: A }> } => r.menu?.area === area);
}

/** A path pattern (`/admin/tasks/:id`) matches a concrete path segment by segment. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

/** The route of a concrete path (literal segments win over parameters: `/plans/new` before `/plans/:id`). */
export function routeOf(path: string): AppRoute | undefined {
  const candidates = ROUTES.filter((r) => matches(r.path, path));
  return candidates.sort((x, y) => x.path.split(':').length - y.path.split(':').length)[0];
}

/**
 * The back office's breadcrumbs of a path, from the routes list: 工作台 → the menu page above it → the
 * page itself (its menu label or title). Each crumb but the last links to its page.
 */
export function breadcrumbOf(path: string): { label: string; to?: string }[] {
  const home = { label: '工作台', to: '/admin' };
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/admin') return [{ label: '工作台' }];
  const here = routeOf(clean);
  const label = (r: AppRoute) => r.title ?? (r.menu?.area === 'admin' ? r.menu.label : undefined);
  if (here?.layout !== 'admin') return [home, { label: '页面不存在' }];
  const crumbs: { label: string; to?: string }[] = [];
  // Parents: every shorter prefix of the path that is a page with a label of its own.
  const segs = clean.split('/').filter(Boolean);
  for (let n = 2; n < segs.length; n++) {
    const prefix = `/${segs.slice(0, n).join('/')}`;
    const r = routeOf(prefix);
    const l = r && label(r);
    if (r && l && r.path !== '/admin') crumbs.push({ label: l, to: prefix });
  }
  crumbs.push({ label: label(here) ?? '详情' });
  return [home, ...crumbs];
}

/** The back-office page of a file a clock or a record names (`application`, `inspection_task`, …), if it has one. */
export function filePathOf(targetType: string, targetId: string): string | null {
  const base: Record<string, string> = {
    application: '/admin/applications',
    inspection_task: '/admin/tasks',
    rectification_order: '/admin/orders',
    enforcement_seal: '/admin/seals',
    random_plan: '/admin/plans',
    enforcement_case: '/admin/cases',
    complaint: '/admin/complaints',
    incident: '/admin/incidents',
  };
  // Files kept on a list page of their own (a credit request is decided in the queue).
  const lists: Record<string, string> = {
    credit_request: '/admin/credit/requests',
    evaluation_follow_up: '/admin/evaluations/follow-ups',
    disclosure_request: '/admin/disclosure',
    engineer_registration: '/admin/engineer-registrations',
    training_course: '/admin/training',
    guidance_request: '/admin/guidance',
    appointment_request: '/admin/appointment-requests',
    incident_accountability: '/admin/incident-accountability',
  };
  if (lists[targetType]) return lists[targetType];
  return base[targetType] ? `${base[targetType]}/${encodeURIComponent(targetId)}` : null;
}
