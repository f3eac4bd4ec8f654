import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Forbidden } from './Forbidden.tsx';

/** Where a user goes back to: the back office for staff, the portal for everyone else. */
function HomeButton() {
  const { me } = useAuth();
  return (
    <Link to={me?.kind === 'staff' ? '/admin' : '/'}>
      <Button type="primary">{me?.kind === 'staff' ? '返回工作台' : '返回办事大厅'}</Button>
    </Link>
  );
}

/** 404: an unknown address, or a record that does not exist or lies outside the user's jurisdiction. */
export function NotFound({ title, subTitle }: { title?: string; subTitle?: string }) {
  return <Result status="404" title={title ?? '页面不存在'} subTitle={subTitle ?? '您访问的地址不存在或已变更，请从菜单重新进入。'} extra={<HomeButton />} />;
}

/**
 * What a page shows when its API read fails: 403 → 无权访问, 404 → the record is not there (or not in the
 * user's jurisdiction — the API answers both alike), anything else → the server's Chinese message.
 */
export function ApiErrorResult({ error, what = '记录' }: { error: unknown; what?: string }) {
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  if (error instanceof ApiError && error.status === 404) return <NotFound title={`${what}不存在`} subTitle={`该${what}不存在，或不在您所在机构的辖区内。`} />;
  return <Result status="error" title="加载失败" subTitle={error instanceof ApiError ? error.message : '网络异常，请稍后重试。'} extra={<HomeButton />} />;
}
