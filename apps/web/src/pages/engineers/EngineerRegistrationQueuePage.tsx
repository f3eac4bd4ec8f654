import type { EngineerRegistrationList, EngineerRegistrationView } from '@fep/contracts';
import { DUE_FILTER_LABELS } from '@fep/domain';
import { Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth.tsx';
import { QueuePage } from '../../components/QueuePage.tsx';
import { usePost } from '../../components/usePost.ts';

const ALERT_COLORS: Record<string, string> = { ok: 'default', due_soon: 'warning', overdue: 'error' };
const ALERT_LABELS: Partial<Record<string, string>> = DUE_FILTER_LABELS;
const OUTCOMES = [
  { value: 'approve', label: '准予注册' },
  { value: 'refuse', label: '不予注册' },
];

/** 注册消防工程师注册 (LIC-12): the agency's queue with the decision's due date; decide, then record the courier. */
export function EngineerRegistrationQueuePage() {
  const { can } = useAuth();
  const [acting, setActing] = useState<{ r: EngineerRegistrationView; kind: 'decide' | 'dispatch' } | null>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  return (
    <QueuePage<EngineerRegistrationList>
      title="注册消防工程师注册"
      endpoint="/api/v1/engineers/registrations"
      emptyText="没有申请"
      columns={[
        { title: '申请人', key: 'name', render: (_: unknown, r) => `${r.name}（${r.idNumberMasked}）` },
        { title: '级别', dataIndex: 'levelLabel' },
        { title: '聘用单位', dataIndex: 'employer' },
        { title: '材料', key: 'materials', render: (_: unknown, r) => `${r.materials.length} 份，已承诺` },
        {
          title: '审核期限',
          key: 'due',
          render: (_: unknown, r) => (
            <Space wrap>
              {r.dueDate}
              {r.status === 'pending' && ALERT_LABELS[r.alert] ? <Tag color={ALERT_COLORS[r.alert]}>{ALERT_LABELS[r.alert]}</Tag> : null}
            </Space>
          ),
        },
        { title: '状态', dataIndex: 'statusLabel' },
        { title: '证书编号', key: 'cert', render: (_: unknown, r) => r.certificateNo ?? '—' },
        { title: '寄递', key: 'courier', render: (_: unknown, r) => (r.trackingNo ? `${r.courier} ${r.trackingNo}` : '—') },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, r) => (
            <Space wrap>
              {r.status === 'pending' && can('market:engineer:register') && (
                <Button type="primary" onClick={() => setActing({ r, kind: 'decide' })}>
                  审核
                </Button>
              )}
              {r.status === 'approved' && can('market:engineer:dispatch') && (
                <Button type="primary" onClick={() => setActing({ r, kind: 'dispatch' })}>
                  寄递证书和印章
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    >
      <Modal open={!!acting} title={acting?.kind === 'dispatch' ? '登记寄递单号' : '审核注册申请'} footer={null} onCancel={close} destroyOnHidden>
        {acting?.kind === 'dispatch' ? (
          <Form
            layout="vertical"
            onFinish={(v: { courier: string; trackingNo: string }) =>
              void post(`/api/v1/engineers/registrations/${acting.r.id}/dispatch`, { ...v, version: acting.r.version }, '已登记寄递')
            }
          >
            <Typography.Paragraph>收件地址：{acting.r.mailingAddress}</Typography.Paragraph>
            <Form.Item name="courier" label="快递公司" rules={[{ required: true, min: 2, message: '请填写快递公司' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="trackingNo" label="快递单号" rules={[{ required: true, pattern: /^[0-9A-Za-z-]{6,40}$/, message: '请填写 6–40 位快递单号' }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : acting ? (
          <Form
            layout="vertical"
            onFinish={(v: { outcome: string; reasons?: string }) =>
              void post(`/api/v1/engineers/registrations/${acting.r.id}/decision`, { ...v, version: acting.r.version }, '已作出决定')
            }
          >
            <Form.Item name="outcome" label="审核结果" rules={[{ required: true, message: '请选择审核结果' }]}>
              <Select options={OUTCOMES} />
            </Form.Item>
            <Form.Item name="reasons" label="理由（不予注册时必填）">
              <Input.TextArea rows={3} maxLength={1000} />
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
