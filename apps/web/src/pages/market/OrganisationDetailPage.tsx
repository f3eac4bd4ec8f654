import type { BanView, EngineerView, OrganisationDetailView, PersonCreditView, ServiceReportView, ViolationView } from '@fep/contracts';
import {
  ART69_VIOLATION_LABELS,
  BAN_MEASURE_LABELS,
  BAN_SUBJECT_LABELS,
  CONDITION_FAILURE_LABELS,
  CREDIT_RECORD_KIND_LABELS,
  CREDIT_SEVERITY_LABELS,
  type CreditRecordKind,
  ENGINEER_CLASS_LABELS,
  ENGINEER_STATUS_LABELS,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_STATUS_LABELS,
  SERVICE_REPORT_CONCLUSION_LABELS,
  SERVICE_REPORT_KIND_LABELS,
} from '@fep/domain';
import { Alert, Button, Card, Descriptions, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { useApi } from '../../query.ts';
import { banText } from './banText.ts';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const ART69_BASIS = '《中华人民共和国消防法》第六十九条第一款';

type Mode =
  | { kind: 'engineer' }
  | { kind: 'status'; e: EngineerView }
  | { kind: 'credit'; e: EngineerView }
  | { kind: 'report' }
  | { kind: 'violation' }
  | { kind: 'ban'; engineer?: EngineerView };

function EngineerCredit({ id }: { id: string }) {
  const credit = useApi<PersonCreditView>(`/api/v1/market/engineers/${id}/credit`);
  if (!credit.data) return <Typography.Text>正在加载…</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        信用等级 <Tag>{credit.data.level}级</Tag> 得分 {credit.data.score}
      </Typography.Text>
      <List
        size="small"
        dataSource={credit.data.records}
        locale={{ emptyText: '无信用记录' }}
        renderItem={(r) => (
          <List.Item>{`${r.at.slice(0, 10)} ${CREDIT_RECORD_KIND_LABELS[r.kind as CreditRecordKind] ?? '信用记录'} ${r.points} 分：${r.reason}`}</List.Item>
        )}
      />
      <Typography.Text type="secondary">个人信用记录仅供工作人员查看，不予公开。</Typography.Text>
    </Space>
  );
}

