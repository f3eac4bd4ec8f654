import type { SealRequestView, SealView } from '@fep/contracts';
import { SEAL_REQUEST_OUTCOME_LABELS, SERVICE_METHOD_LABELS } from '@fep/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { DocumentList } from '../../components/DocumentDownloads.tsx';
import { RecordTimeline } from '../../components/RecordTimeline.tsx';
import { usePost } from '../../components/usePost.ts';
import { SEAL_STATUS_COLORS } from '../../labels.ts';
import { beijingDateTime, downloadWithAuth } from '../../licensing.ts';
import { useApi } from '../../query.ts';

type Due = SealView['due'][number];
type Acting =
  | { kind: 'decision' | 'service' | 'extension' | 'lifting' }
  | { kind: 'inspection'; request: SealRequestView }
  | { kind: 'request-decision'; request: SealRequestView };

const REQUEST_COLORS: Record<string, string> = { submitted: 'orange', inspected: 'gold', decided: 'success', closed: 'default' };

/** A running clock: what it is for, when it falls due, and how much time is left. */
export function DueLine({ due }: { due: Due }) {
  return (
    <Space wrap size={4}>
      <Typography.Text>{due.title}</Typography.Text>
      <Typography.Text type="secondary">截止 {due.dueAt ? beijingDateTime(due.dueAt) : due.dueDate}</Typography.Text>
      <Tag color={due.alert === 'overdue' ? 'red' : due.alert === 'due_soon' ? 'orange' : 'green'}>{due.label}</Tag>
    </Space>
  );
}

/**
 * One temporary seal (临时查封, ENF-05) in the back office: the decision's facts (situation, legal basis, parts,
 * term, collective discussion, service), its clocks, the unit's online requests with the inspection and the
 * decision on each, and the steps the user may take (decide, serve, extend once, lift); 流转记录 on the right.
 */
