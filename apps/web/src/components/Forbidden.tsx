import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth.tsx';

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
