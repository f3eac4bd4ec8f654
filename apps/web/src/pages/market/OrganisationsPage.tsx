import type { OrganisationList, OrganisationView, ServiceReportList, ServiceReportView, SpotCheckView } from '@fep/contracts';
import {
  BAN_MEASURE_LABELS,
  CONDITION_FAILURE_LABELS,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_STATUS_LABELS,
  SERVICE_REPORT_CONCLUSION_LABELS,
  SERVICE_REPORT_KIND_LABELS,
} from '@fep/domain';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { banText } from './banText.ts';

const STATUS_COLORS = { declared: 'processing', verified: 'success', failing: 'error' } as const;

function FactsFields() {
  return (
    <>
      <Form.Item name="enterpriseLegalPerson" valuePropName="checked" initialValue>
        <Checkbox className="touch-check">企业法人</Checkbox>
      </Form.Item>
      <Form.Item name="workplaceSquareMetres" label="工作场所面积（平方米）" rules={[{ required: true, message: '请填写面积' }]}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="firstClassEngineers" label="一级注册消防工程师" initialValue={0}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="secondClassEngineers" label="二级注册消防工程师" initialValue={0}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="operators" label="消防设施操作员" initialValue={0}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="intermediateOperators" label="其中中级及以上" initialValue={0}>
          <InputNumber min={0} />
        </Form.Item>
      </Space>
      <Form.Item name="qualitySystem" valuePropName="checked" initialValue>
        <Checkbox className="touch-check">已建立质量管理体系</Checkbox>
      </Form.Item>
    </>
  );
}

const facts = (v: Record<string, unknown>) => ({
  enterpriseLegalPerson: !!v.enterpriseLegalPerson,
  workplaceSquareMetres: Number(v.workplaceSquareMetres ?? 0),
  firstClassEngineers: Number(v.firstClassEngineers ?? 0),
  secondClassEngineers: Number(v.secondClassEngineers ?? 0),
  operators: Number(v.operators ?? 0),
  intermediateOperators: Number(v.intermediateOperators ?? 0),
  qualitySystem: !!v.qualitySystem,
});

function columns(actions?: (o: OrganisationView) => React.ReactNode, link = false) {
  return [
    { title: '机构', dataIndex: 'name', render: (v: string, o: OrganisationView) => (link ? <Link to={`/admin/organisations/${o.id}`}>{v}</Link> : v) },
    { title: '类型', dataIndex: 'kind', render: (v: OrganisationView['kind']) => ORGANISATION_KIND_LABELS[v] },
    { title: '从业条件', dataIndex: 'status', render: (v: OrganisationView['status']) => <Tag color={STATUS_COLORS[v]}>{ORGANISATION_STATUS_LABELS[v]}</Tag> },
    {
      title: '不符合的条件',
      dataIndex: 'failures',
      render: (f: OrganisationView['failures']) => (f.length ? f.map((x) => CONDITION_FAILURE_LABELS[x]).join('；') : '—'),
    },
    {
      title: '停止执业、吊销或禁入',
      dataIndex: 'ban',
      render: (b: OrganisationView['ban']) => (b ? <Tag color="error">{banText(b)}</Tag> : '—'),
    },
    { title: '统一社会信用代码', dataIndex: 'usci' },
    ...(actions ? [{ title: '操作', key: 'actions', render: (_: unknown, o: OrganisationView) => actions(o) }] : []),
  ];
}

/** A unit's maintenance, test and assessment reports (by its USCI), from the organisations of the jurisdiction. */
function UnitReports() {
  const [usci, setUsci] = useState<string | null>(null);
  const reports = useApi<ServiceReportList>(usci ? `/api/v1/market/reports?unitUsci=${usci}` : null);
  return (
    <Card title="按服务单位查询报告" className="list-frame">
      <Input.Search
        placeholder="服务单位统一社会信用代码"
        enterButton="查询"
        style={{ maxWidth: 420, marginBottom: 12 }}
        onSearch={(v) => setUsci(/^[0-9A-Z]{18}$/.test(v.trim().toUpperCase()) ? v.trim().toUpperCase() : null)}
      />
      {usci && (
        <ResponsiveTable<ServiceReportView>
          rowKey="id"
          cardHead={1}
          loading={reports.isLoading}
          dataSource={reports.data?.items ?? []}
          locale={{ emptyText: '未查到该单位的报告' }}
          columns={[
            { title: '报告编号', dataIndex: 'reportNumber' },
            { title: '类型', dataIndex: 'kind', render: (v: ServiceReportView['kind']) => SERVICE_REPORT_KIND_LABELS[v] },
            { title: '出具机构', dataIndex: 'organisationName' },
            { title: '签字工程师', dataIndex: 'engineerName' },
            { title: '出具日期', dataIndex: 'reportDate' },
            { title: '结论', dataIndex: 'conclusion', render: (v: ServiceReportView['conclusion']) => SERVICE_REPORT_CONCLUSION_LABELS[v] },
          ]}
        />
      )}
    </Card>
  );
}

