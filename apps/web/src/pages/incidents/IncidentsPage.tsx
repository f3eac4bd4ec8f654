import type { IncidentList, IncidentView, InspectorView, ProcedureCheckView } from '@fep/contracts';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';

export const TIER_COLORS: Record<string, string> = { onsite_registration: 'green', simple: 'blue', general: 'volcano' };

const COLUMNS = [
  {
    title: '火灾地点',
    dataIndex: 'place',
    render: (v: string, i: IncidentView) => (
      <div>
        <Link to={`/admin/incidents/${i.id}`}>{v}</Link>
        <div style={{ color: 'rgba(0,0,0,0.65)' }}>{i.unitName ?? '（无单位）'}</div>
      </div>
    ),
  },
  { title: '调查程序', dataIndex: 'tier', render: (t: string, i: IncidentView) => <Tag color={TIER_COLORS[t]}>{i.tierLabel}</Tag> },
  { title: '状态', dataIndex: 'statusLabel' },
  { title: '现场封闭', key: 'sealing', render: (_: unknown, i: IncidentView) => i.sealing.statusLabel },
  { title: '报警时间', dataIndex: 'reportedAt', render: (v: string) => beijingDateTime(v) },
  {
    title: '操作',
    key: 'actions',
    render: (_: unknown, i: IncidentView) => (
      <Link to={`/admin/incidents/${i.id}`}>
        <Button>办理</Button>
      </Link>
    ),
  },
];

interface RegisterForm {
  place: string;
  unitUsci?: string;
  reportedAt: string;
  extinguishedAt: string;
  casualties: number;
  directLoss: number;
  flags: string[];
  investigators?: string[];
  areas?: string;
}

const FLAGS = [
  { value: 'factsClear', label: '事实清楚' },
  { value: 'noObjection', label: '当事人无异议' },
  { value: 'noCompensationDispute', label: '无赔偿争议' },
  { value: 'arsonSuspected', label: '有放火嫌疑' },
  { value: 'insuranceClaim', label: '申请保险理赔' },
];

const conditionsOf = (v: RegisterForm) => ({
  factsClear: v.flags.includes('factsClear'),
  noObjection: v.flags.includes('noObjection'),
  noCompensationDispute: v.flags.includes('noCompensationDispute'),
  arsonSuspected: v.flags.includes('arsonSuspected'),
  insuranceClaim: v.flags.includes('insuranceClaim'),
  casualties: v.casualties ?? 0,
  directLoss: v.directLoss ?? 0,
});
const isoOf = (local: string) => new Date(local).toISOString();

/** Registers a fire: the tier follows from the conditions (shown before saving, with the conditions that refuse a lighter one). */
function RegisterIncident({ onClose }: { onClose: () => void }) {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterForm>();
  const [check, setCheck] = useState<ProcedureCheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inspectors = useApi<InspectorView[]>(can('licensing:inspection:assign') ? '/api/v1/inspectors' : null).data ?? [];
  const write = useApiMutation<ProcedureCheckView | IncidentView>();
  async function judge() {
    const v = form.getFieldsValue();
    setError(null);
    try {
      setCheck(
        (await write.mutateAsync({
          url: '/api/v1/incidents/procedure-check',
          body: { regionCode: me?.agency?.regionCode ?? '', conditions: conditionsOf(v) },
        })) as ProcedureCheckView,
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '判定失败');
    }
  }
  async function submit(v: RegisterForm) {
    setError(null);
    const areas = (v.areas ?? '')
      .split(/[，,、\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      const created = (await write.mutateAsync({
        url: '/api/v1/incidents',
        body: {
          place: v.place,
          unitUsci: v.unitUsci || null,
          reportedAt: isoOf(v.reportedAt),
          extinguishedAt: isoOf(v.extinguishedAt),
          conditions: conditionsOf(v),
          investigatorUserIds: v.investigators?.length ? v.investigators : me ? [me.id] : [],
          ...(check?.sealing ? { sealing: { areas, photoFileIds: [] } } : {}),
        },
      })) as IncidentView;
      message.success(`已登记：${created.tierLabel}`);
      navigate(`/admin/incidents/${created.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登记失败');
    }
  }
  return (
    <Modal open title="登记火灾" footer={null} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ casualties: 0, directLoss: 0, flags: ['factsClear', 'noObjection', 'noCompensationDispute'] }}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setCheck(null)}
      >
        <Form.Item name="place" label="火灾地点" rules={[{ required: true, min: 2, message: '请填写火灾地点' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitUsci" label="起火单位统一社会信用代码（可不填）">
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="reportedAt" label="报警时间" rules={[{ required: true, message: '请填写报警时间' }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="extinguishedAt" label="扑灭时间" rules={[{ required: true, message: '请填写扑灭时间' }]}>
            <Input type="datetime-local" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="casualties" label="伤亡人数">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="directLoss" label="直接财产损失（元）">
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="flags" label="火灾情况">
          <Checkbox.Group options={FLAGS} />
        </Form.Item>
        {inspectors.length > 0 && (
          <Form.Item name="investigators" label="调查人员">
            <Select mode="multiple" options={inspectors.map((i) => ({ value: i.userId, label: `${i.name}（${i.agencyName}）` }))} />
          </Form.Item>
        )}
        <Button onClick={() => void judge()} style={{ marginBottom: 12 }}>
          判定调查程序
        </Button>
        {check && (
          <Card size="small" style={{ marginBottom: 12 }}>
            <Tag color={TIER_COLORS[check.tier]}>{check.tierLabel}</Tag>
            {check.sealing ? '须封闭火灾现场' : '不封闭火灾现场'}
            {check.failing.map((f) => (
              <div key={f.message}>· {f.message}</div>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {check.rule.text}（{check.rule.legalBasis}）
            </Typography.Paragraph>
          </Card>
        )}
        {check?.sealing && (
          <Form.Item name="areas" label="现场封闭范围（多个区域用顿号分隔）" rules={[{ required: true, message: '请填写封闭范围' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" disabled={!check}>
          登记
        </Button>
      </Form>
    </Modal>
  );
}

/** 火灾事故调查 of the jurisdiction (FIR-01 … FIR-03): the tier, the sealing and the state of each fire; cards on a phone. */
export function IncidentsPage() {
  const { can } = useAuth();
  const [registering, setRegistering] = useState(false);
  const q = useApi<IncidentList>('/api/v1/incidents');
  return (
    <Card
      className="list-frame"
      title="火灾事故调查"
      extra={
        can('incidents:incident:handle') && (
          <Button type="primary" onClick={() => setRegistering(true)}>
            登记火灾
          </Button>
        )
      }
    >
      {registering && <RegisterIncident onClose={() => setRegistering(false)} />}
      <ResponsiveTable<IncidentView>
        rowKey="id"
        cardHead={2}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        columns={COLUMNS}
        locale={{ emptyText: '暂无火灾事故' }}
      />
    </Card>
  );
}
