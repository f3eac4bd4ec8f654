import {
  AlertOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SlidersOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, type Role } from '@fep/domain';
import { Avatar, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { access } from '../access.ts';
import { useAuth } from '../auth.tsx';
import { type MenuIcon, menuOf } from '../routes.ts';

const ICONS: Record<MenuIcon, ReactNode> = {
  dashboard: <DashboardOutlined />,
  clock: <ClockCircleOutlined />,
  application: <FileProtectOutlined />,
  task: <ScheduleOutlined />,
  licence: <SafetyCertificateOutlined />,
  plan: <ClusterOutlined />,
  order: <AlertOutlined />,
  inspector: <IdcardOutlined />,
  unit: <ShopOutlined />,
  policy: <SlidersOutlined />,
  calendar: <CalendarOutlined />,
};

/** The back office's frame; its menu is the routes list filtered by `access` (the route guard's own rule). */
export function AdminLayout() {
  const { me, logout, can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  if (!me) return null;
  const menu = menuOf('admin').filter((r) => access(me, r) === 'allow');
  const items = menu.map((r) => ({ key: r.path, icon: ICONS[r.menu.icon], label: r.menu.label }));
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
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 24px',
            borderBottom: '1px solid #eee',
          }}
        >
          <Typography.Text strong>{me.agency?.name}</Typography.Text>
          <Space size="middle">
            <Link to="/">
              <HomeOutlined /> 办事大厅
            </Link>
            <Space>
              <Avatar style={{ background: '#b7142a' }}>{me.displayName.slice(0, 1)}</Avatar>
              <span>{me.displayName}</span>
              {me.roles.map((r) => (
                <Tag key={r} color="red">
                  {ROLE_LABELS[r as Role] ?? '其他角色'}
                </Tag>
              ))}
            </Space>
            {can('audit:chain:verify') && (
              <Tag icon={<AuditOutlined />} color="default">
                可核验执法记录
              </Tag>
            )}
            <Button
              icon={<LogoutOutlined />}
              onClick={async () => {
                await logout();
                navigate('/admin/login');
              }}
            >
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
