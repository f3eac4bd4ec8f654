import type { OfficerComplaintContactView, OfficerComplaintView } from '@fep/contracts';
import { COMPLAINT_FINDING_LABELS, OFFICER_COMPLAINT_QUEUE_LABELS } from '@fep/domain';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const STATUS_COLORS: Record<OfficerComplaintView['status'], string> = {
  submitted: 'orange',
  accepted: 'processing',
  concluded: 'success',
  declined: 'default',
};

/**
 * 执法投诉 (OVS-03, 消防法第五十七条): complaints about officers from the public channel, kept apart from hazard
 * reports. Oversight staff accept them, conclude with a finding and a reply the complainant reads with the
 * tracking code, or decline with a reply. The complainant is masked; 联系方式 shows it in clear and that
 * look is recorded.
 */
export function OfficerComplaintsPage() {
  const { message, modal } = App.useApp();
  const write = useApiMutation<OfficerComplaintView>('/api/v1/oversight/');
  const [closing, setClosing] = useState<{ row: OfficerComplaintView; kind: 'conclude' | 'decline' } | null>(null);
  const [contact, setContact] = useState<OfficerComplaintContactView | null>(null);

  function accept(row: OfficerComplaintView) {
    modal.confirm({
      title: '受理该投诉举报',
      content: '受理后由您负责调查处理，并在办结时答复投诉人。',
      okText: '确认受理',
      cancelText: '取消',
      onOk: async () => {
        try {
          await write.mutateAsync({ url: `/api/v1/oversight/officer-complaints/${row.id}/accept` });
          message.success('已受理');
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '受理失败');
        }
      },
    });
  }
  async function showContact(row: OfficerComplaintView) {
    try {
      setContact(await api<OfficerComplaintContactView>(`/api/v1/oversight/officer-complaints/${row.id}/contact`, { method: 'POST' }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '查看失败');
    }
  }

  const columns: ListColumn<OfficerComplaintView>[] = [
    { title: '状态', dataIndex: 'statusLabel', render: (v: string, r) => <Tag color={STATUS_COLORS[r.status]}>{v}</Tag> },
    { title: '被投诉人', key: 'officer', render: (_, r) => [r.officerName, r.officerBadge && `证号 ${r.officerBadge}`].filter(Boolean).join('，') || '未提供' },
    {
      title: '反映内容',
      dataIndex: 'account',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: '发生日期', dataIndex: 'occurredOn', render: (v: string | null) => v ?? '—' },
    { title: '投诉人', key: 'complainant', render: (_, r) => (r.anonymous ? '匿名' : [r.complainantName, r.complainantPhone].filter(Boolean).join(' ')) },
    { title: '受理机构', key: 'agency', render: (_, r) => r.agency.name },
    { title: '收到时间', dataIndex: 'submittedAt', sortKey: 'submittedAt', render: (v: string) => beijingDateTime(v) },
    {
      title: '办理',
      key: 'handling',
      render: (_, r) =>
        r.handler ? (
          <span>
            {r.handler.name}
            {r.findingLabel ? ` · ${r.findingLabel}` : ''}
            {r.reply && (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
                答复：{r.reply}
              </Typography.Paragraph>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) => (
        <Space wrap>
          {r.status === 'submitted' && (
            <>
              <Button size="small" type="primary" onClick={() => accept(r)}>
                受理
              </Button>
              <Button size="small" onClick={() => setClosing({ row: r, kind: 'decline' })}>
                不予受理
              </Button>
            </>
          )}
          {r.status === 'accepted' && (
            <Button size="small" type="primary" onClick={() => setClosing({ row: r, kind: 'conclude' })}>
              办结答复
            </Button>
          )}
          {!r.anonymous && (
            <Button size="small" onClick={() => void showContact(r)}>
              联系方式
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <ListPage<OfficerComplaintView>
        listKey="officer-complaints"
        title="执法投诉"
        endpoint="/api/v1/oversight/officer-complaints"
        searchPlaceholder="被投诉人姓名、证号或反映内容"
        defaults={{ status: 'submitted' }}
        filters={[{ param: 'status', label: '状态', kind: 'segmented', options: [...options(OFFICER_COMPLAINT_QUEUE_LABELS), { value: '', label: '全部' }] }]}
        columns={columns}
        rowKey={(r) => r.id}
        cardTitle={(r) => r.officerName ?? '被投诉人未提供姓名'}
        emptyText="暂无投诉举报"
      />
      <CloseModal target={closing} onClose={() => setClosing(null)} />
      <Modal open={!!contact} title="投诉人联系方式" footer={null} onCancel={() => setContact(null)}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本次查看已记入执法记录，请仅用于核实和答复。" />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="姓名">{contact?.complainantName ?? '未提供'}</Descriptions.Item>
          <Descriptions.Item label="电话">{contact?.complainantPhone ?? '未提供'}</Descriptions.Item>
        </Descriptions>
      </Modal>
    </>
  );
}

function CloseModal({ target, onClose }: { target: { row: OfficerComplaintView; kind: 'conclude' | 'decline' } | null; onClose(): void }) {
  const { message } = App.useApp();
  const write = useApiMutation('/api/v1/oversight/');
  const [form] = Form.useForm<{ finding?: string; reply: string }>();
  const [error, setError] = useState<string | null>(null);
  const conclude = target?.kind === 'conclude';
  async function submit() {
    const v = await form.validateFields();
    setError(null);
    try {
      await write.mutateAsync({
        url: `/api/v1/oversight/officer-complaints/${target!.row.id}/${target!.kind}`,
        body: conclude ? { finding: v.finding, reply: v.reply } : { reply: v.reply },
      });
      message.success(conclude ? '已办结，投诉人可凭查询码查看答复' : '已不予受理并答复');
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  return (
    <Modal
      open={!!target}
      title={conclude ? '办结并答复投诉人' : '不予受理并答复'}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={conclude ? '办结' : '不予受理'}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ finding: 'substantiated' }}>
        {conclude && (
          <Form.Item name="finding" label="调查结论" rules={[{ required: true, message: '请选择调查结论' }]}>
            <Radio.Group options={options(COMPLAINT_FINDING_LABELS)} />
          </Form.Item>
        )}
        <Form.Item
          name="reply"
          label={conclude ? '答复意见（投诉人凭查询码可见）' : '答复意见（说明去向，投诉人凭查询码可见）'}
          rules={[{ required: true, min: 4, message: '请填写答复意见' }]}
        >
          <Input.TextArea rows={4} maxLength={3000} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
