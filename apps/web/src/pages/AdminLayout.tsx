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
import { Avatar, Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { ROLE_LABELS } from '../labels.ts';

/** Menu entries with the permission each needs: the same strings the API guard checks. */
const MENU: { key: string; label: string; icon: ReactNode; permission: string | null }[] = [
  { key: '/admin', label: '工作台首页', icon: <DashboardOutlined />, permission: null },
  { key: '/admin/clocks', label: '我的时限', icon: <ClockCircleOutlined />, permission: 'clock:clock:read' },
  { key: '/admin/applications', label: '许可办件', icon: <FileProtectOutlined />, permission: 'licensing:application:read' },
  { key: '/admin/tasks', label: '检查任务', icon: <ScheduleOutlined />, permission: 'licensing:application:read' },
  { key: '/admin/licences', label: '许可证', icon: <SafetyCertificateOutlined />, permission: 'licensing:licence:read' },
  { key: '/admin/plans', label: '双随机抽查', icon: <ClusterOutlined />, permission: 'supervision:plan:read' },
  { key: '/admin/orders', label: '隐患整改', icon: <AlertOutlined />, permission: 'supervision:plan:read' },
  { key: '/admin/inspectors', label: '执法人员', icon: <IdcardOutlined />, permission: 'supervision:plan:read' },
  { key: '/admin/units', label: '社会单位', icon: <ShopOutlined />, permission: 'unit:unit:read' },
  { key: '/admin/policies', label: '政策参数', icon: <SlidersOutlined />, permission: 'policy:policy:read' },
  { key: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined />, permission: null },
];

export function AdminLayout() {
  const { me, loading, logout, can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/admin/login" replace />;
  if (me.kind !== 'staff') {
    return (
      <Result
        status="403"
        title="工作台仅供消防救援机构工作人员使用"
        extra={
          <Link to="/">
            <Button type="primary">返回办事大厅</Button>
          </Link>
        }
      />
    );
  }
  const items = MENU.filter((m) => !m.permission || can(m.permission)).map((m) => ({ key: m.key, icon: m.icon, label: m.label }));
  const selected = MENU.map((m) => m.key)
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
                  {ROLE_LABELS[r] ?? r}
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
