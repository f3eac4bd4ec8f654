import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { AccountabilityBody, AccountabilityList, AccountabilityView, IncidentList } from '@fep/contracts';
import { ACCOUNTABILITY_PARTY_LABELS, type AccountabilityParty } from '@fep/domain';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { useApi } from '../../query.ts';

type Acting = { kind: 'record' } | { kind: 'evaluate'; a: AccountabilityView } | null;
type RecordValues = Omit<AccountabilityBody, 'highImpact'> & { incidentId: string; highImpact?: boolean };

const PARTY_OPTIONS = (Object.keys(ACCOUNTABILITY_PARTY_LABELS) as AccountabilityParty[]).map((value) => ({
  value,
  label: ACCOUNTABILITY_PARTY_LABELS[value],
}));

/**
 * 责任调查与整改评估 (FIR-04): the back office's ledger of fatal or high-impact fires — the government-led team, the
 * parties examined (construction, design, supervision, intermediaries, products, management) and their findings, the
 * measures, and the one-year evaluation with its deadline; each record and its evaluation are published at once on
 * the public page 火灾责任调查公开.
 */
export function AccountabilityPage() {
  const list = useApi<AccountabilityList>('/api/v1/incident-accountability');
  const incidents = useApi<IncidentList>('/api/v1/incidents');
  const [acting, setActing] = useState<Acting>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>责任调查与整改评估</Typography.Title>
      <Typography.Paragraph type="secondary">
        造成人员死亡或有重大社会影响的火灾：登记政府牵头的调查组和各方责任，一年内评估整改措施落实情况。登记和评估结果即在
        <Link to="/accountability">火灾责任调查公开</Link>页面公布。
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setActing({ kind: 'record' })}>
          登记责任调查
        </Button>
      </Space>
      <Card className="list-frame">
        <ResponsiveTable<AccountabilityView>
          rowKey="id"
          cardHead={1}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有责任调查记录' }}
          columns={[
            { title: '火灾', key: 'place', render: (_: unknown, a) => a.place ?? a.agencyName },
            { title: '死亡人数', dataIndex: 'deaths' },
            { title: '调查组', key: 'team', render: (_: unknown, a) => `${a.teamLead}牵头，${a.teamMembers.join('、')}参加` },
            {
              title: '各方责任',
              key: 'parties',
              render: (_: unknown, a) => (
                <Space direction="vertical" size={0}>
                  {a.parties.map((p) => (
                    <span key={`${p.party}-${p.name}`}>
                      {p.partyLabel}：{p.name}（{p.findings}）
                    </span>
                  ))}
                </Space>
              ),
            },
            { title: '整改措施', dataIndex: 'measures' },
            {
              title: '一年评估',
              key: 'evaluation',
              render: (_: unknown, a) => (
                <Space direction="vertical" size={0}>
                  <Tag color={a.status === 'evaluated' ? 'success' : 'processing'}>{a.statusLabel}</Tag>
                  {a.evaluation ? <span>{a.evaluation}</span> : <span>评估期限：{a.evaluationDue ?? '—'}</span>}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, a) =>
                a.status === 'investigated' ? <Button onClick={() => setActing({ kind: 'evaluate', a })}>登记一年评估</Button> : null,
            },
          ]}
        />
      </Card>
      <Modal open={!!acting} title={acting?.kind === 'evaluate' ? '整改措施落实情况一年评估' : '登记责任调查'} footer={null} onCancel={close} destroyOnHidden>
        {acting?.kind === 'evaluate' ? (
          <Form
            layout="vertical"
            onFinish={(v: { findings: string }) =>
              void post(`/api/v1/incident-accountability/${acting.a.id}/evaluation`, { findings: v.findings, version: acting.a.version }, '已登记评估并公布')
            }
          >
            <Typography.Paragraph>{acting.a.measures}</Typography.Paragraph>
            <Form.Item name="findings" label="评估结论（公开）" rules={[{ required: true, min: 2, message: '请填写评估结论' }]}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              登记并公布
            </Button>
          </Form>
        ) : acting ? (
          <Form<RecordValues>
            layout="vertical"
            initialValues={{ deaths: 1, parties: [{ party: 'management', name: '', findings: '' }] }}
            onFinish={(v) =>
              void post(
                `/api/v1/incidents/${v.incidentId}/accountability`,
                { deaths: v.deaths, highImpact: !!v.highImpact, teamLead: v.teamLead, teamMembers: v.teamMembers, parties: v.parties, measures: v.measures },
                '已登记并公布',
              )
            }
          >
            <Form.Item name="incidentId" label="火灾" rules={[{ required: true, message: '请选择火灾' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={incidents.isLoading}
                options={(incidents.data?.items ?? []).map((i) => ({ value: i.id, label: i.place }))}
              />
            </Form.Item>
            <Form.Item name="deaths" label="死亡人数" rules={[{ required: true, message: '请填写死亡人数' }]}>
              <InputNumber min={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="highImpact" valuePropName="checked">
              <Checkbox>有重大社会影响</Checkbox>
            </Form.Item>
            <Form.Item name="teamLead" label="牵头的人民政府" rules={[{ required: true, min: 2, message: '请填写牵头单位' }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="teamMembers" label="调查组成员单位" rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个成员单位' }]}>
              <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} placeholder="输入单位名称后回车" />
            </Form.Item>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong>各方责任</Typography.Text>
                  {fields.map((f) => (
                    <Card key={f.key} size="small" extra={fields.length > 1 && <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />}>
                      <Form.Item name={[f.name, 'party']} label="责任方" rules={[{ required: true, message: '请选择责任方' }]}>
                        <Select options={PARTY_OPTIONS} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} label="名称" rules={[{ required: true, min: 2, message: '请填写名称' }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'findings']} label="调查认定的责任" rules={[{ required: true, min: 2, message: '请填写责任' }]}>
                        <Input.TextArea rows={2} maxLength={2000} />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ party: 'construction', name: '', findings: '' })} block>
                    增加责任方
                  </Button>
                </Space>
              )}
            </Form.List>
            <Form.Item name="measures" label="整改措施" style={{ marginTop: 16 }} rules={[{ required: true, min: 2, message: '请填写整改措施' }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              登记并公布
            </Button>
          </Form>
        ) : null}
      </Modal>
    </Space>
  );
}
