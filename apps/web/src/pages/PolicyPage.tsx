import { PlusOutlined } from '@ant-design/icons';
import type { PolicyVersionRequest, ResolvedPoliciesView } from '@fep/contracts';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { type Agency, ApiError, newIdempotencyKey, type Provenance } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { renderPolicyValue } from '../components/policyValue.tsx';
import { useApiMutation } from '../mutation.ts';
import { useApi } from '../query.ts';

const NO_AGENCIES: Agency[] = [];

function ProvenanceTag({ p }: { p: Provenance }) {
  const basis = `${p.legalBasis.document}${p.legalBasis.clause ? ` ${p.legalBasis.clause}` : ''}`;
  if (p.source === 'national') {
    return (
      <Tooltip title={basis}>
        <Tag color="blue">国家规定</Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={basis}>
      <Tag color="volcano">
        {p.agencyName} 第{p.version}版 · {p.effectiveFrom}起
      </Tag>
    </Tooltip>
  );
}

/** The new-version dialog's form (the values as JSON text, the date as a DatePicker value). */
interface VersionForm {
  kind: string;
  effectiveFrom: Dayjs;
  values: string;
  document: string;
  clause?: string;
  note?: string;
}

export function PolicyPage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const agencies = useApi<Agency[]>('/api/v1/agencies').data ?? NO_AGENCIES;
  const [agency, setAgency] = useState<string | undefined>(me?.agency?.id);
  const [at, setAt] = useState<Dayjs>(dayjs());
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<VersionForm>();

  const mine = useMemo(() => {
    const own = agencies.find((a) => a.id === me?.agency?.id);
    return own ? agencies.filter((a) => a.path.startsWith(own.path)) : [];
  }, [agencies, me]);

  const data = useApi<ResolvedPoliciesView>(agency ? `/api/v1/policies/resolved?agency=${agency}&at=${at.format('YYYY-MM-DD')}` : null).data ?? null;
  const addVersion = useApiMutation<unknown, PolicyVersionRequest>('/api/v1/policies', '/api/v1/licensing/guide', '/api/v1/services');

  function openForm() {
    const first = data?.policies[0];
    form.setFieldsValue({ kind: first?.kind, effectiveFrom: dayjs().add(1, 'day'), values: first ? JSON.stringify(first.values, null, 2) : '{}' });
    setFormError(null);
    setOpen(true);
  }

  async function save() {
    const v = await form.validateFields();
    let values: unknown;
    try {
      values = JSON.parse(v.values);
    } catch {
      setFormError('参数取值须为有效的 JSON');
      return;
    }
    setSaving(true);
    try {
      await addVersion.mutateAsync({
        url: '/api/v1/policies/versions',
        headers: { 'idempotency-key': newIdempotencyKey() },
        body: {
          agencyId: agency as string,
          kind: v.kind,
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          values: values as Record<string, unknown>,
          legalBasis: { document: v.document, ...(v.clause ? { clause: v.clause } : {}) },
          ...(v.note ? { note: v.note } : {}),
        },
      });
      message.success('已新增政策参数版本');
      setOpen(false);
    } catch (e) {
      if (e instanceof ApiError) {
        const problems = (e.details as { problems?: { path: string; message: string }[] } | null)?.problems;
        setFormError(problems?.length ? `${e.message}：${problems.map((p) => `${p.path} ${p.message}`).join('；')}` : e.message);
      } else setFormError('保存失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          政策参数
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Select style={{ width: 260 }} value={agency} onChange={setAgency} options={mine.map((a) => ({ value: a.id, label: a.name }))} aria-label="机构" />
          <DatePicker value={at} onChange={(d) => d && setAt(d)} allowClear={false} aria-label="适用日期" />
          {can('policy:policy:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={openForm} disabled={!data}>
              新增版本
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        每项参数显示其在所选日期的取值和来源：国家规定（法律、部门规章），或省、市、县级机构发布的版本及其依据文件。新版本只能自今日或以后生效，已作出的决定保留其所用版本。
      </Typography.Paragraph>
      {!data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {data.policies.map((p) => (
            <Card
              key={p.kind}
              type="inner"
              title={p.title}
              extra={
                <Typography.Text type="secondary" copyable={{ text: p.versionKey }}>
                  {p.versionKey}
                </Typography.Text>
              }
            >
              <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>
              <Descriptions column={1} bordered size="small" styles={{ label: { width: 260 } }}>
                {Object.entries(p.fields).map(([field, def]) => (
                  <Descriptions.Item key={field} label={def.label}>
                    <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                      <div>{renderPolicyValue(p.values[field])}</div>
                      {p.provenance[field] && <ProvenanceTag p={p.provenance[field]} />}
                    </Space>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          ))}
        </Space>
      )}
      <Modal
        title={`新增政策参数版本 · ${data?.agency.name ?? ''}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={saving}
        okText="保存"
        width={720}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="参数种类" rules={[{ required: true }]}>
            <Select
              options={data?.policies.map((p) => ({ value: p.kind, label: p.title }))}
              onChange={(k: string) => {
                const p = data?.policies.find((x) => x.kind === k);
                if (p) form.setFieldValue('values', JSON.stringify(p.values, null, 2));
              }}
            />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="values" label="参数取值（JSON，仅需填写要改变的字段；null 表示沿用上级）" rules={[{ required: true }]}>
            <Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item name="document" label="依据文件（文号或名称）" rules={[{ required: true, message: '请填写依据文件' }, { min: 2 }]}>
            <Input placeholder="如 赣消〔2020〕12号" />
          </Form.Item>
          <Form.Item name="clause" label="条款">
            <Input placeholder="如 第四条第二款" />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
