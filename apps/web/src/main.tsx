import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth.tsx';
import { AdminHome } from './pages/AdminHome.tsx';
import { AdminLayout } from './pages/AdminLayout.tsx';
import { CalendarPage } from './pages/CalendarPage.tsx';
import { ClocksPage } from './pages/ClocksPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { PortalHome } from './pages/PortalHome.tsx';
import { UnitsPage } from './pages/UnitsPage.tsx';
import './styles.css';

dayjs.locale('zh-cn');

const theme = {
  token: { colorPrimary: '#b7142a', borderRadius: 6, fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',sans-serif" },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/" element={<PortalHome />} />
              <Route path="/login" element={<LoginPage audience="applicant" />} />
              <Route path="/admin/login" element={<LoginPage audience="staff" />} />
              <Route path="/admin" element={<AdminLayout />}>
                <Route index element={<AdminHome />} />
                <Route path="clocks" element={<ClocksPage />} />
                <Route path="policies" element={<PolicyPage />} />
                <Route path="units" element={<UnitsPage />} />
                <Route path="calendar" element={<CalendarPage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
