import type { OrderView } from '@fep/contracts';
import { ORDER_EXTENSION_STATUS_LABELS } from '@fep/domain';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ClockCard } from '../../components/ClockCard.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { downloadWithAuth } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';

/** The unit's rectification orders in the portal: what to fix, by when, and the online answers (SUP-10). */
export function MyOrdersPage() {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [acting, setActing] = useState<{ order: OrderView; kind: 'extension' | 'rectified' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const orders = useApi<OrderView[]>(!loading && me?.kind === 'applicant' ? '/api/v1/portal/orders' : null).data ?? null;
  const write = useApiMutation('/api/v1/portal/orders');
  // Not data fetching: a visitor who is not a signed-in applicant is sent to the login page.
  useEffect(() => {
    if (!loading && me?.kind !== 'applicant') navigate('/login');
  }, [me, loading, navigate]);
  async function submit(v: { days?: number; reason?: string; note?: string }) {
    setError(null);
    try {
      if (acting!.kind === 'extension')
        await write.mutateAsync({ url: `/api/v1/portal/orders/${acting!.order.id}/extension`, body: { days: v.days, reason: v.reason } });
      else await write.mutateAsync({ url: `/api/v1/portal/orders/${acting!.order.id}/rectified`, body: { note: v.note, photoIds: [] } });
      message.success(acting!.kind === 'extension' ? '延期申请已提交' : '已报告整改完毕，将在 3 个工作日内复查');
      setActing(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  return (
    <PortalPage>
      <Typography.Title level={3}>整改通知</Typography.Title>
      {orders === null ? (
        <Skeleton active />
      ) : orders.length === 0 ? (
        <Empty description="暂无整改通知" />
      ) : (
        <List
          dataSource={orders}
          renderItem={(o) => (
            <Card
              style={{ marginBottom: 16, width: '100%' }}
              title={
                <Space wrap>
                  {o.number}
                  <Tag color={{ open: 'processing', reported: 'cyan', closed: 'success', escalated: 'error' }[o.status]}>{o.statusLabel}</Tag>
                  {o.listed && <Tag color="red">重大火灾隐患 挂牌督办</Tag>}
                </Space>
              }
              extra={<Button onClick={() => void downloadWithAuth(`/api/v1/portal/orders/${o.id}/pdf`, `${o.number}.pdf`)}>下载通知书</Button>}
            >
              <Typography.Paragraph>
                <b>须整改：</b>
              </Typography.Paragraph>
              <ul>
                {o.items.map((i) => (
                  <li key={i.description}>
                    {i.description} {i.major && <Tag color="red">重大隐患</Tag>}
                  </li>
                ))}
              </ul>
              {o.guidance && <Alert type="info" showIcon message={`整改指导：${o.guidance}`} style={{ marginBottom: 12 }} />}
              <Typography.Paragraph>
                <b>整改期限：</b>
                {o.deadline}
              </Typography.Paragraph>
              {o.status === 'open' && o.clock && <ClockCard clock={o.clock} />}
              {o.extensions.map((e) => (
                <div key={e.id} style={{ marginTop: 8 }}>
                  延期申请 {e.days} 个工作日：{ORDER_EXTENSION_STATUS_LABELS[e.status]}
                  {e.decisionReason ? `（${e.decisionReason}）` : ''}
                </div>
              ))}
              {o.status === 'open' && (
                <Space style={{ marginTop: 12 }}>
                  <Button type="primary" onClick={() => setActing({ order: o, kind: 'rectified' })}>
                    报告整改完毕
                  </Button>
                  <Button onClick={() => setActing({ order: o, kind: 'extension' })}>申请延期</Button>
                </Space>
              )}
            </Card>
          )}
        />
      )}
      <Modal
        open={!!acting}
        title={acting?.kind === 'extension' ? '申请延长整改期限' : '报告整改完毕'}
        footer={null}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ days: 5 }}>
          {acting?.kind === 'extension' ? (
            <>
              <Form.Item name="days" label="延长（工作日）">
                <InputNumber min={1} max={30} />
              </Form.Item>
              <Form.Item name="reason" label="理由" rules={[{ required: true, min: 4, message: '请说明延期理由' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="note" label="整改情况" rules={[{ required: true, min: 2, message: '请说明整改情况' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit">
            提交
          </Button>
        </Form>
      </Modal>
    </PortalPage>
  );
}
