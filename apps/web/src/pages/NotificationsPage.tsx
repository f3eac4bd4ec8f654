import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { DeliveryLog, NotificationList, NotificationSettings } from '../components/NotificationCentre.tsx';
import { PortalPage } from '../components/PortalHeader.tsx';

function Centre() {
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const log = can('system:event:manage');
  const wanted = params.get('tab');
  const tab = wanted === 'settings' || (wanted === 'deliveries' && log) ? wanted : 'list';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams(k === 'list' ? {} : { tab: k }, { replace: true })}
      items={[
        { key: 'list', label: '通知', children: <NotificationList /> },
        { key: 'settings', label: '通知方式', children: <NotificationSettings /> },
        // The delivery log of the SMS channel, for administrators (who also see the events' dead letters).
        ...(log ? [{ key: 'deliveries', label: '短信发送记录', children: <DeliveryLog /> }] : []),
      ]}
    />
  );
}

/** 办事大厅 · 我的通知. */
export function PortalNotificationsPage() {
  return (
    <PortalPage>
      <Typography.Title level={3}>我的通知</Typography.Title>
      <Centre />
    </PortalPage>
  );
}

/** 工作台 · 通知. */
export function AdminNotificationsPage() {
  return (
    <Card title="通知">
      <Centre />
    </Card>
  );
}
