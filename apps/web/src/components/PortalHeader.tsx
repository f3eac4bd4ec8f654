import { LogoutOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { access } from '../access.ts';
import { useAuth } from '../auth.tsx';
import { menuOf } from '../routes.ts';

/** The bell is for signed-in people only: it is not part of the anonymous first load. */
const NotificationBell = lazy(() => import('./NotificationBell.tsx').then((m) => ({ default: m.NotificationBell })));

/** The public portal's header: brand, the main services, and the signed-in business. */
export function PortalHeader() {
  const { me, logout } = useAuth();
  return (
    <header className="portal-header">
      <div className="inner">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" />
          <span>
            消防执法服务平台 <small>办事大厅</small>
          </span>
        </Link>
        <nav className="portal-nav" aria-label="办事大厅导航">
          {menuOf('portal')
            .filter((r) => access(me, r) === 'allow')
            .map((r) => (
              <Link key={r.path} to={r.path}>
                {r.menu.label}
              </Link>
            ))}
        </nav>
        <Space>
          {me ? (
            <>
              <Suspense fallback={null}>
                <NotificationBell to={me.kind === 'staff' ? '/admin/notifications' : '/portal/notifications'} tone="dark" />
              </Suspense>
              <span className="portal-greeting">您好，{me.displayName}</span>
              {me.kind === 'staff' && (
                <Link to="/admin">
                  <Button ghost>进入工作台</Button>
                </Link>
              )}
              <Button ghost icon={<LogoutOutlined />} onClick={() => void logout()}>
                退出
              </Button>
            </>
          ) : (
            <>
              <Link to="/login">
                <Button ghost>企业登录</Button>
              </Link>
              <Link to="/admin/login" style={{ color: '#fff' }}>
                工作人员入口
              </Link>
            </>
          )}
        </Space>
      </div>
    </header>
  );
}

export function PortalPage({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <PortalHeader />
      <main id="main" className="portal-main">
        {children}
      </main>
      <footer className="footer-note">
        消防执法服务平台 · 执法全过程记录 · 个人信息依法保护 · <Link to="/report">举报火灾隐患</Link> · <Link to="/supervise">投诉举报执法人员</Link> ·{' '}
        <Link to="/appointments">预约参观</Link> · <Link to="/disclosure">政府信息公开申请</Link> · <Link to="/evaluate">服务评价</Link> ·{' '}
        <Link to="/portal/engineer-registration">注册消防工程师注册</Link> · <Link to="/accountability">火灾责任调查公开</Link> ·{' '}
        <Link to="/training">在线培训</Link> · <Link to="/portal/guidance">专家指导</Link> · <Link to="/portal/appointment-requests">预约演练培训</Link>
      </footer>
    </div>
  );
}