/** 消防技术服务机构 (MKT-01): the jurisdiction's register, verification of practice conditions and the spot-check draw. */
export function OrganisationsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = useApi<OrganisationList>('/api/v1/market/organisations');
  const [mode, setMode] = useState<{ kind: 'register' } | { kind: 'verify'; o: OrganisationView } | { kind: 'draw' } | null>(null);
  const [drawn, setDrawn] = useState<SpotCheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setMode(null), []);
  const post = usePost(close);
  const write = useApiMutation<SpotCheckView>();
  async function spotCheck(v: { publicValue: string; rate: number }) {
    setError(null);
    try {
      setDrawn(await write.mutateAsync({ url: '/api/v1/market/spot-checks', body: { publicValue: v.publicValue, rate: v.rate / 100 } }));
      message.success('已抽取');
      close();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '抽取失败');
    }
  }
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>消防技术服务机构</Typography.Title>
      <Space wrap>
        {can('market:organisation:manage') && (
          <Button type="primary" onClick={() => setMode({ kind: 'register' })}>
            登记机构
          </Button>
        )}
        {can('supervision:plan:manage') && <Button onClick={() => setMode({ kind: 'draw' })}>随机抽取检查</Button>}
      </Space>
      {drawn && (
        <Alert
          type="info"
          showIcon
          message={`抽取结果（种子 ${drawn.seed.slice(0, 16)}…）`}
          description={
            <List
              size="small"
              dataSource={drawn.drawn}
              locale={{ emptyText: '未抽中机构' }}
              renderItem={(d) => <List.Item>{`${d.name}${d.reason === 'failing_conditions' ? '（不符合从业条件，必抽）' : ''}`}</List.Item>}
            />
          }
        />
      )}
      {drawn && drawn.excluded.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message="未参加抽取的机构（正被责令停止执业、吊销或禁入）"
          description={
            <List size="small" dataSource={drawn.excluded} renderItem={(x) => <List.Item>{`${x.name}：${BAN_MEASURE_LABELS[x.measure]}`}</List.Item>} />
          }
        />
      )}
      <Card className="list-frame">
        <ResponsiveTable<OrganisationView>
          rowKey="id"
          cardHead={1}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '名录为空' }}
          columns={columns(
            can('market:organisation:manage') ? (o) => <Button onClick={() => setMode({ kind: 'verify', o })}>核查从业条件</Button> : undefined,
            true,
          )}
        />
      </Card>
      <UnitReports />
      <Modal
        open={!!mode}
        footer={null}
        onCancel={close}
        destroyOnHidden
        title={mode?.kind === 'register' ? '登记机构（自我声明）' : mode?.kind === 'verify' ? `核查：${mode.o.name}` : '随机抽取检查'}
      >
        {mode?.kind === 'register' && (
          <Form
            layout="vertical"
            onFinish={(v: Record<string, unknown>) =>
              void post('/api/v1/market/organisations', { usci: String(v.usci).trim().toUpperCase(), name: v.name, kind: v.kind, declared: facts(v) }, '已登记')
            }
          >
            <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="usci" label="统一社会信用代码" rules={[{ required: true, len: 18, message: '请填写 18 位代码' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="kind" label="机构类型" initialValue="maintenance_testing">
              <Select options={Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <FactsFields />
            <Button type="primary" htmlType="submit">
              登记
            </Button>
          </Form>
        )}
        {mode?.kind === 'verify' && (
          <Form
            layout="vertical"
            initialValues={mode.o.verified ?? mode.o.declared}
            onFinish={(v: Record<string, unknown>) =>
              void post(
                `/api/v1/market/organisations/${mode.o.id}/verification`,
                { verified: facts(v), version: mode.o.version, engineersFromRegister: !!v.engineersFromRegister },
                '已核查',
              )
            }
          >
            <FactsFields />
            <Form.Item name="engineersFromRegister" valuePropName="checked">
              <Checkbox className="touch-check">工程师人数按已登记的执业注册消防工程师计算</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存核查结果
            </Button>
          </Form>
        )}
        {mode?.kind === 'draw' && (
          <Form layout="vertical" initialValues={{ rate: 20 }} onFinish={(v: { publicValue: string; rate: number }) => void spotCheck(v)}>
            <Form.Item name="publicValue" label="公开随机数（如当日彩票开奖号码）" rules={[{ required: true, message: '请填写公开随机数' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="rate" label="符合条件机构的抽取比例（%）">
              <InputNumber min={0} max={100} />
            </Form.Item>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit">
              抽取
            </Button>
          </Form>
        )}
      </Modal>
    </Space>
  );
}

/** The public directory of organisations with their verification status (MKT-01). */
export function PublicOrganisationsPage() {
  const list = useApi<OrganisationList>('/api/v1/public/organisations');
  return (
    <PortalPage>
      <Typography.Title level={3}>消防技术服务机构名录</Typography.Title>
      <Card className="list-frame">
        <ResponsiveTable<OrganisationView>
          rowKey="id"
          cardHead={1}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '名录为空' }}
          columns={columns()}
        />
      </Card>
    </PortalPage>
  );
}
