import { Button, Result, Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { access, loginPathFor, type RouteAccess } from '../access.ts';
import { useAuth } from '../auth.tsx';

/** The Chinese loading state shown while a page's code or the signed-in user is loading. */
export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip="正在加载…" size="large">
        <div style={{ minHeight: 80 }} />
      </Spin>
    </div>
  );
}

/** 无权访问: the user is signed in but this page is not for them. */
export function Forbidden({ title }: { title?: string }) {
  const { me } = useAuth();
  return (
    <Result
      status="403"
      title={title ?? '无权访问'}
      subTitle={title ? undefined : '当前账号没有打开此页面的权限，如需办理请联系本单位系统管理员。'}
      extra={
        <Link to={me?.kind === 'staff' ? '/admin' : '/'}>
          <Button type="primary">{me?.kind === 'staff' ? '返回工作台' : '返回办事大厅'}</Button>
        </Link>
      }
    />
  );
}

/** Renders `children` when `access` allows it, else the login page (signed out) or 无权访问. */
export function Guard({ route, children }: { route: { access: RouteAccess; forbiddenTitle?: string }; children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (route.access !== 'public' && loading) return <PageLoading />;
  const decision = access(me, route);
  if (decision === 'login') return <Navigate to={loginPathFor(route)} replace state={{ from: location.pathname }} />;
  if (decision === 'forbidden') return <Forbidden title={route.forbiddenTitle} />;
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}
