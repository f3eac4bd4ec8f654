import type { DeliveryDetailView, DeliveryRow } from '@fep/contracts';
import { DELIVERY_TOPIC_LABELS, PARTNER_DELIVERY_STATUS_LABELS } from '@fep/domain';
import { Button, Descriptions, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const STATUS_COLORS: Record<DeliveryRow['status'], string> = { pending: 'processing', failed: 'warning', delivered: 'success', dead: 'error' };

/** One push: what was sent and every attempt, with the partner's answer. */
function DeliveryLog({ id }: { id: string }) {
  const d = useApi<DeliveryDetailView>(`/api/v1/gateway/deliveries/${id}`);
  if (!d.data) return null;
  const v = d.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="对接平台">{v.partnerName}</Descriptions.Item>
        <Descriptions.Item label="推送内容">{v.topicLabel}</Descriptions.Item>
        <Descriptions.Item label="事项">{v.subject}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[v.status]}>{v.statusLabel}</Tag>
        </Descriptions.Item>
        {v.dueAt && (
          <Descriptions.Item label="报送期限">
            {beijingDateTime(v.dueAt)}
            {v.dueBasis && <Typography.Paragraph type="secondary">{v.dueBasis}</Typography.Paragraph>}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5}>推送记录</Typography.Title>
      <Timeline
        items={v.log.map((l) => ({
          color: l.outcome === 'delivered' ? 'green' : l.outcome === 'requeued' ? 'blue' : 'red',
          children: (
            <>
              <Typography.Text strong>
                {beijingDateTime(l.at)} {l.kindLabel}：{l.outcomeLabel}
              </Typography.Text>
              {l.httpStatus !== null && <Typography.Text type="secondary">（对方答复 {l.httpStatus}）</Typography.Text>}
              {l.error && <Typography.Paragraph type="secondary">{l.error}</Typography.Paragraph>}
            </>
          ),
        }))}
      />
    </Space>
  );
}

/**
 * 对外推送记录 (MON-03): every push of the gateway's one outbox — to the unified portals, the e-licence sharing
 * service, the national 双随机 platform and the 好差评 system — with its status, attempts, next retry and legal
 * due date; a push that stopped retrying (or was lost by the partner) is put back in line with 重新推送.
 */
export function PartnerDeliveriesPage() {
  const { can } = useAuth();
  const [open, setOpen] = useState<DeliveryRow | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const post = usePost(() => undefined);
  const columns: ListColumn<DeliveryRow>[] = [
    { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => beijingDateTime(v) },
    { title: '对接平台', dataIndex: 'partnerName' },
    { title: '推送内容', dataIndex: 'topicLabel' },
    { title: '事项', dataIndex: 'subject', hideOnCard: true },
    { title: '状态', dataIndex: 'statusLabel', render: (v: string, r) => <Tag color={STATUS_COLORS[r.status]}>{v}</Tag> },
    { title: '推送次数', key: 'attempts', render: (_, r) => `${r.attempts} / ${r.maxAttempts}` },
    { title: '下次重试', dataIndex: 'nextAttemptAt', render: (v: string | null) => (v ? beijingDateTime(v) : '—') },
    {
      title: '报送期限',
      dataIndex: 'dueAt',
      render: (v: string | null, r) =>
        v ? (
          <Space wrap>
            {beijingDateTime(v)}
            {r.overdue && <Tag color="error">已超期</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '最近错误', dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) => (
        <Space wrap>
          <Button onClick={() => setOpen(r)}>推送记录</Button>
          {r.replayable && can('system:partner_delivery:replay') && (
            <Button type="primary" onClick={() => void post(`/api/v1/gateway/deliveries/${r.id}/replay`, { version: r.version }, '已重新排队推送')}>
              重新推送
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <ListPage<DeliveryRow>
        listKey="partner-deliveries"
        title="对外推送记录"
        endpoint="/api/v1/gateway/deliveries"
        searchPlaceholder="事项或平台名称"
        filters={[
          {
            param: 'status',
            label: '状态',
            kind: 'segmented',
            options: Object.entries(PARTNER_DELIVERY_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          },
          { param: 'topic', label: '推送内容', options: Object.entries(DELIVERY_TOPIC_LABELS).map(([value, label]) => ({ value, label })) },
        ]}
        columns={columns}
        rowKey={(r) => r.id}
        cardTitle={(r) => r.subject}
        emptyText="暂无推送"
      />
      <Modal open={!!open} title="推送记录" footer={null} onCancel={close} destroyOnHidden>
        {open && <DeliveryLog id={open.id} />}
      </Modal>
    </>
  );
}
