import { PlusOutlined } from '@ant-design/icons';
import type { PolicyVersionRequest, ResolvedPoliciesView, ResolvedPolicyView } from '@fep/contracts';
import { getPolicyKind } from '@fep/domain';
import type RjsfForm from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Grid, Input, Modal, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { type Agency, ApiError, newIdempotencyKey, type Provenance } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { renderPolicyValue, type ValueSchema } from '../components/policyValue.tsx';
import { INTERNAL_KEYS, SchemaForm } from '../components/SchemaForm.tsx';
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

/** The new-version dialog's own fields (the values are the generated form's). */
interface VersionForm {
  kind: string;
  effectiveFrom: Dayjs;
  document: string;
  clause?: string;
  note?: string;
}

/** One changed field of a new version: what the confirmation shows before the version takes effect. */
interface Change {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** JSON with sorted keys, so that a value the form merely re-ordered is not a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/**
 * The form's schema for one kind: the kind's TypeBox schema (@fep/domain, the same the API checks), its fields
 * titled by their Chinese labels and help, and the pending-documents list offered as the materials by name.
 */
function formSchemaOf(p: ResolvedPolicyView, materials: unknown): RJSFSchema & { properties: Record<string, RJSFSchema> } {
  const def = getPolicyKind(p.kind);
  const schema = JSON.parse(JSON.stringify(def?.schema ?? { type: 'object', properties: {} })) as RJSFSchema & { properties: Record<string, RJSFSchema> };
  for (const [k, f] of Object.entries(p.fields)) {
    const prop = schema.properties[k];
    if (!prop) continue;
    prop.title = f.label;
    if (f.help) prop.description = f.help;
  }
  const docs = schema.properties.documents;
  const list = (materials as { materials?: { code: string; name: string }[] } | undefined)?.materials;
  if (p.kind === 'licensing.pending_documents' && docs && list)
    docs.items = { type: 'string', title: '材料', anyOf: list.map((m) => ({ type: 'string', const: m.code, title: m.name })) };
  return schema;
}

/** New entries of lists whose entries carry an internal key (`code`, `id`, `key`) get one the form never shows. */
function fillCodes(value: unknown, schema: RJSFSchema | undefined): unknown {
  if (Array.isArray(value)) {
    const items = schema?.items as RJSFSchema | undefined;
    const keys = INTERNAL_KEYS.filter((k) => !!items?.properties && k in items.properties);
    const used = new Set(value.flatMap((v) => keys.map((k) => (v as Record<string, unknown> | null)?.[k])).filter(Boolean));
    let n = 0;
    // Lowercase letters only: valid for every key pattern of the kinds (`^[a-z_]…`, `^[a-z][A-Za-z0-9]…`).
    const next = () => {
      let code: string;
      do {
        let x = n++;
        let letters = '';
        do {
          letters = String.fromCharCode(97 + (x % 26)) + letters;
          x = Math.floor(x / 26) - 1;
        } while (x >= 0);
        code = `new${letters}`;
      } while (used.has(code));
      used.add(code);
      return code;
    };
    return value.map((v) => {
      const filled = fillCodes(v, items) as Record<string, unknown> | null;
      if (!filled || typeof filled !== 'object') return filled;
      const missing = keys.filter((k) => !filled[k]);
      return missing.length ? { ...filled, ...Object.fromEntries(missing.map((k) => [k, next()])) } : filled;
    });
  }
  if (value && typeof value === 'object') {
    const props = (schema?.properties ?? {}) as Record<string, RJSFSchema>;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillCodes(v, props[k])]));
  }
  return value;
}

