import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth.tsx';
import { Guard, PageLoading } from './components/Guard.tsx';
import { SkipLink } from './components/SkipLink.tsx';
import { installListboxNames } from './listboxNames.ts';
import { queryClient } from './query.ts';
import { ADMIN_LAYOUT, type AppRoute, ROUTES } from './routes.ts';
import './styles.css';
import { theme } from './theme.ts';

dayjs.locale('zh-cn');
installListboxNames();

// After a release the chunks of the previous build are gone (the server answers 404 for a missing
// /assets/ file, never index.html): a page opened before it loads the new build instead of breaking.
// At most once a minute, so that a chunk that is really missing cannot make the page reload forever.
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('fep.reloadedForNewBuild') ?? 0);
  if (Date.now() - last < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('fep.reloadedForNewBuild', String(Date.now()));
  window.location.reload();
});

const AdminLayout = lazy(() => import('./pages/AdminLayout.tsx').then((m) => ({ default: m.AdminLayout })));
const PortalNotFound = lazy(() => import('./pages/NotFoundPage.tsx').then((m) => ({ default: m.PortalNotFoundPage })));
const AdminNotFound = lazy(() => import('./pages/NotFoundPage.tsx').then((m) => ({ default: m.AdminNotFoundPage })));

/** One lazily loaded page behind its access rule. */
function element(r: AppRoute) {
  const Page = lazy(r.page);
  return (
    <Guard route={r}>
      <Page />
    </Guard>
  );
}

const pages = ROUTES.map((r) => ({ ...r, element: element(r) }));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <SkipLink />
              <Routes>
                {pages
                  .filter((r) => r.layout !== 'admin')
                  .map((r) => (
                    <Route key={r.path} path={r.path} element={r.element} />
                  ))}
                <Route
                  path="/admin"
                  element={
                    <Guard route={ADMIN_LAYOUT}>
                      <AdminLayout />
                    </Guard>
                  }
                >
                  {pages
                    .filter((r) => r.layout === 'admin')
                    .map((r) =>
                      r.path === '/admin' ? <Route key={r.path} index element={r.element} /> : <Route key={r.path} path={r.path} element={r.element} />,
                    )}
                  {/* An unknown back-office address: 404 inside the layout (signed out: the staff login first). */}
                  <Route
                    path="*"
                    element={
                      <Suspense fallback={<PageLoading />}>
                        <AdminNotFound />
                      </Suspense>
                    }
                  />
                </Route>
                {/* Any other unknown address: 页面不存在 in the portal's frame, never a silent jump to the home page. */}
                <Route
                  path="*"
                  element={
                    <Suspense fallback={<PageLoading />}>
                      <PortalNotFound />
                    </Suspense>
                  }
                />
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
