import type { PlanView, SupervisionFiguresView } from '@fep/contracts';
import { DRAW_SET_ASIDE_LABELS, stratumLabel, VENUE_KIND_LABELS } from '@fep/domain';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { usePost } from '../../components/usePost.ts';
import { useApi } from '../../query.ts';

const VENUE_OPTIONS = Object.entries(VENUE_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** SUP-03 … SUP-08, SUP-13: plans, their publication and draw, and the figures computed from the records. */
export function PlansPage() {
  const { can } = useAuth();
  // On a phone the draw's details stack and each stratum is one line (no side-scrolling for the rates).
  const narrow = Grid.useBreakpoint().md === false;
  const plans = useApi<PlanView[]>('/api/v1/supervision/plans').data ?? null;
  const figures = useApi<SupervisionFiguresView>('/api/v1/supervision/figures').data ?? null;
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ plan: PlanView; step: 'publish' | 'draw' } | null>(null);
  const [busy, setBusy] = useState(false);
  const { modal } = App.useApp();
  const post = usePost(
    useCallback(() => {
      setCreating(false);
      setActing(null);
    }, []),
  );
  const F: [keyof SupervisionFiguresView, string][] = [
    ['plans', '抽查计划'],
    ['randomTasks', '随机抽查任务'],
    ['randomTasksDone', '已完成随机检查'],
    ['otherTasks', '非随机检查'],
    ['hazardsFound', '发现隐患'],
    ['hazardsFixed', '已整改隐患'],
    ['majorHazardsOpen', '在办重大隐患'],
    ['ordersOverdue', '逾期未改正'],
  ];
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4}>“双随机、一公开”抽查</Typography.Title>
        {can('supervision:plan:manage') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            制定抽查计划
          </Button>
        )}
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {F.map(([k, label]) => (
          <Col key={k} xs={12} md={6} lg={3}>
            <Card size="small">
              <Statistic
                title={label}
                value={figures?.[k] ?? '—'}
                valueStyle={k === 'ordersOverdue' || k === 'majorHazardsOpen' ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary">以上数字由检查、隐患和整改记录直接计算，不需要基层或企业另行填报。</Typography.Paragraph>
      <Card>
        <Table<PlanView>
          rowKey="id"
          loading={plans === null}
          dataSource={plans ?? []}
          pagination={pageWithTotal({ cap: 100 })}
          locale={{ emptyText: '暂无抽查计划' }}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (p) => (
              <Descriptions size="small" column={1} bordered layout={narrow ? 'vertical' : 'horizontal'}>
                <Descriptions.Item label="输入摘要（SM3）">{p.inputsHash ?? '公布后生成'}</Descriptions.Item>
                <Descriptions.Item label="公开随机数来源">{p.publicValueSource ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="公开随机数 / 种子">{p.publicValue ? `${p.publicValue} / ${p.seed}` : '—'}</Descriptions.Item>
                {p.summary && (
                  <Descriptions.Item label="分层抽取">
                    <Table
                      size="small"
                      rowKey="key"
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                      dataSource={p.summary.strata}
                      showHeader={!narrow}
                      columns={
                        narrow
                          ? [
                              {
                                title: '分层',
                                render: (_, s) => (
                                  <div>
                                    <div>{stratumLabel(s.key)}</div>
                                    <Typography.Text type="secondary">
                                      抽取比例 {Math.round(s.rate * 100)}% · 抽中 {s.drawn} / {s.eligible} 家
                                    </Typography.Text>
                                  </div>
                                ),
                              },
                            ]
                          : [
                              { title: '分层（风险 · 信用 · 单位类别）', render: (_, s) => stratumLabel(s.key) },
                              { title: '抽取比例', align: 'right', render: (_, s) => `${Math.round(s.rate * 100)}%` },
                              { title: '抽中 / 符合条件', align: 'right', render: (_, s) => `${s.drawn} / ${s.eligible} 家` },
                            ]
                      }
                    />
                  </Descriptions.Item>
                )}
                {p.summary && (
                  <Descriptions.Item label="依规排除">
                    {Object.entries(p.summary.setAside)
                      .map(([k, v]) => `${DRAW_SET_ASIDE_LABELS[k] ?? k} ${v}`)
                      .join('；') || '无'}
                  </Descriptions.Item>
                )}
              </Descriptions>
            ),
          }}
          columns={[
            { title: '计划', dataIndex: 'title', render: (v: string, p) => <Link to={`/admin/plans/${p.id}`}>{v}</Link> },
            { title: '事项', dataIndex: 'purpose' },
            { title: '期间', render: (_, p) => `${p.periodStart} 至 ${p.periodEnd}` },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              render: (v: string, p) => <Tag color={{ draft: 'default', published: 'processing', drawn: 'success' }[p.status]}>{v}</Tag>,
            },
            { title: '抽中', render: (_, p) => p.summary?.drawn ?? '—' },
            {
              title: '操作',
              render: (_, p) => (
                <Space>
                  {p.status === 'draft' && can('supervision:plan:manage') && (
                    <Button size="small" onClick={() => setActing({ plan: p, step: 'publish' })}>
                      公布
                    </Button>
                  )}
                  {p.status === 'published' && can('supervision:plan:manage') && (
                    <Button size="small" type="primary" onClick={() => setActing({ plan: p, step: 'draw' })}>
                      抽取
                    </Button>
                  )}
                  {p.status !== 'draft' && <Link to={`/plans/${p.id}`}>公示页</Link>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={creating} title="制定抽查计划" footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ defaultRate: 20 }}
          onFinish={(v: { title: string; purpose: string; period: [Dayjs, Dayjs]; defaultRate: number; campaignKinds?: string[]; campaignRate?: number }) =>
            void post(
              '/api/v1/supervision/plans',
              {
                title: v.title,
                purpose: v.purpose,
                periodStart: v.period[0].format('YYYY-MM-DD'),
                periodEnd: v.period[1].format('YYYY-MM-DD'),
                defaultRate: v.defaultRate / 100,
                campaign: v.campaignKinds?.length ? { venueKinds: v.campaignKinds, rate: (v.campaignRate ?? 50) / 100 } : null,
              },
              '计划已创建，公布后方可抽取',
            )
          }
        >
          <Form.Item name="title" label="计划名称" rules={[{ required: true, min: 4 }]}>
            <Input placeholder="如：2027 年第一季度“双随机”消防监督抽查" />
          </Form.Item>
          <Form.Item name="purpose" label="检查事项" rules={[{ required: true, min: 2 }]}>
            <Input placeholder="如：日常监督抽查" />
          </Form.Item>
          <Form.Item name="period" label="计划期间" rules={[{ required: true, message: '请选择期间' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="defaultRate" label="一般抽查比例（%，各风险、信用分层按本地政策自动调整）">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="campaignKinds" label="专项治理：提高比例的场所类别（选填）">
            <Select mode="multiple" allowClear options={VENUE_OPTIONS} placeholder="选择场所类别，如 歌舞厅、卡拉OK厅" optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="campaignRate" label="专项治理比例（%）">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            创建
          </Button>
        </Form>
      </Modal>
      <Modal
        open={!!acting}
        title={acting?.step === 'publish' ? '公布计划并冻结抽取输入' : '录入公开随机数并抽取'}
        footer={null}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={(v: { value: string }) => {
            const { plan, step } = acting!;
            // Both steps are irreversible (the frozen input is published; the draw creates the tasks): confirm first,
            // and keep the button busy until the server answers (a draw of a large directory takes seconds).
            modal.confirm({
              title: step === 'publish' ? `确认公布“${plan.title}”？` : `确认以公开随机数“${v.value}”抽取？`,
              content:
                step === 'publish'
                  ? '公布后单位名录、执法人员名录和抽取比例即被冻结并向社会公开，不能再修改。'
                  : '抽取结果立即生成检查任务并公示，不能撤销或重新抽取。',
              okText: step === 'publish' ? '确认公布' : '确认抽取',
              cancelText: '再检查一下',
              onOk: async () => {
                setBusy(true);
                try {
                  await (step === 'publish'
                    ? post(`/api/v1/supervision/plans/${plan.id}/publish`, { publicValueSource: v.value }, '已公布，输入摘要已公开')
                    : post(`/api/v1/supervision/plans/${plan.id}/draw`, { publicValue: v.value }, '已抽取并生成检查任务'));
                } finally {
                  setBusy(false);
                }
              },
            });
          }}
        >
          <Typography.Paragraph type="secondary">
            {acting?.step === 'publish'
              ? '公布后，单位名录、执法人员名录、回避事项和抽取比例被冻结并生成 SM3 摘要，向社会公开；同时公告抽取时将采用的公开随机数（例如某日福利彩票开奖号码）。'
              : `请录入已公告来源的公开随机数：${acting?.plan.publicValueSource ?? ''}。抽取结果可由任何人依公开输入复核。`}
          </Typography.Paragraph>
          <Form.Item name="value" label={acting?.step === 'publish' ? '公开随机数来源' : '公开随机数'} rules={[{ required: true, min: 1 }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? (acting?.step === 'publish' ? '正在公布…' : '正在抽取…') : acting?.step === 'publish' ? '公布' : '抽取'}
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