export function PolicyPage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const agencies = useApi<Agency[]>('/api/v1/agencies').data ?? NO_AGENCIES;
  const [agency, setAgency] = useState<string | undefined>(me?.agency?.id);
  const [at, setAt] = useState<Dayjs>(dayjs());
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<VersionForm>();
  const screens = Grid.useBreakpoint();
  const valuesForm = useRef<RjsfForm<Record<string, unknown>>>(null);

  const mine = useMemo(() => {
    const own = agencies.find((a) => a.id === me?.agency?.id);
    return own ? agencies.filter((a) => a.path.startsWith(own.path)) : [];
  }, [agencies, me]);

  const data = useApi<ResolvedPoliciesView>(agency ? `/api/v1/policies/resolved?agency=${agency}&at=${at.format('YYYY-MM-DD')}` : null).data ?? null;
  const addVersion = useApiMutation<unknown, PolicyVersionRequest>('/api/v1/policies', '/api/v1/licensing/guide', '/api/v1/services');
  const current = data?.policies.find((p) => p.kind === kind) ?? null;
  const materials = data?.policies.find((p) => p.kind === 'licensing.materials')?.values;
  const schema = useMemo(() => (current ? formSchemaOf(current, materials) : null), [current, materials]);

  function chooseKind(k: string) {
    const p = data?.policies.find((x) => x.kind === k);
    setKind(k);
    setValues(structuredClone(p?.values ?? {}));
    setFormError(null);
  }

  function openForm() {
    const first = data?.policies[0];
    form.setFieldsValue({ kind: first?.kind, effectiveFrom: dayjs().add(1, 'day') });
    if (first) chooseKind(first.kind);
    setChanges(null);
    setOpen(true);
  }

  /** Checks both forms and shows what changes against the version in force; nothing is saved yet. */
  async function review() {
    setFormError(null);
    const basicsValid = await form.validateFields().then(
      () => true,
      () => false,
    );
    const valuesValid = valuesForm.current?.validateForm() ?? false;
    if (!basicsValid || !valuesValid || !current) {
      setFormError('请按提示修改标红的内容');
      return;
    }
    const diff = Object.entries(current.fields)
      .filter(([field]) => canonical(values[field]) !== canonical(current.values[field]))
      .map(([field, def]) => ({ field, label: def.label, before: current.values[field], after: values[field] }));
    if (diff.length === 0) {
      setFormError('没有改变任何参数：新版本至少要改变一项');
      return;
    }
    setChanges(diff);
  }

  async function save() {
    if (!changes) return;
    const v = form.getFieldsValue(true) as VersionForm;
    setSaving(true);
    try {
      await addVersion.mutateAsync({
        url: '/api/v1/policies/versions',
        headers: { 'idempotency-key': newIdempotencyKey() },
        body: {
          agencyId: agency as string,
          kind: v.kind,
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          values: Object.fromEntries(changes.map((c) => [c.field, c.after])),
          legalBasis: { document: v.document, ...(v.clause ? { clause: v.clause } : {}) },
          ...(v.note ? { note: v.note } : {}),
        },
      });
      message.success('已新增政策参数版本');
      setChanges(null);
      setOpen(false);
    } catch (e) {
      setChanges(null);
      if (e instanceof ApiError) {
        const problems = (e.details as { problems?: { path: string; message: string }[] } | null)?.problems;
        setFormError(problems?.length ? `${e.message}：${problems.map((p) => p.message).join('；')}` : e.message);
      } else setFormError('保存失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  }

  const basis = (v: VersionForm | undefined) => (v ? `${v.document ?? ''}${v.clause ? ` ${v.clause}` : ''}` : '');

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          政策参数
        </Typography.Title>
      }
    >
      {/* The choices sit in the body, not in the card's header, so that they wrap on a 390 px phone. */}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 260, maxWidth: '100%' }}
          value={agency}
          onChange={setAgency}
          options={mine.map((a) => ({ value: a.id, label: a.name }))}
          aria-label="机构"
        />
        <DatePicker value={at} onChange={(d) => d && setAt(d)} allowClear={false} aria-label="适用日期" />
        {can('policy:policy:manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={openForm} disabled={!data}>
            新增版本
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">
        每项参数显示其在所选日期的取值和来源：国家规定（法律、部门规章），或省、市、县级机构发布的版本及其依据文件。新版本只能自今日或以后生效，已作出的决定保留其所用版本。
      </Typography.Paragraph>
      {!data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {data.policies.map((p) => (
            <Card key={p.kind} type="inner" title={p.title}>
              <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>
              <Descriptions
                column={1}
                bordered
                size="small"
                layout={screens.md ? 'horizontal' : 'vertical'}
                styles={{ label: { width: screens.md ? 260 : undefined } }}
              >
                {Object.entries(p.fields).map(([field, def]) => (
                  <Descriptions.Item key={field} label={def.label}>
                    <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                      <div>{renderPolicyValue(p.values[field], (getPolicyKind(p.kind)?.schema as ValueSchema | undefined)?.properties?.[field])}</div>
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
        onOk={review}
        okText="保存"
        width={{ xs: '100%', md: 760 }}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="参数种类" rules={[{ required: true, message: '请选择参数种类' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={data?.policies.map((p) => ({ value: p.kind, label: p.title }))} onChange={chooseKind} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          {current && schema && (
            <Card size="small" type="inner" title="参数取值" style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary">已填入现行取值；改动的参数构成新版本，其余沿用。</Typography.Paragraph>
              <SchemaForm<Record<string, unknown>>
                key={current.kind}
                schema={schema}
                value={values}
                onChange={(v) => setValues(fillCodes(v, schema) as Record<string, unknown>)}
                formRef={valuesForm}
              />
            </Card>
          )}
          <Form.Item
            name="document"
            label="依据文件（文号或名称）"
            rules={[
              { required: true, message: '请填写依据文件' },
              { min: 2, message: '依据文件至少 2 个字' },
            ]}
          >
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
      <Modal
        title="确认新版本"
        open={!!changes}
        onCancel={() => setChanges(null)}
        onOk={save}
        confirmLoading={saving}
        okText="确认生效"
        cancelText="返回修改"
        width={{ xs: '100%', md: 760 }}
      >
        <Typography.Paragraph>
          {data?.agency.name} 的“{current?.title}”将自 <Typography.Text strong>{form.getFieldValue('effectiveFrom')?.format('YYYY-MM-DD')}</Typography.Text>{' '}
          起按下表取值；已作出的决定保留其所用版本。
        </Typography.Paragraph>
        <Table<Change>
          size="small"
          rowKey="field"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={changes ?? []}
          columns={[
            { title: '参数', dataIndex: 'label' },
            { title: '现行取值', render: (_, c) => renderPolicyValue(c.before, schema?.properties[c.field] as ValueSchema | undefined) },
            {
              title: '新取值',
              render: (_, c) => <Typography.Text strong>{renderPolicyValue(c.after, schema?.properties[c.field] as ValueSchema | undefined)}</Typography.Text>,
            },
          ]}
        />
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label="依据">{basis(form.getFieldsValue(true) as VersionForm)}</Descriptions.Item>
          {form.getFieldValue('note') && <Descriptions.Item label="说明">{form.getFieldValue('note')}</Descriptions.Item>}
        </Descriptions>
      </Modal>
    </Card>
  );
}
