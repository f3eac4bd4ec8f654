import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
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

/** 无权访问 (antd Result) is loaded only when a page is refused, not with every page. */
const Forbidden = lazy(() => import('./Forbidden.tsx').then((m) => ({ default: m.Forbidden })));

/** Renders `children` when `access` allows it, else the login page (signed out) or 无权访问. */
export function Guard({ route, children }: { route: { access: RouteAccess; forbiddenTitle?: string }; children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (route.access !== 'public' && loading) return <PageLoading />;
  const decision = access(me, route);
  // The login page brings the person back here (with the page's query) once signed in.
  if (decision === 'login') return <Navigate to={loginPathFor(route)} replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (decision === 'forbidden')
    return (
      <Suspense fallback={<PageLoading />}>
        <Forbidden title={route.forbiddenTitle} />
      </Suspense>
    );
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}
