import { BellOutlined } from '@ant-design/icons';
import type { NotificationUnreadCount } from '@fep/contracts';
import { Badge } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../query.ts';

/**
 * The bell of the portal header and the back-office header: the unread count (polled every 30 s and
 * refetched after any write), a link to the notification list. `tone` fits the header's background.
 */
export function NotificationBell({ to, tone }: { to: string; tone: 'light' | 'dark' }) {
  const count = useApi<NotificationUnreadCount>('/api/v1/notifications/unread-count', { refetchInterval: 30_000 }).data?.count ?? 0;
  return (
    <Link to={to} aria-label={count ? `通知，${count} 条未读` : '通知'} className="notification-bell" data-testid="notification-bell">
      {/* On the red portal bar a red badge would vanish: there it is white with red figures. */}
      <Badge
        count={count}
        size="small"
        overflowCount={99}
        offset={[2, -2]}
        styles={tone === 'dark' ? { indicator: { background: '#fff', color: '#b7142a', fontWeight: 600, boxShadow: 'none' } } : undefined}
      >
        <BellOutlined style={{ fontSize: 20, color: tone === 'dark' ? '#fff' : 'rgba(0,0,0,0.75)' }} />
      </Badge>
    </Link>
  );
}
