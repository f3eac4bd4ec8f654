import type { CreditRequestList, CreditRequestView } from '@fep/contracts';
import { CREDIT_RECORD_KIND_LABELS, CREDIT_REQUEST_KIND_LABELS, CREDIT_REQUEST_STATUS_LABELS } from '@fep/domain';
import { Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { QueuePage } from '../../components/QueuePage.tsx';
import { usePost } from '../../components/usePost.ts';

/** 信用修复与异议 (CRD-03): the agency's queue of repair and objection requests, due date first; decided with reasons. */
export function CreditRequestsPage() {
  const { can } = useAuth();
  const [deciding, setDeciding] = useState<{ r: CreditRequestView; approve: boolean } | null>(null);
  const close = useCallback(() => setDeciding(null), []);
  const post = usePost(close);
  const approveLabel = (r: CreditRequestView) => (r.kind === 'repair' ? '准予修复' : '异议成立，更正');
  const rejectLabel = (r: CreditRequestView) => (r.kind === 'repair' ? '不予修复' : '维持记录');
  return (
    <QueuePage<CreditRequestList>
      title="信用修复与异议"
      endpoint="/api/v1/credit/requests"
      pendingQuery="status=pending"
      pendingLabel="待办理"
      emptyText="没有申请"
      columns={[
        { title: '类型', dataIndex: 'kind', render: (v: CreditRequestView['kind']) => <Tag>{CREDIT_REQUEST_KIND_LABELS[v]}</Tag> },
        { title: '单位', dataIndex: 'subjectName', render: (v: string, r) => <Link to={`/admin/credit/units/${r.usci}`}>{v}</Link> },
        { title: '信用记录', dataIndex: 'recordKind', render: (v: CreditRequestView['recordKind']) => CREDIT_RECORD_KIND_LABELS[v] },
        { title: '理由', dataIndex: 'reason' },
        { title: '办理期限', dataIndex: 'dueOn' },
        { title: '状态', dataIndex: 'status', render: (v: CreditRequestView['status']) => CREDIT_REQUEST_STATUS_LABELS[v] },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, r) =>
            r.status === 'pending' && can('credit:request:decide') ? (
              <Space wrap>
                <Button type="primary" onClick={() => setDeciding({ r, approve: true })}>
                  {approveLabel(r)}
                </Button>
                <Button onClick={() => setDeciding({ r, approve: false })}>{rejectLabel(r)}</Button>
              </Space>
            ) : null,
        },
      ]}
    >
      <Modal
        open={!!deciding}
        title={deciding ? (deciding.approve ? approveLabel(deciding.r) : rejectLabel(deciding.r)) : ''}
        footer={null}
        onCancel={close}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={(v: { reason: string }) =>
            void post(
              `/api/v1/credit/requests/${deciding!.r.id}/decision`,
              { approve: deciding!.approve, reason: v.reason, version: deciding!.r.version },
              '已办结',
            )
          }
        >
          <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请说明理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            确定
          </Button>
        </Form>
      </Modal>
    </QueuePage>
  );
}
