import type { DisclosureList, DisclosureView } from '@fep/contracts';
import { DISCLOSURE_OUTCOME_LABELS, DUE_FILTER_LABELS } from '@fep/domain';
import { Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth.tsx';
import { QueuePage } from '../../components/QueuePage.tsx';
import { usePost } from '../../components/usePost.ts';

const ALERT_COLORS: Record<string, string> = { ok: 'default', due_soon: 'warning', overdue: 'error' };
// The due-soon / overdue wording of the lists' due filter (one label source with the API).
const ALERT_LABELS: Partial<Record<string, string>> = DUE_FILTER_LABELS;

/** 政府信息公开申请 (SVC-06): the agency's queue with the statutory due date; extension once with approval; the reply. */
export function DisclosureQueuePage() {
  const { can } = useAuth();
  const [acting, setActing] = useState<{ r: DisclosureView; kind: 'extend' | 'reply' } | null>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  return (
    <QueuePage<DisclosureList>
      title="政府信息公开申请"
      endpoint="/api/v1/disclosure/requests"
      emptyText="没有申请"
      columns={[
        { title: '申请人', dataIndex: 'name' },
        { title: '申请内容', dataIndex: 'content' },
        {
          title: '答复期限',
          key: 'due',
          render: (_: unknown, r) => (
            <Space wrap>
              {r.dueDate}
              {r.extended && <Tag>已延期</Tag>}
              {r.status === 'pending' && ALERT_LABELS[r.alert] ? <Tag color={ALERT_COLORS[r.alert]}>{ALERT_LABELS[r.alert]}</Tag> : null}
            </Space>
          ),
        },
        { title: '状态', key: 'status', render: (_: unknown, r) => (r.outcomeLabel ? `${r.statusLabel}（${r.outcomeLabel}）` : r.statusLabel) },
        { title: '联系方式', dataIndex: 'contact' },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, r) =>
            r.status === 'pending' ? (
              <Space wrap>
                {can('services:disclosure:handle') && (
                  <Button type="primary" onClick={() => setActing({ r, kind: 'reply' })}>
                    答复
                  </Button>
                )}
                {can('services:disclosure:approve') && !r.extended && <Button onClick={() => setActing({ r, kind: 'extend' })}>批准延期</Button>}
              </Space>
            ) : null,
        },
      ]}
    >
      <Modal
        open={!!acting}
        title={acting?.kind === 'extend' ? '批准延长答复期限（20 个工作日，只能一次）' : '答复申请'}
        footer={null}
        onCancel={close}
        destroyOnHidden
      >
        {acting?.kind === 'extend' ? (
          <Form
            layout="vertical"
            onFinish={(v: { reason: string }) =>
              void post(`/api/v1/disclosure/requests/${acting.r.id}/extension`, { reason: v.reason, version: acting.r.version }, '已延期')
            }
          >
            <Form.Item name="reason" label="延期理由（将告知申请人）" rules={[{ required: true, min: 2, message: '请填写延期理由' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : acting ? (
          <Form
            layout="vertical"
            onFinish={(v: { outcome: string; reply: string }) =>
              void post(`/api/v1/disclosure/requests/${acting.r.id}/reply`, { ...v, version: acting.r.version }, '已答复')
            }
          >
            <Form.Item name="outcome" label="答复结果" rules={[{ required: true, message: '请选择答复结果' }]}>
              <Select options={Object.entries(DISCLOSURE_OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="reply" label="答复内容" rules={[{ required: true, min: 2, message: '请填写答复内容' }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : null}
      </Modal>
    </QueuePage>
  );
}
