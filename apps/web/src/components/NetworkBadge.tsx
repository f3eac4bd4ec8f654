import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useOutbox } from '../offline/outbox.ts';

/**
 * Where the phone stands (SUP-09): 离线 when the network is gone, and how many field records wait on the
 * phone to be sent. Nothing is shown online with an empty outbox.
 */
export function NetworkBadge() {
  const { online, records } = useOutbox();
  const waiting = records.filter((r) => r.state === 'queued' || r.state === 'sending').length;
  const held = records.length - waiting;
  return (
    <span role="status" aria-live="polite" className="network-badge">
      {!online && (
        <Tag icon={<DisconnectOutlined />} color="default">
          离线
        </Tag>
      )}
      {waiting > 0 && (
        <Tag icon={<CloudSyncOutlined />} color="gold">
          待提交 {waiting} 条
        </Tag>
      )}
      {held > 0 && <Tag color="red">{held} 条待处理</Tag>}
    </span>
  );
}
