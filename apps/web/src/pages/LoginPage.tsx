import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@fep/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';

/** A page of this app to return to (never another site: `//host` or a scheme is refused). */
function returnPath(v: unknown): string | null {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') ? v : null;
}

/** Where a user lands after login: the page they came from when it is for them, else their home. */
function landing(me: Me, from: string | null): string {
  const staffPage = (p: string) => p.startsWith('/admin') || p.startsWith('/field');
  if (from && !from.endsWith('/login') && (me.kind === 'staff') === staffPage(from)) return from;
  return me.kind === 'staff' ? '/admin' : '/';
}

/** One login page for two audiences: businesses (办事大厅) and agency staff (工作台). */
export function LoginPage({ audience }: { audience: 'applicant' | 'staff' }) {
  const { me, ended, login, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = returnPath((location.state as { from?: unknown } | null)?.from) ?? returnPath(new URLSearchParams(location.search).get('next'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = audience === 'staff';
  // Signed in already (e.g. in another tab): nothing to do here.
  if (me && !busy && !error) return <Navigate to={landing(me, from)} replace />;

  async function onFinish(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const me = await login(v.username.trim(), v.password);
      if (staff && me.kind !== 'staff') {
        await logout();
        setError('申请人账号请从办事大厅登录');
        return;
      }
      navigate(landing(me, from), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '网络异常，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login-shell">
      <Card style={{ width: 400, boxShadow: '0 8px 30px rgba(0,0,0,.08)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            消防执法服务平台
          </Typography.Title>
          <Typography.Text type="secondary">{staff ? '工作人员登录 · 工作台' : '企业和群众登录 · 办事大厅'}</Typography.Text>
        </div>
        {ended && !error && (
          <Alert
            type="warning"
            showIcon
            title={ended === 'expired' ? '登录已超时，请重新登录' : '登录状态已失效，请重新登录'}
            description={from ? '登录后将回到刚才的页面，未提交的填写内容已保存在本机。' : undefined}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder={staff ? '如 clerk.211000' : '如 applicant.360100'} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          {staff ? <Link to="/">返回办事大厅</Link> : <Link to="/admin/login">工作人员请由此登录工作台</Link>}
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}>
          连续 5 次密码错误将锁定账号 30 分钟；30 分钟无操作或登录满 12 小时需重新登录。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}

export function ApplicantLoginPage() {
  return <LoginPage audience="applicant" />;
}

export function StaffLoginPage() {
  return <LoginPage audience="staff" />;
}
