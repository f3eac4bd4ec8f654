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
import { ApplicationDetail } from './pages/admin/ApplicationDetail.tsx';
import { ApplicationsPage } from './pages/admin/ApplicationsPage.tsx';
import { InspectorsPage } from './pages/admin/InspectorsPage.tsx';
import { LicencesPage } from './pages/admin/LicencesPage.tsx';
import { OrdersPage } from './pages/admin/OrdersPage.tsx';
import { PlansPage } from './pages/admin/PlansPage.tsx';
import { TasksPage } from './pages/admin/TasksPage.tsx';
import { CalendarPage } from './pages/CalendarPage.tsx';
import { ClocksPage } from './pages/ClocksPage.tsx';
import { FieldInspectionPage } from './pages/field/FieldInspectionPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { PortalHome } from './pages/PortalHome.tsx';
import { ApplicationDetailPage } from './pages/portal/ApplicationDetailPage.tsx';
import { ApplicationFormPage } from './pages/portal/ApplicationFormPage.tsx';
import { ExemptionCheckPage } from './pages/portal/ExemptionCheckPage.tsx';
import { MyApplicationsPage } from './pages/portal/MyApplicationsPage.tsx';
import { MyOrdersPage } from './pages/portal/MyOrdersPage.tsx';
import { PublicPlansPage } from './pages/portal/PublicPlansPage.tsx';
import { RegisterPage } from './pages/portal/RegisterPage.tsx';
import { VerifyPage } from './pages/portal/VerifyPage.tsx';
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
              <Route path="/check" element={<ExemptionCheckPage />} />
              <Route path="/register" element={<RegisterPage />} />
              <Route path="/verify" element={<VerifyPage />} />
              <Route path="/verify/:code" element={<VerifyPage />} />
              <Route path="/portal/applications" element={<MyApplicationsPage />} />
              <Route path="/portal/orders" element={<MyOrdersPage />} />
              <Route path="/plans" element={<PublicPlansPage />} />
              <Route path="/plans/:id" element={<PublicPlansPage />} />
              <Route path="/field/tasks/:id" element={<FieldInspectionPage />} />
              <Route path="/portal/applications/new" element={<ApplicationFormPage />} />
              <Route path="/portal/applications/:id" element={<ApplicationDetailPage />} />
              <Route path="/portal/applications/:id/edit" element={<ApplicationFormPage />} />
              <Route path="/admin/login" element={<LoginPage audience="staff" />} />
              <Route path="/admin" element={<AdminLayout />}>
                <Route index element={<AdminHome />} />
                <Route path="clocks" element={<ClocksPage />} />
                <Route path="policies" element={<PolicyPage />} />
                <Route path="units" element={<UnitsPage />} />
                <Route path="calendar" element={<CalendarPage />} />
                <Route path="applications" element={<ApplicationsPage />} />
                <Route path="applications/:id" element={<ApplicationDetail />} />
                <Route path="tasks" element={<TasksPage />} />
                <Route path="licences" element={<LicencesPage />} />
                <Route path="plans" element={<PlansPage />} />
                <Route path="orders" element={<OrdersPage />} />
                <Route path="inspectors" element={<InspectorsPage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
