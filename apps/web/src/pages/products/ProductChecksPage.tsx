import type { MarketReferralList, MarketReferralView, ProductPlanList, ProductPlanView, ProductSampleView } from '@fep/contracts';
import { PRODUCT_CATEGORIES, PRODUCT_FIELD_LABELS, PRODUCT_FIELDS, PRODUCT_FINDING_LABELS, PRODUCT_FINDINGS } from '@fep/domain';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const SAMPLE_COLORS = { pending: 'processing', qualified: 'success', unqualified: 'error' } as const;
const REFERRAL_COLORS = { pending: 'warning', sent: 'processing', replied: 'success' } as const;
const categoryOptions = PRODUCT_CATEGORIES.map((c) => ({ value: c.code, label: c.ccc ? `${c.label}（强制性产品认证）` : c.label }));

type Mode =
  | { kind: 'plan' }
  | { kind: 'draw'; plan: ProductPlanView }
  | { kind: 'result'; plan: ProductPlanView; sample: ProductSampleView }
  | { kind: 'referral'; referral: MarketReferralView; action: 'send' | 'reply' };

interface PlanForm {
  title: string;
  field: (typeof PRODUCT_FIELDS)[number];
  categoryCodes: string[];
  sampleCount: number;
  publicValueSource: string;
  candidates: { usci: string; name: string; crowdedPlace?: boolean }[];
}

