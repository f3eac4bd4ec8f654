import { PlusOutlined } from '@ant-design/icons';
import type { InterferenceRecordRequest, InterferenceRecordView } from '@fep/contracts';
import { INTERFERENCE_ACT_LABELS, INTERFERENCE_CHANNEL_LABELS, INTERFERENCE_ROLE_LABELS } from '@fep/domain';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * 干预插手记录 (ENF-08): anyone on the staff records an insider's attempt to ask about, direct or influence a
 * case; oversight staff see the records of their agency and those below it, everyone else their own. A
 * record cannot be changed or deleted once saved (the form says so before it is sent).
 */
export function InterferencePage() {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const oversight = can('oversight:interference:read');
  const columns: ListColumn<InterferenceRecordView>[] = [
    { title: '干预人', dataIndex: 'personName', hideOnCard: true, render: (v: string, r) => `${v}（${r.personPosition}）` },
    { title: '身份', dataIndex: 'roleLabel', render: (v: string) => <Tag color="red">{v}</Tag> },
    { title: '方式', dataIndex: 'channelLabel' },
    { title: '行为', dataIndex: 'actLabel' },
    { title: '发生时间', dataIndex: 'occurredAt', sortKey: 'occurredAt', render: (v: string) => beijingDateTime(v) },
    { title: '涉及案件', dataIndex: 'caseReference' },
    { title: '具体内容', dataIndex: 'content' },
    { title: '处理情况', dataIndex: 'response', render: (v: string | null) => v ?? '—' },
    { title: '登记人', key: 'recordedBy', render: (_, r) => `${r.recordedBy.name} · ${r.agency.name}` },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">
        领导干部、上级机关和本机构人员过问、干预、插手案件办理的，承办人员应当如实登记；登记后不能修改或删除，由执法监督人员定期通报。
      </Typography.Paragraph>
      <ListPage<InterferenceRecordView>
        listKey="interference"
        title="干预插手记录"
        endpoint="/api/v1/oversight/interference"
        searchPlaceholder="干预人、单位职务、案件编号或内容"
        defaults={{ mine: oversight ? '' : 'true' }}
        filters={[
          ...(oversight
            ? [
                {
                  param: 'mine',
                  label: '范围',
                  kind: 'segmented' as const,
                  options: [
                    { value: '', label: '辖区全部' },
                    { value: 'true', label: '我登记的' },
                  ],
                },
              ]
            : []),
          { param: 'role', label: '身份', options: options(INTERFERENCE_ROLE_LABELS) },
          { param: 'channel', label: '方式', options: options(INTERFERENCE_CHANNEL_LABELS) },
        ]}
        columns={columns}
        rowKey={(r) => r.id}
        cardTitle={(r) => `${r.personName}（${r.personPosition}）`}
        emptyText="暂无干预插手记录"
        extra={
          <Space wrap>
            {oversight && (
              <Link to="/admin/oversight/interference/report">
                <Button>月度通报</Button>
              </Link>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              登记干预情况
            </Button>
          </Space>
        }
      />
      <InterferenceForm open={open} onClose={() => setOpen(false)} />
    </>
  );
}

type FormValues = Omit<InterferenceRecordRequest, 'occurredAt'> & { occurredAt: Dayjs };

function InterferenceForm({ open, onClose }: { open: boolean; onClose(): void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const write = useApiMutation('/api/v1/oversight/');
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const v = await form.validateFields();
    modal.confirm({
      title: '确认登记',
      content: '登记后不能修改或删除，请核对干预人、方式和内容。',
      okText: '确认登记',
      cancelText: '再看看',
      onOk: async () => {
        setError(null);
        try {
          await write.mutateAsync({
            url: '/api/v1/oversight/interference',
            body: { ...v, occurredAt: v.occurredAt.toISOString(), response: v.response || undefined },
            headers: { 'idempotency-key': `interference-${crypto.randomUUID()}` },
          });
          message.success('已登记');
          form.resetFields();
          onClose();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : '登记失败');
        }
      },
    });
  }
  return (
    <Modal
      open={open}
      title="登记干预、插手案件情况"
      onCancel={onClose}
      onOk={() => void submit()}
      okText="登记"
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ channel: 'phone', act: 'inquiry', role: 'leading_cadre', occurredAt: dayjs() }}>
        <Form.Item name="personName" label="干预人姓名" rules={[{ required: true, message: '请填写干预人姓名' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="personPosition" label="单位及职务" rules={[{ required: true, min: 2, message: '请填写干预人的单位及职务' }]}>
          <Input maxLength={100} placeholder="如 某区住建局副局长" />
        </Form.Item>
        <Form.Item name="role" label="身份">
          <Select options={options(INTERFERENCE_ROLE_LABELS)} />
        </Form.Item>
        <Form.Item name="channel" label="方式">
          <Select options={options(INTERFERENCE_CHANNEL_LABELS)} />
        </Form.Item>
        <Form.Item name="act" label="行为">
          <Select options={options(INTERFERENCE_ACT_LABELS)} />
        </Form.Item>
        <Form.Item name="occurredAt" label="发生时间" rules={[{ required: true, message: '请选择发生时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="caseReference" label="涉及案件（编号）" rules={[{ required: true, min: 2, message: '请填写案件编号或名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label="过问或干预的具体内容" rules={[{ required: true, min: 4, message: '请如实填写具体内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="response" label="处理情况">
          <Input.TextArea rows={2} maxLength={1000} placeholder="如 已告知依法办理，未予答应" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
