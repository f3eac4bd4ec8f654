import type { PendingExtensionView as Ext, OrderView } from '@fep/contracts';
import { Button, Card, Modal, Space, Tag, Typography } from 'antd';
import { useAuth } from '../../auth.tsx';
import { AlertTag } from '../../components/ClockTable.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { downloadWithAuth } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** The usePost invalidation refetches both lists; nothing else to do after an action. */
const nothing = () => {};

/** SUP-10/11: rectification orders of the jurisdiction, extension requests, listed major hazards, escalation. */
export function OrdersPage() {
  const { can } = useAuth();
  const orders = useApi<OrderView[]>('/api/v1/rectification-orders').data ?? null;
  const exts = useApi<Ext[]>(can('supervision:order:manage') ? '/api/v1/order-extensions' : null).data ?? [];
  const post = usePost(nothing);
  return (
    <div>
      <Typography.Title level={4}>隐患整改</Typography.Title>
      {exts.length > 0 && (
        <Card title="待审批的延期申请" style={{ marginBottom: 16 }}>
          <ResponsiveTable<Ext>
            cardHead={2}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={exts}
            columns={[
              { title: '通知书', dataIndex: 'number' },
              { title: '单位', dataIndex: 'subject_name' },
              { title: '原期限', dataIndex: 'deadline_date' },
              { title: '申请延长', dataIndex: 'requested_days', render: (d: number) => `${d} 个工作日` },
              { title: '理由', dataIndex: 'reason' },
              {
                title: '审批',
                key: 'actions',
                render: (_, e) => (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => void post(`/api/v1/order-extensions/${e.id}/decision`, { approve: true, reason: '理由充分，准予延期' }, '已准予延期')}
                    >
                      准予
                    </Button>
                    <Button
                      size="small"
                      onClick={() => void post(`/api/v1/order-extensions/${e.id}/decision`, { approve: false, reason: '理由不充分，请按期整改' }, '已驳回')}
                    >
                      驳回
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card className="list-frame">
        <ResponsiveTable<OrderView>
          cardHead={2}
          rowKey="id"
          loading={orders === null}
          dataSource={orders ?? []}
          pagination={pageWithTotal()}
          locale={{ emptyText: '暂无整改通知' }}
          columns={[
            { title: '通知书', dataIndex: 'number' },
            {
              title: '单位',
              dataIndex: 'subject',
              render: (v: string, o) => (
                <>
                  {v} {o.listed && <Tag color="red">挂牌督办</Tag>}
                </>
              ),
            },
            {
              title: '整改期限',
              dataIndex: 'deadline',
              render: (d: string, o) => (
                <>
                  {d} {o.clock && o.status === 'open' && <AlertTag c={o.clock} />}
                </>
              ),
            },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              render: (v: string, o) => <Tag color={{ open: 'processing', reported: 'cyan', closed: 'success', escalated: 'error' }[o.status]}>{v}</Tag>,
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, o) => (
                <Space>
                  <Button size="small" onClick={() => void downloadWithAuth(`/api/v1/rectification-orders/${o.id}/pdf`, `${o.number}.pdf`)}>
                    文书
                  </Button>
                  {o.status === 'open' && can('supervision:order:manage') && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        Modal.confirm({
                          title: '移送执法办案？',
                          content: '逾期未改正的，移送立案查处。',
                          onOk: () => post(`/api/v1/rectification-orders/${o.id}/escalate`, { reason: '逾期未改正' }, '已移送执法'),
                        })
                      }
                    >
                      移送执法
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