/** 消防产品抽查 (MKT-02): plans with their verifiable draw, results per sampled product, and referrals to market regulation. */
export function ProductChecksPage() {
  const { can } = useAuth();
  const plans = useApi<ProductPlanList>('/api/v1/products/plans');
  const referrals = useApi<MarketReferralList>('/api/v1/products/referrals');
  const [mode, setMode] = useState<Mode | null>(null);
  const [openPlan, setOpenPlan] = useState<string | null>(null);
  const close = useCallback(() => setMode(null), []);
  const post = usePost(close);
  const shown = plans.data?.items.find((p) => p.id === openPlan) ?? plans.data?.items[0] ?? null;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>消防产品抽查</Typography.Title>
      <Typography.Paragraph type="secondary">
        公共场所、住宅使用的火灾报警产品、灭火器、避难逃生产品实行强制性产品认证（消防法第二十四条），其他消防产品实行自愿性认证。生产、流通领域发现的不合格产品移送市场监管部门；人员密集场所使用不合格产品的移送执法（消防法第六十五条）。
      </Typography.Paragraph>
      {can('products:plan:manage') && (
        <Space wrap>
          <Button type="primary" onClick={() => setMode({ kind: 'plan' })}>
            制定抽查计划
          </Button>
        </Space>
      )}
      <Card className="list-frame" title="抽查计划">
        <ResponsiveTable<ProductPlanView>
          rowKey="id"
          cardHead={1}
          loading={plans.isLoading}
          dataSource={plans.data?.items ?? []}
          locale={{ emptyText: '暂无抽查计划' }}
          columns={[
            { title: '计划', dataIndex: 'title' },
            { title: '领域', dataIndex: 'fieldLabel' },
            { title: '产品类别', dataIndex: 'categories', render: (cs: ProductPlanView['categories']) => cs.map((c) => c.label).join('、') },
            { title: '候选/抽取', key: 'count', render: (_: unknown, p: ProductPlanView) => `${p.candidateCount} 家 / 抽 ${p.sampleCount} 家` },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              render: (v: string, p: ProductPlanView) => <Tag color={p.status === 'drawn' ? 'success' : 'processing'}>{v}</Tag>,
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, p: ProductPlanView) => (
                <Space wrap>
                  <Button onClick={() => setOpenPlan(p.id)}>查看抽样</Button>
                  {p.status === 'published' && can('products:plan:manage') && (
                    <Button type="primary" onClick={() => setMode({ kind: 'draw', plan: p })}>
                      抽取
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {shown && (
        <Card className="list-frame" title={`抽样产品：${shown.title}`}>
          <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>
            {`抽取输入摘要（SM3）${shown.inputsHash}；公开随机数来源：${shown.publicValueSource}`}
            {shown.publicValue ? `；公开随机数：${shown.publicValue}；种子：${shown.seed}` : '；尚未抽取'}
          </Typography.Paragraph>
          <ResponsiveTable<ProductSampleView>
            rowKey="id"
            cardHead={1}
            dataSource={shown.samples}
            locale={{ emptyText: '尚未抽取' }}
            columns={[
              { title: '被检查单位', dataIndex: 'holderName', render: (v: string, s: ProductSampleView) => (s.crowdedPlace ? `${v}（人员密集场所）` : v) },
              { title: '结果', dataIndex: 'statusLabel', render: (v: string, s: ProductSampleView) => <Tag color={SAMPLE_COLORS[s.status]}>{v}</Tag> },
              {
                title: '产品',
                key: 'product',
                render: (_: unknown, s: ProductSampleView) =>
                  s.productName ? `${s.categoryLabel ?? ''} ${s.productName}（${s.model}，${s.manufacturer}）` : '—',
              },
              { title: '证书编号', dataIndex: 'certificateNo', render: (v: string | null) => v ?? '—' },
              {
                title: '不合格情形',
                dataIndex: 'findings',
                render: (f: ProductSampleView['findings'], s: ProductSampleView) =>
                  [...f.map((x) => x.label), s.findingsNote].filter(Boolean).join('；') || '—',
              },
              { title: '后续处理', dataIndex: 'followUps', render: (v: string[]) => v.join('；') || '—' },
              {
                title: '操作',
                key: 'actions',
                render: (_: unknown, s: ProductSampleView) =>
                  s.status === 'pending' && can('products:result:record') ? (
                    <Button type="primary" onClick={() => setMode({ kind: 'result', plan: shown, sample: s })}>
                      录入结果
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}
      <Card className="list-frame" title="移送、通报市场监管部门">
        <ResponsiveTable<MarketReferralView>
          rowKey="id"
          cardHead={1}
          loading={referrals.isLoading}
          dataSource={referrals.data?.items ?? []}
          locale={{ emptyText: '暂无移送记录' }}
          columns={[
            { title: '单位', dataIndex: 'subjectName' },
            { title: '方式', dataIndex: 'kindLabel' },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, r: MarketReferralView) => <Tag color={REFERRAL_COLORS[r.status]}>{v}</Tag> },
            { title: '事由', dataIndex: 'reason' },
            {
              title: '办理情况',
              key: 'progress',
              render: (_: unknown, r: MarketReferralView) =>
                [r.sentAt && `移送于 ${beijingDateTime(r.sentAt)}`, r.replyNote && `反馈：${r.replyNote}`].filter(Boolean).join('；') || '—',
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r: MarketReferralView) =>
                !can('products:result:record') ? null : r.status === 'pending' ? (
                  <Button onClick={() => setMode({ kind: 'referral', referral: r, action: 'send' })}>登记已移送</Button>
                ) : r.status === 'sent' ? (
                  <Button onClick={() => setMode({ kind: 'referral', referral: r, action: 'reply' })}>登记反馈结果</Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={!!mode}
        footer={null}
        onCancel={close}
        destroyOnHidden
        title={
          mode?.kind === 'plan'
            ? '制定消防产品抽查计划'
            : mode?.kind === 'draw'
              ? `抽取：${mode.plan.title}`
              : mode?.kind === 'result'
                ? `录入结果：${mode.sample.holderName}`
                : mode?.kind === 'referral'
                  ? mode.action === 'send'
                    ? '登记已移送市场监管部门'
                    : '登记市场监管部门反馈'
                  : ''
        }
      >
        {mode?.kind === 'plan' && (
          <Form<PlanForm>
            layout="vertical"
            initialValues={{ field: 'distribution', sampleCount: 1, candidates: [{ usci: '', name: '' }] }}
            onFinish={(v) =>
              void post(
                '/api/v1/products/plans',
                {
                  ...v,
                  candidates: v.candidates.map((c) => ({ usci: c.usci.trim().toUpperCase(), name: c.name.trim(), crowdedPlace: !!c.crowdedPlace })),
                },
                '已制定并公布抽查计划',
              )
            }
          >
            <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="field" label="抽查领域">
              <Radio.Group options={PRODUCT_FIELDS.map((f) => ({ value: f, label: PRODUCT_FIELD_LABELS[f] }))} />
            </Form.Item>
            <Form.Item name="categoryCodes" label="产品类别" rules={[{ required: true, message: '请选择产品类别' }]}>
              <Select mode="multiple" optionFilterProp="label" options={categoryOptions} />
            </Form.Item>
            <Form.Item name="sampleCount" label="抽取单位数" rules={[{ required: true, message: '请填写抽取数量' }]}>
              <InputNumber min={1} max={500} />
            </Form.Item>
            <Form.Item name="publicValueSource" label="公开随机数来源（事先公告）" rules={[{ required: true, message: '请填写公开随机数来源' }]}>
              <Input placeholder="如：某日福利彩票 3D 开奖号码" />
            </Form.Item>
            <Typography.Text strong>候选单位（生产企业、销售单位或使用单位）</Typography.Text>
            <Form.List name="candidates">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="start">
                      <Form.Item name={[f.name, 'usci']} rules={[{ required: true, len: 18, message: '18 位统一社会信用代码' }]}>
                        <Input placeholder="统一社会信用代码" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                        <Input placeholder="单位名称" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'crowdedPlace']} valuePropName="checked">
                        <Checkbox className="touch-check">人员密集场所</Checkbox>
                      </Form.Item>
                      {fields.length > 1 && <Button onClick={() => remove(f.name)}>删除</Button>}
                    </Space>
                  ))}
                  <Form.Item>
                    <Button onClick={() => add({ usci: '', name: '' })}>添加候选单位</Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit">
              制定并公布
            </Button>
          </Form>
        )}
        {mode?.kind === 'draw' && (
          <Form layout="vertical" onFinish={(v: { publicValue: string }) => void post(`/api/v1/products/plans/${mode.plan.id}/draw`, v, '已抽取')}>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`请录入事先公告的公开随机数：${mode.plan.publicValueSource}`} />
            <Form.Item name="publicValue" label="公开随机数" rules={[{ required: true, message: '请填写公开随机数' }]}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              抽取
            </Button>
          </Form>
        )}
        {mode?.kind === 'result' && (
          <Form
            layout="vertical"
            initialValues={{ verdict: 'qualified', categoryCode: mode.plan.categories[0]?.code, findings: [] }}
            onFinish={(v: Record<string, unknown>) =>
              void post(
                `/api/v1/products/samples/${mode.sample.id}/result`,
                {
                  verdict: v.verdict,
                  categoryCode: v.categoryCode,
                  productName: v.productName,
                  model: v.model,
                  manufacturer: v.manufacturer,
                  certificateNo: v.certificateNo ? String(v.certificateNo) : null,
                  findings: v.verdict === 'unqualified' ? (v.findings ?? []) : [],
                  findingsNote: v.verdict === 'unqualified' ? String(v.findingsNote ?? '') : '',
                  version: mode.sample.version,
                },
                '已录入抽查结果',
              )
            }
          >
            <Form.Item name="verdict" label="结论">
              <Radio.Group
                options={[
                  { value: 'qualified', label: '合格' },
                  { value: 'unqualified', label: '不合格' },
                ]}
              />
            </Form.Item>
            <Form.Item name="categoryCode" label="产品类别">
              <Select options={mode.plan.categories.map((c) => ({ value: c.code, label: c.ccc ? `${c.label}（强制性产品认证）` : c.label }))} />
            </Form.Item>
            <Form.Item name="productName" label="产品名称" rules={[{ required: true, message: '请填写产品名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="model" label="规格型号" rules={[{ required: true, message: '请填写规格型号' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="manufacturer" label="生产者" rules={[{ required: true, min: 2, message: '请填写生产者' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="certificateNo" label="认证证书编号">
              <Input />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.verdict !== b.verdict}>
              {({ getFieldValue }) =>
                getFieldValue('verdict') === 'unqualified' && (
                  <>
                    <Form.Item name="findings" label="不合格情形" rules={[{ required: true, message: '请选择不合格情形' }]}>
                      <Select
                        mode="multiple"
                        optionFilterProp="label"
                        options={PRODUCT_FINDINGS.map((f) => ({ value: f, label: PRODUCT_FINDING_LABELS[f] }))}
                      />
                    </Form.Item>
                    <Form.Item name="findingsNote" label="具体情况">
                      <Input.TextArea rows={2} />
                    </Form.Item>
                  </>
                )
              }
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存结果
            </Button>
          </Form>
        )}
        {mode?.kind === 'referral' && (
          <Form
            layout="vertical"
            onFinish={(v: { note?: string }) =>
              void post(
                `/api/v1/products/referrals/${mode.referral.id}/status`,
                { action: mode.action, note: v.note ?? '', version: mode.referral.version },
                mode.action === 'send' ? '已登记移送' : '已登记反馈',
              )
            }
          >
            <Form.Item name="note" label={mode.action === 'send' ? '移送函文号' : '市场监管部门反馈的查处结果'}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
