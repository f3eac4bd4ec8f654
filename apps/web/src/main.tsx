import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth.tsx';
import { Guard } from './components/Guard.tsx';
import { queryClient } from './query.ts';
import { ADMIN_LAYOUT, type AppRoute, ROUTES } from './routes.ts';
import './styles.css';

dayjs.locale('zh-cn');

const theme = {
  token: { colorPrimary: '#b7142a', borderRadius: 6, fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',sans-serif" },
};

const AdminLayout = lazy(() => import('./pages/AdminLayout.tsx').then((m) => ({ default: m.AdminLayout })));

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
                </Route>
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