/** 机构详情 (MKT-01): the register entry with its registered engineers, reports, art. 69 violations and bans. */
export function OrganisationDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const detail = useApi<OrganisationDetailView>(`/api/v1/market/organisations/${id}`);
  const [mode, setMode] = useState<Mode | null>(null);
  const close = useCallback(() => setMode(null), []);
  const post = usePost(close);
  const manage = can('market:organisation:manage');
  const sanction = can('market:sanction:decide');
  const d = detail.data;
  if (!d) return <Card loading={detail.isLoading}>{detail.error ? '机构不存在或无权查看' : null}</Card>;
  const o = d.organisation;
  const url = (tail: string) => `/api/v1/market/organisations/${o.id}/${tail}`;
  const practising = d.engineers.filter((e) => e.status === 'practising' && !e.ban);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{o.name}</Typography.Title>
      {o.ban && <Alert type="error" showIcon message={`该机构正被${banText(o.ban)}`} description={`依据：${o.ban.legalBasis}`} />}
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="统一社会信用代码">{o.usci}</Descriptions.Item>
          <Descriptions.Item label="机构类型">{ORGANISATION_KIND_LABELS[o.kind]}</Descriptions.Item>
          <Descriptions.Item label="从业条件">{ORGANISATION_STATUS_LABELS[o.status]}</Descriptions.Item>
          <Descriptions.Item label="不符合的条件">{o.failures.length ? o.failures.map((x) => CONDITION_FAILURE_LABELS[x]).join('；') : '—'}</Descriptions.Item>
          <Descriptions.Item label="机构信用">
            {can('credit:record:read') ? <Link to={`/admin/credit/units/${o.usci}`}>查看信用记录</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="登记的执业工程师">{`一级 ${d.registeredEngineers.firstClassEngineers} 人，二级 ${d.registeredEngineers.secondClassEngineers} 人`}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="注册消防工程师" className="list-frame" extra={manage && <Button onClick={() => setMode({ kind: 'engineer' })}>登记工程师</Button>}>
        <ResponsiveTable<EngineerView>
          rowKey="id"
          cardHead={1}
          dataSource={d.engineers}
          locale={{ emptyText: '尚未登记注册消防工程师' }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '级别', dataIndex: 'class', render: (v: EngineerView['class']) => ENGINEER_CLASS_LABELS[v] },
            { title: '注册证书编号', dataIndex: 'certificateNo' },
            {
              title: '执业状态',
              dataIndex: 'status',
              render: (v: EngineerView['status'], e: EngineerView) =>
                e.ban ? <Tag color="error">{banText(e.ban)}</Tag> : <Tag color={v === 'practising' ? 'success' : 'default'}>{ENGINEER_STATUS_LABELS[v]}</Tag>,
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, e: EngineerView) => (
                <Space wrap>
                  <Button onClick={() => setMode({ kind: 'credit', e })}>信用记录</Button>
                  {manage && <Button onClick={() => setMode({ kind: 'status', e })}>变更状态</Button>}
                  {sanction && <Button onClick={() => setMode({ kind: 'ban', engineer: e })}>停止执业</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title="维护保养检测、评估报告" className="list-frame" extra={manage && <Button onClick={() => setMode({ kind: 'report' })}>登记报告</Button>}>
        <ResponsiveTable<ServiceReportView>
          rowKey="id"
          cardHead={1}
          dataSource={d.reports}
          locale={{ emptyText: '尚无报告' }}
          columns={[
            { title: '报告编号', dataIndex: 'reportNumber' },
            { title: '类型', dataIndex: 'kind', render: (v: ServiceReportView['kind']) => SERVICE_REPORT_KIND_LABELS[v] },
            { title: '服务单位', dataIndex: 'unitName' },
            { title: '出具日期', dataIndex: 'reportDate' },
            { title: '签字工程师', dataIndex: 'engineerName' },
            { title: '结论', dataIndex: 'conclusion', render: (v: ServiceReportView['conclusion']) => SERVICE_REPORT_CONCLUSION_LABELS[v] },
          ]}
        />
      </Card>

      <Card title="违法行为" className="list-frame" extra={sanction && <Button onClick={() => setMode({ kind: 'violation' })}>记录违法行为</Button>}>
        <ResponsiveTable<ViolationView>
          rowKey="id"
          cardHead={1}
          dataSource={d.violations}
          locale={{ emptyText: '无违法记录' }}
          columns={[
            { title: '违法行为', dataIndex: 'kind', render: (v: ViolationView['kind']) => ART69_VIOLATION_LABELS[v] },
            { title: '发现日期', dataIndex: 'foundOn' },
            { title: '情节', dataIndex: 'severity', render: (v: ViolationView['severity']) => CREDIT_SEVERITY_LABELS[v] },
            { title: '签字工程师', dataIndex: 'engineerName', render: (v: string | null) => v ?? '—' },
            { title: '涉及报告', dataIndex: 'reportNumber', render: (v: string | null) => v ?? '—' },
            { title: '事实', dataIndex: 'facts' },
          ]}
        />
      </Card>

      <Card title="停止执业、吊销和禁入" className="list-frame" extra={sanction && <Button onClick={() => setMode({ kind: 'ban' })}>处理机构</Button>}>
        <ResponsiveTable<BanView>
          rowKey="id"
          cardHead={1}
          dataSource={d.bans}
          locale={{ emptyText: '无' }}
          columns={[
            { title: '对象', dataIndex: 'subjectName', render: (v: string, b: BanView) => `${BAN_SUBJECT_LABELS[b.subject]}：${v}` },
            { title: '措施', dataIndex: 'measure', render: (v: BanView['measure']) => BAN_MEASURE_LABELS[v] },
            { title: '期限', dataIndex: 'startsOn', render: (_: string, b: BanView) => `${b.startsOn} 起${b.endsOn ? ` 至 ${b.endsOn}` : '，永久'}` },
            { title: '状态', dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="error">执行中</Tag> : <Tag>未生效或已届满</Tag>) },
            { title: '理由', dataIndex: 'reason' },
            { title: '依据', dataIndex: 'legalBasis' },
          ]}
        />
      </Card>

      <Modal
        open={!!mode}
        footer={null}
        onCancel={close}
        destroyOnHidden
        title={
          mode?.kind === 'engineer'
            ? '登记注册消防工程师'
            : mode?.kind === 'status'
              ? `变更执业状态：${mode.e.name}`
              : mode?.kind === 'credit'
                ? `信用记录：${mode.e.name}`
                : mode?.kind === 'report'
                  ? '登记报告'
                  : mode?.kind === 'violation'
                    ? '记录违法行为（消防法第六十九条）'
                    : mode?.kind === 'ban'
                      ? mode.engineer
                        ? `停止执业或禁入：${mode.engineer.name}`
                        : `处理机构：${o.name}`
                      : ''
        }
      >
        {mode?.kind === 'engineer' && (
          <Form layout="vertical" initialValues={{ class: 'second' }} onFinish={(v) => void post(url('engineers'), v, '已登记')}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="certificateNo"
              label="注册证书编号"
              rules={[{ required: true, pattern: /^[A-Za-z0-9-]{6,32}$/, message: '请填写 6–32 位字母或数字' }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="class" label="级别">
              <Radio.Group options={options(ENGINEER_CLASS_LABELS)} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              登记
            </Button>
          </Form>
        )}
        {mode?.kind === 'status' && (
          <Form
            layout="vertical"
            initialValues={{ status: mode.e.status }}
            onFinish={(v: { status: string }) =>
              void post(`/api/v1/market/engineers/${mode.e.id}/status`, { status: v.status, version: mode.e.version }, '已变更')
            }
          >
            <Form.Item name="status" label="执业状态">
              <Radio.Group options={options(ENGINEER_STATUS_LABELS)} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        )}
        {mode?.kind === 'credit' && <EngineerCredit id={mode.e.id} />}
        {mode?.kind === 'report' && (
          <Form
            layout="vertical"
            initialValues={{ kind: o.kind === 'assessment' ? 'assessment' : 'testing', conclusion: 'qualified' }}
            onFinish={(v: Record<string, string>) => void post(url('reports'), { ...v, unitUsci: String(v.unitUsci).trim().toUpperCase() }, '已登记')}
          >
            <Form.Item name="reportNumber" label="报告编号" rules={[{ required: true, message: '请填写报告编号' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="kind" label="报告类型">
              <Select options={options(SERVICE_REPORT_KIND_LABELS)} />
            </Form.Item>
            <Form.Item name="unitName" label="服务单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="unitUsci" label="服务单位统一社会信用代码" rules={[{ required: true, len: 18, message: '请填写 18 位代码' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="reportDate" label="出具日期" rules={[{ required: true, message: '请选择日期' }]}>
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="engineerId" label="签字注册消防工程师" rules={[{ required: true, message: '请选择签字工程师' }]}>
              <Select
                options={practising.map((e) => ({ value: e.id, label: `${e.name}（${ENGINEER_CLASS_LABELS[e.class]}）` }))}
                notFoundContent="无执业中的工程师"
              />
            </Form.Item>
            <Form.Item name="conclusion" label="结论">
              <Radio.Group options={options(SERVICE_REPORT_CONCLUSION_LABELS)} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              登记
            </Button>
          </Form>
        )}
        {mode?.kind === 'violation' && (
          <Form
            layout="vertical"
            initialValues={{ kind: 'false_document', severity: 'general' }}
            onFinish={(v: Record<string, string | undefined>) =>
              void post(url('violations'), { ...v, engineerId: v.engineerId ?? null, reportId: v.reportId ?? null }, '已记录，并记入信用记录')
            }
          >
            <Form.Item name="kind" label="违法行为">
              <Radio.Group options={options(ART69_VIOLATION_LABELS)} />
            </Form.Item>
            <Form.Item name="severity" label="情节">
              <Radio.Group options={options(CREDIT_SEVERITY_LABELS)} />
            </Form.Item>
            <Form.Item name="engineerId" label="签字注册消防工程师（同时记入其个人信用记录）">
              <Select allowClear options={d.engineers.map((e) => ({ value: e.id, label: e.name }))} />
            </Form.Item>
            <Form.Item name="reportId" label="涉及报告">
              <Select allowClear options={d.reports.map((r) => ({ value: r.id, label: `${r.reportNumber} ${r.unitName}` }))} />
            </Form.Item>
            <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请选择日期' }]}>
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="facts" label="违法事实" rules={[{ required: true, min: 4, message: '请写明违法事实' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              记录
            </Button>
          </Form>
        )}
        {mode?.kind === 'ban' && (
          <Form
            layout="vertical"
            initialValues={{ measure: 'suspension', legalBasis: ART69_BASIS }}
            onFinish={(v: Record<string, string | undefined>) =>
              void post(
                url('bans'),
                {
                  subject: mode.engineer ? 'engineer' : 'organisation',
                  engineerId: mode.engineer?.id ?? null,
                  measure: v.measure,
                  startsOn: v.startsOn,
                  endsOn: v.endsOn || null,
                  reason: v.reason,
                  legalBasis: v.legalBasis,
                },
                '已登记',
              )
            }
          >
            <Form.Item name="measure" label="措施">
              <Radio.Group options={options(BAN_MEASURE_LABELS)} />
            </Form.Item>
            <Form.Item name="startsOn" label="起始日期" rules={[{ required: true, message: '请选择日期' }]}>
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="endsOn" label="截止日期（不填为永久；终身市场禁入不填）">
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="reason" label="理由" rules={[{ required: true, min: 4, message: '请写明理由' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true, message: '请填写法律依据' }]}>
              <Input />
            </Form.Item>
            <Button type="primary" danger htmlType="submit">
              登记
            </Button>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
