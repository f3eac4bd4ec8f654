import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ClusterOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  EyeOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SecurityScanOutlined,
  SendOutlined,
  ShopOutlined,
  SlidersOutlined,
  SolutionOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, type Role } from '@fep/domain';
import { Avatar, Breadcrumb, Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { access } from '../access.ts';
import { useAuth } from '../auth.tsx';
import { NetworkBadge } from '../components/NetworkBadge.tsx';
import { NotificationBell } from '../components/NotificationBell.tsx';
import { forgetOfflineReads, registerFieldApp } from '../offline/register.ts';
import { ADMIN_MENU_GROUPS, breadcrumbOf, type MenuIcon, menuOf } from '../routes.ts';

const ICONS: Record<MenuIcon, ReactNode> = {
  dashboard: <DashboardOutlined />,
  clock: <ClockCircleOutlined />,
  application: <FileProtectOutlined />,
  task: <ScheduleOutlined />,
  licence: <SafetyCertificateOutlined />,
  plan: <ClusterOutlined />,
  order: <AlertOutlined />,
  case: <ExceptionOutlined />,
  alert: <WarningOutlined />,
  seal: <StopOutlined />,
  inspector: <IdcardOutlined />,
  unit: <ShopOutlined />,
  policy: <SlidersOutlined />,
  calendar: <CalendarOutlined />,
  interference: <EyeOutlined />,
  complaint: <MessageOutlined />,
  review: <FileSearchOutlined />,
  officer: <SolutionOutlined />,
  security: <SecurityScanOutlined />,
  credit: <CreditCardOutlined />,
  partner: <ApiOutlined />,
  delivery: <SendOutlined />,
};

/** The back office's frame; its menu is the routes list filtered by `access` (the route guard's own rule). */
export function AdminLayout() {
  const { me, logout, can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  // Not data fetching: staff get the installable field app (its service worker), so the task list and the
  // field page open on a phone without network.
  useEffect(() => registerFieldApp(), []);
  // On a phone the header keeps the agency, the avatar and 退出; names and role tags need a wider screen.
  const phone = Grid.useBreakpoint().md === false;
  if (!me) return null;
  const crumbs = breadcrumbOf(location.pathname);
  const menu = menuOf('admin').filter((r) => access(me, r) === 'allow');
  const entry = (r: (typeof menu)[number]) => ({ key: r.path, icon: ICONS[r.menu.icon], label: r.menu.label });
  const byPath = new Map(menu.map((r) => [r.path, r]));
  const grouped = new Set(ADMIN_MENU_GROUPS.flatMap((g) => g.paths));
  // Sections with headings, every entry visible (nothing folded away): some forty pages are too many for one list.
  const items = [
    ...menu.filter((r) => !grouped.has(r.path)).map(entry),
    ...ADMIN_MENU_GROUPS.map((g) => ({
      type: 'group' as const,
      key: `group:${g.label}`,
      label: g.label,
      children: g.paths.flatMap((p) => {
        const r = byPath.get(p);
        return r ? [entry(r)] : [];
      }),
    })).filter((g) => g.children.length > 0),
  ];
  const selected = menu
    .map((r) => r.path)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={0} style={{ background: '#7a0d1c' }}>
        <div className="admin-logo">
          <img src="/favicon.svg" alt="" />
          消防执法 · 工作台
        </div>
        <Menu
          theme="dark"
          mode="inline"
          style={{ background: 'transparent' }}
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={(e) => navigate(e.key)}
          aria-label="工作台菜单"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="admin-header">
          <Typography.Text strong ellipsis className="admin-agency">
            {me.agency?.name}
          </Typography.Text>
          <Space size="middle" className="admin-tools">
            <NetworkBadge />
            <NotificationBell to="/admin/notifications" tone="light" />
            <Link to="/" aria-label="办事大厅">
              <HomeOutlined /> <span className="hide-narrow">办事大厅</span>
            </Link>
            <Space>
              <Avatar style={{ background: '#b7142a' }}>{me.displayName.slice(0, 1)}</Avatar>
              <span className="hide-narrow">{me.displayName}</span>
              {me.roles.map((r) => (
                <Tag key={r} color="red" className="hide-narrow">
                  {ROLE_LABELS[r as Role] ?? '其他角色'}
                </Tag>
              ))}
            </Space>
            {can('audit:chain:verify') && (
              <Tag icon={<AuditOutlined />} color="default" className="hide-narrow">
                可核验执法记录
              </Tag>
            )}
            <Button
              icon={<LogoutOutlined />}
              aria-label="退出"
              onClick={async () => {
                forgetOfflineReads();
                await logout();
                navigate('/admin/login');
              }}
            >
              <span className="hide-narrow">退出</span>
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" className="admin-content">
          {(crumbs.length > 1 || phone) && (
            <Breadcrumb
              // On a phone the collapsed menu's button sits at the left edge of this line.
              style={{ marginBottom: 12, marginLeft: phone ? 40 : 0 }}
              aria-label="当前位置"
              items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label }))}
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