export function SealDetailPage() {
  const { id } = useParams();
  const q = useApi<SealView>(`/api/v1/enforcement/seals/${id}`);
  const [acting, setActing] = useState<Acting | null>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  if (q.error) return <ApiErrorResult error={q.error} what="临时查封" />;
  const s = q.data;
  if (!s) return <Skeleton active />;
  const url = (step: string) => `/api/v1/enforcement/seals/${s.id}/${step}`;
  const requestUrl = (r: SealRequestView, step: string) => `/api/v1/enforcement/seal-requests/${r.id}/${step}`;
  const people = (v: string) =>
    v
      .split(/[、,，\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);

  return (
    <div>
      <Typography.Title level={4}>
        {s.unit.name} <Tag color={SEAL_STATUS_COLORS[s.status] ?? 'default'}>{s.statusLabel}</Tag> {s.emergency && <Tag color="volcano">紧急查封</Tag>}
      </Typography.Title>
      {s.status === 'expired_unlifted' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="查封期限已届满，尚未解除"
          description="期限届满的，应当立即解除查封（行政强制法第二十八条）；仍须查封的，重新作出决定。"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            title={`临时查封决定书 ${s.number ?? '（待集体研究决定）'}`}
            style={{ marginBottom: 16 }}
            extra={
              <Space wrap>
                {s.actions.map((a) => (
                  <Button
                    key={a.action}
                    type={a.action === 'decision' ? 'primary' : 'default'}
                    danger={a.action === 'lifting'}
                    onClick={() => setActing({ kind: a.action as 'decision' | 'service' | 'extension' | 'lifting' })}
                  >
                    {a.label}
                  </Button>
                ))}
              </Space>
            }
          >
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="统一社会信用代码">{s.unit.usci}</Descriptions.Item>
              <Descriptions.Item label="查封情形">{s.situationLabel}</Descriptions.Item>
              <Descriptions.Item label="法律依据">{s.legalBasis}</Descriptions.Item>
              <Descriptions.Item label="查封的场所、部位">{s.scope}</Descriptions.Item>
              {s.mapPoint && (
                <Descriptions.Item label="位置">
                  东经 {s.mapPoint.lng.toFixed(5)}°，北纬 {s.mapPoint.lat.toFixed(5)}°
                </Descriptions.Item>
              )}
              <Descriptions.Item label="检查日期">{s.inspectedOn}</Descriptions.Item>
              <Descriptions.Item label="查封期限">{s.termDays} 日</Descriptions.Item>
              <Descriptions.Item label="查封期间">{s.startDate ? `${s.startDate} 至 ${s.endDate}` : '集体研究决定后起算'}</Descriptions.Item>
              {s.extension && (
                <Descriptions.Item label="延长期限">
                  延长 {s.extension.days} 日（{s.extension.reason}），{beijingDateTime(s.extension.extendedAt)} 批准
                </Descriptions.Item>
              )}
              {s.emergency && (
                <Descriptions.Item label="紧急查封">
                  {s.oralApproval}；须于 {beijingDateTime(s.confirmBy)} 前集体研究确认
                </Descriptions.Item>
              )}
              {s.collective && (
                <Descriptions.Item label="集体研究">
                  {s.collective.record}
                  <div>
                    <Typography.Text type="secondary">
                      参加人员：{s.collective.participants.join('、')}；{beijingDateTime(s.collective.decidedAt)}
                    </Typography.Text>
                  </div>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="执法人员">{s.officers.map((o) => o.name).join('、')}</Descriptions.Item>
              {s.caseNumber && <Descriptions.Item label="关联案件">{s.caseNumber}</Descriptions.Item>}
              {s.service && (
                <Descriptions.Item label="送达">
                  {s.service.methodLabel}，{s.service.servedOn}
                  {s.service.trackingNumber ? `（邮件单号 ${s.service.trackingNumber}）` : ''}
                </Descriptions.Item>
              )}
              {s.lift && (
                <Descriptions.Item label="解除">
                  {s.lift.reason}（{beijingDateTime(s.lift.liftedAt)}）
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {s.documents.length > 0 && (
            <Card title="文书" style={{ marginBottom: 16 }}>
              <DocumentList
                rows={s.documents.map((d) => ({
                  key: d.id,
                  title: d.kindLabel,
                  number: d.number,
                  issuedOn: d.issuedOn,
                  purpose: d.purpose,
                  verifyCode: d.verifyCode,
                  statusLabel: d.statusLabel,
                  valid: d.valid,
                  download: () => downloadWithAuth(d.downloadUrl, `${d.kindLabel}-${d.number}.pdf`),
                }))}
                empty="暂无文书"
              />
            </Card>
          )}
          <Card title="当事人的在线申请" style={{ marginBottom: 16 }}>
            <List
              dataSource={s.requests}
              locale={{ emptyText: <Typography.Text type="secondary">暂无申请</Typography.Text> }}
              renderItem={(r) => (
                <List.Item
                  actions={r.actions.map((a) => (
                    <Button
                      key={a.action}
                      type="primary"
                      size="small"
                      onClick={() => setActing({ kind: a.action === 'inspection' ? 'inspection' : 'request-decision', request: r })}
                    >
                      {a.label}
                    </Button>
                  ))}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {r.kindLabel}
                        <Tag color={REQUEST_COLORS[r.status] ?? 'default'}>{r.statusLabel}</Tag>
                      </Space>
                    }
                    description={
                      <div>
                        <div>
                          {beijingDateTime(r.submittedAt)} 提交：{r.note}
                        </div>
                        {r.inspection && (
                          <div>
                            检查{r.inspection.passed ? '合格' : '不合格'}：{r.inspection.findings}
                          </div>
                        )}
                        {r.decision && (
                          <div>
                            {r.decision.outcomeLabel}：{r.decision.reason}
                          </div>
                        )}
                        {r.due && <DueLine due={r.due} />}
                      </div>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {s.due.length > 0 && (
            <Card title="法定时限" size="small" style={{ marginBottom: 16 }}>
              <List size="small" dataSource={s.due} renderItem={(d) => <List.Item>{<DueLine due={d} />}</List.Item>} />
            </Card>
          )}
          <RecordTimeline target={`enforcement_seal:${s.id}`} />
        </Col>
      </Row>

      <Modal
        open={acting?.kind === 'decision'}
        title={s.status === 'emergency' ? '集体研究确认紧急查封' : '集体研究决定'}
        footer={null}
        onCancel={close}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          initialValues={{ approve: true }}
          onFinish={(v: { approve: boolean; record: string; participants: string }) =>
            void post(
              url('decision'),
              { approve: v.approve, record: v.record, participants: people(v.participants) },
              v.approve ? '已决定临时查封' : '已记录不同意查封',
            )
          }
        >
          <Form.Item name="approve" label="研究结论">
            <Radio.Group
              options={[
                { value: true, label: s.status === 'emergency' ? '确认查封' : '决定查封' },
                { value: false, label: s.status === 'emergency' ? '不同意，立即解除' : '不同意查封' },
              ]}
            />
          </Form.Item>
          <Form.Item name="record" label="集体研究记录" rules={[{ required: true, min: 2, message: '请填写集体研究记录' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item
            name="participants"
            label="参加人员（以顿号或逗号分隔，至少二人）"
            rules={[
              {
                required: true,
                validator: (_, v: string | undefined) => (people(v ?? '').length >= 2 ? Promise.resolve() : Promise.reject(new Error('至少填写二人'))),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            提交
          </Button>
        </Form>
      </Modal>

      <Modal open={acting?.kind === 'service'} title="送达临时查封决定书" footer={null} onCancel={close} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ method: 'in_person', servedAt: dayjs() }}
          onFinish={(v: { method: string; servedAt: dayjs.Dayjs; trackingNumber?: string }) =>
            void post(
              url('service'),
              { method: v.method, servedAt: v.servedAt.format('YYYY-MM-DD'), ...(v.method === 'post' ? { trackingNumber: v.trackingNumber } : {}) },
              '已登记送达',
            )
          }
        >
          <Form.Item name="method" label="送达方式">
            <Select options={Object.entries(SERVICE_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="servedAt" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.method !== b.method}>
            {({ getFieldValue }) =>
              getFieldValue('method') === 'post' && (
                <Form.Item name="trackingNumber" label="邮件单号" rules={[{ required: true, min: 6, message: '邮寄送达须填写挂号信或特快专递单号' }]}>
                  <Input maxLength={40} style={{ maxWidth: 240 }} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Button type="primary" htmlType="submit">
            提交
          </Button>
        </Form>
      </Modal>

      <Modal open={acting?.kind === 'extension'} title="延长查封期限（仅可延长一次）" footer={null} onCancel={close} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ days: 30 }}
          onFinish={(v: { days: number; reason: string }) => void post(url('extension'), v, '已延长查封期限')}
        >
          <Form.Item name="days" label="延长天数（日）">
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="reason" label="延长理由" rules={[{ required: true, min: 2, message: '请说明延长理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            提交
          </Button>
        </Form>
      </Modal>

      <Modal open={acting?.kind === 'lifting'} title="解除临时查封" footer={null} onCancel={close} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { reason: string }) => void post(url('lifting'), v, '已解除查封')}>
          <Form.Item name="reason" label="解除理由" rules={[{ required: true, min: 2, message: '请说明解除理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" danger htmlType="submit">
            解除查封
          </Button>
        </Form>
      </Modal>

      <Modal open={acting?.kind === 'inspection'} title="录入检查结果" footer={null} onCancel={close} destroyOnHidden>
        {acting?.kind === 'inspection' && (
          <Form
            layout="vertical"
            initialValues={{ passed: true }}
            onFinish={(v: { passed: boolean; findings: string }) => void post(requestUrl(acting.request, 'inspection'), v, '已录入检查结果')}
          >
            <Form.Item name="passed" label="检查结论">
              <Radio.Group
                options={[
                  { value: true, label: '合格，火灾隐患已消除' },
                  { value: false, label: '不合格' },
                ]}
              />
            </Form.Item>
            <Form.Item name="findings" label="检查情况" rules={[{ required: true, min: 2, message: '请填写检查情况' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              提交
            </Button>
          </Form>
        )}
      </Modal>

      <Modal open={acting?.kind === 'request-decision'} title="对申请作出决定" footer={null} onCancel={close} destroyOnHidden>
        {acting?.kind === 'request-decision' && (
          <RequestDecisionForm request={acting.request} onSubmit={(body, ok) => void post(requestUrl(acting.request, 'decision'), body, ok)} />
        )}
      </Modal>
    </div>
  );
}

/** The decision follows the law: an entry is allowed (art. 24); otherwise the inspection decides lifting or keeping. */
function RequestDecisionForm({ request, onSubmit }: { request: SealRequestView; onSubmit(body: { outcome: string; reason: string }, ok: string): void }) {
  const outcome = request.kind === 'enter' ? 'allow' : request.inspection?.passed ? 'lift' : 'keep';
  const text = SEAL_REQUEST_OUTCOME_LABELS[outcome];
  return (
    <Form layout="vertical" onFinish={(v: { reason: string }) => onSubmit({ outcome, reason: v.reason }, outcome === 'lift' ? '已解除查封' : '已作出决定')}>
      <Alert type={outcome === 'keep' ? 'warning' : 'info'} showIcon message={`决定：${text}`} style={{ marginBottom: 12 }} />
      <Form.Item
        name="reason"
        label={outcome === 'allow' ? '进入整改的时间和监督安排' : '决定理由'}
        rules={[{ required: true, min: 2, message: outcome === 'allow' ? '请写明进入整改的安排' : '请写明决定理由' }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        提交
      </Button>
    </Form>
  );
}
