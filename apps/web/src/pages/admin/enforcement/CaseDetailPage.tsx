import { UploadOutlined } from '@ant-design/icons';
import type { CaseView, OfficerList } from '@fep/contracts';
import { EVIDENCE_KIND_LABELS, INSTALMENT_LABELS, instalmentLabel, REMEDY_KIND_LABELS, SERVICE_METHOD_LABELS } from '@fep/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
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
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, uploadFile } from '../../../api.ts';
import { ApiErrorResult } from '../../../components/ApiErrorResult.tsx';
import { InstalmentTable } from '../../../components/InstalmentTable.tsx';
import { RecordTimeline } from '../../../components/RecordTimeline.tsx';
import { beijingDateTime } from '../../../licensing.ts';
import { useApiMutation } from '../../../mutation.ts';
import { useApi } from '../../../query.ts';
import { CASE_STATUS_COLORS } from './caseLabels.ts';
import { ProposalCard } from './ProposalCard.tsx';
import { SealProposalForm } from './SealProposalForm.tsx';

const yuan = (n: number | null | undefined) => (n === null || n === undefined ? '' : `${n.toLocaleString('zh-CN')} 元`);
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The step each action posts to, and whether it needs a form (the rest ask for confirmation). */
const STEP: Record<string, { path: string; form?: boolean; confirm?: string; danger?: boolean }> = {
  file: { path: 'filing', confirm: '批准立案后开始计算作出决定的期限，确认立案？' },
  decline_filing: { path: 'filing', form: true, danger: true },
  evidence: { path: 'evidence', form: true },
  serve_notice: { path: 'notice', form: true },
  statement: { path: 'statement', form: true },
  request_hearing: { path: 'hearing-request', confirm: '记录当事人提出的听证申请？' },
  schedule_hearing: { path: 'hearing-schedule', form: true },
  record_hearing: { path: 'hearing', form: true },
  submit_review: { path: 'review-submission', confirm: '提交法制审核？' },
  review_pass: { path: 'review', form: true },
  review_return: { path: 'review', form: true, danger: true },
  submit_decision: { path: 'decision-submission', confirm: '提请审批？' },
  decide: { path: 'decision', form: true },
  decide_on_the_spot: { path: 'decision', form: true },
  serve_decision: { path: 'service', form: true },
  payment: { path: 'payment', form: true },
  collective_discussion: { path: 'collective-discussion', form: true },
  payment_plan_decision: { path: 'payment-plan-decision', form: true },
  recusal_request: { path: 'recusal-requests', form: true },
  recusal_decision: { path: 'recusal-decision', form: true },
  remedy_start: { path: 'remedy-periods', form: true },
  remedy_end: { path: 'remedy-period-end', form: true },
  transfer: { path: 'transfer', form: true, danger: true },
  revoke: { path: 'revocation', form: true, danger: true },
};

/**
 * 案件办理 (ENF-01 … ENF-07): the case file on one page — party, facts, the engine's proposal with its reasons,
 * evidence, each step done so far, the decision clock and the 流转记录 — with the steps the caller may take
 * now as buttons (the API says which; a refused step shows the server's Chinese reason).
 */
export function CaseDetailPage() {
  const { id } = useParams();
  const q = useApi<CaseView>(`/api/v1/enforcement/cases/${id}`);
  const [open, setOpen] = useState<string | null>(null);
  const [sealOpen, setSealOpen] = useState(false);
  const { message, modal } = App.useApp();
  const { mutateAsync } = useApiMutation();
  if (q.error) return <ApiErrorResult error={q.error} what="处罚案件" />;
  const c = q.data;
  if (!c) return <Skeleton active />;

  const post = async (action: string, body: unknown, ok: string) => {
    try {
      await mutateAsync({ url: `/api/v1/enforcement/cases/${c.id}/${STEP[action]!.path}`, body });
      message.success(ok);
      setOpen(null);
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
      return false;
    }
  };
  const start = (action: string, label: string) => {
    if (action === 'propose_seal') return setSealOpen(true);
    const step = STEP[action];
    if (!step) return;
    if (step.form) setOpen(action);
    else
      modal.confirm({
        title: label,
        content: step.confirm,
        okText: '确认',
        cancelText: '取消',
        onOk: () => post(action, action === 'file' ? { approve: true } : undefined, `已${label}`),
      });
  };

  return (
    <div>
      <Typography.Title level={4}>
        {c.party.name} <Tag color={CASE_STATUS_COLORS[c.status]}>{c.statusLabel}</Tag>
        {c.deviation && <Tag color="orange">偏离裁量建议</Tag>}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={c.number ? `案号 ${c.number}` : '立案申请'} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="当事人">
                {c.party.name}（{c.party.kindLabel}）
              </Descriptions.Item>
              {c.party.usci && <Descriptions.Item label="统一社会信用代码">{c.party.usci}</Descriptions.Item>}
              {c.party.idNumber && <Descriptions.Item label="公民身份号码">{c.party.idNumber}</Descriptions.Item>}
              <Descriptions.Item label="违法行为">
                {c.violation.conduct}（{c.violation.provision}）
              </Descriptions.Item>
              <Descriptions.Item label="违法事实">{c.facts}</Descriptions.Item>
              <Descriptions.Item label="程序">{c.procedureLabel}</Descriptions.Item>
              <Descriptions.Item label="承办人员">{c.officers.map((o) => o.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label="办案机构">{c.agency.name}</Descriptions.Item>
            </Descriptions>
          </Card>
          <ProposalCard proposal={c.proposal} title="裁量建议（立案时按现行基准）" />
          {c.history.length > 0 && (
            <Card size="small" title="当事人违法记录" style={{ marginBottom: 16 }}>
              <List
                size="small"
                dataSource={c.history}
                renderItem={(h) => (
                  <List.Item>
                    {h.number ?? '（未立案）'} {h.decidedOn ? `${h.decidedOn} ${h.outcomeLabel ?? ''}` : '办理中'}
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card size="small" title="证据" style={{ marginBottom: 16 }}>
            <List
              size="small"
              locale={{ emptyText: '尚未登记证据' }}
              dataSource={c.evidence}
              renderItem={(e) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <span>
                      <Tag>{e.kindLabel}</Tag>
                      {e.description}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {beijingDateTime(e.recordedAt)} 登记 · 摘要 {e.sha256.slice(0, 16)}…
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <StepsCard c={c} />
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title="可办理的步骤" style={{ marginBottom: 16 }} data-testid="case-actions">
            {c.actions.length === 0 ? (
              <Typography.Text type="secondary">当前没有需要您办理的步骤</Typography.Text>
            ) : (
              <Space wrap>
                {c.actions.map((a) => (
                  <Button
                    key={a.action}
                    type={STEP[a.action]?.danger ? 'default' : 'primary'}
                    danger={STEP[a.action]?.danger}
                    onClick={() => start(a.action, a.label)}
                  >
                    {a.label}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          {c.due && (
            <Card size="small" title="作出决定期限" style={{ marginBottom: 16 }}>
              {c.due.dueDate} <Tag color={c.due.alert === 'overdue' ? 'error' : c.due.alert === 'due_soon' ? 'warning' : 'default'}>{c.due.label}</Tag>
            </Card>
          )}
          <RecordTimeline target={`enforcement_case:${c.id}`} />
        </Col>
      </Row>
      {sealOpen && (
        <SealProposalForm
          defaults={{ caseId: c.id, regionCode: c.agency.regionCode, usci: c.party.usci, unitName: c.party.name }}
          onClose={() => setSealOpen(false)}
        />
      )}
      {open && <ActionModal c={c} action={open} label={c.actions.find((a) => a.action === open)?.label ?? ''} onCancel={() => setOpen(null)} onSubmit={post} />}
    </div>
  );
}

/** What has been done: notice, statement, hearing, review, decision, service and payment, publicity, revocation. */
function StepsCard({ c }: { c: CaseView }) {
  const items: { label: string; value: React.ReactNode }[] = [];
  if (c.notice)
    items.push({
      label: '告知',
      value: (
        <>
          {c.notice.servedOn} 告知拟{c.notice.outcomeLabel}
          {c.notice.fine !== null && ` ${yuan(c.notice.fine)}`}
          {c.notice.hearingEligible && `；可于 ${c.notice.hearingDeadline} 前申请听证`}
        </>
      ),
    });
  if (c.statement) items.push({ label: '陈述、申辩', value: <span style={{ whiteSpace: 'pre-wrap' }}>{c.statement}</span> });
  if (c.hearing)
    items.push({
      label: '听证',
      value: c.hearing.heldOn
        ? `${c.hearing.heldOn} 举行，主持人 ${c.hearing.hostName ?? ''}；${c.hearing.transcript ?? ''}`
        : c.hearing.hearingAt
          ? `定于 ${c.hearing.hearingAt.replace('T', ' ')} 在${c.hearing.place ?? ''}举行，主持人 ${c.hearing.hostName ?? ''}（已送达听证通知书）`
          : `已于 ${beijingDateTime(c.hearing.requestedAt)} 申请，待安排`,
    });
  for (const r of c.recusals)
    items.push({
      label: '回避申请',
      value: `申请 ${r.officerName} 回避（${r.reason}）：${r.statusLabel}${r.decisionReason ? `，${r.decisionReason}` : ''}${r.replacementName ? `；由 ${r.replacementName} 接替` : ''}`,
    });
  if (c.transfer) items.push({ label: '移送', value: `移送${c.transfer.to}：${c.transfer.reason}` });
  if (c.discussion) items.push({ label: '集体讨论', value: `${c.discussion.heldOn}（${c.discussion.participants}）：${c.discussion.conclusion}` });
  if (c.review) items.push({ label: '法制审核', value: `${c.review.passedAt ? '通过' : '退回'}（${c.review.reviewerName ?? ''}）：${c.review.opinion ?? ''}` });
  if (c.decision)
    items.push({
      label: '处罚决定',
      value: (
        <>
          {c.decision.number} {c.decision.decidedOn} {c.decision.outcomeLabel} {yuan(c.decision.fine)}
          {c.decision.deviationReason && <div>偏离理由：{c.decision.deviationReason}</div>}
        </>
      ),
    });
  if (c.service)
    items.push({
      label: '送达',
      value: `${c.service.servedOn} ${c.service.methodLabel}${c.service.trackingNumber ? `（邮件单号 ${c.service.trackingNumber}）` : ''}`,
    });
  if (c.payment)
    items.push({
      label: '缴纳罚款',
      value: c.payment.paid
        ? `${c.payment.paidOn} 已缴纳 ${yuan(c.payment.paidAmount)}（票据号 ${c.payment.receiptNumber}）`
        : `应于 ${c.payment.dueDate} 前缴纳 ${yuan(c.payment.fine)}${c.payment.lateFee > 0 ? `；已逾期 ${c.payment.lateFeeDays} 日，加处罚款 ${yuan(c.payment.lateFee)}` : ''}`,
    });
  if (c.payment && c.payment.instalments.length > 0)
    items.push({
      label: INSTALMENT_LABELS.title,
      value: (
        <>
          {c.payment.dueNow && (
            <div style={{ marginBottom: 8 }}>
              {`${INSTALMENT_LABELS.dueNow}：${instalmentLabel(c.payment.dueNow.seq, c.payment.instalments.length)}，${yuan(c.payment.dueNow.total)}（含加处罚款 ${yuan(c.payment.dueNow.lateFee)}）`}
            </div>
          )}
          <InstalmentTable payment={c.payment} />
        </>
      ),
    });
  const plan = c.payment?.plan ?? c.payment?.pendingPlan;
  if (plan)
    items.push({
      label: plan.kindLabel,
      value: (
        <>
          <Tag color={plan.status === 'approved' ? 'green' : 'gold'}>{plan.statusLabel}</Tag>
          {plan.schedule.map((i) => `${i.dueDate} 前缴纳 ${yuan(i.amount)}`).join('；')}
          <div>申请理由：{plan.reason}</div>
          {plan.decisionReason && <div>审批意见：{plan.decisionReason}</div>}
        </>
      ),
    });
  for (const r of c.payment?.remedyPeriods ?? [])
    items.push({
      label: r.kindLabel,
      value: `${r.startedOn} 起${r.endedOn ? `至 ${r.endedOn}` : '（尚未结束）'}，期间不计加处罚款：${r.note}`,
    });
  if (c.publicity)
    items.push({ label: '公示', value: c.publicity.withdrawnAt ? `已于 ${beijingDateTime(c.publicity.withdrawnAt)} 撤回` : `公示至 ${c.publicity.until}` });
  if (c.revocation) items.push({ label: '撤销', value: `${beijingDateTime(c.revocation.revokedAt)}：${c.revocation.reason}` });
  if (items.length === 0) return null;
  return (
    <Card size="small" title="办理情况" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={1} bordered>
        {items.map((i) => (
          <Descriptions.Item key={i.label} label={i.label}>
            {i.value}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

interface ActionModalProps {
  c: CaseView;
  action: string;
  label: string;
  onCancel: () => void;
  onSubmit: (action: string, body: unknown, ok: string) => Promise<boolean>;
}

/** The form of a step that needs input; what it sends is the step's request body. */
function ActionModal({ c, action, label, onCancel, onSubmit }: ActionModalProps) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const hosts =
    useApi<OfficerList>(action === 'record_hearing' || action === 'schedule_hearing' ? `/api/v1/enforcement/cases/${c.id}/hearing-hosts` : null).data?.items ??
    [];
  const method = Form.useWatch('method', form) as string | undefined;
  const grant = Form.useWatch('grant', form) as boolean | undefined;
  const officers = useApi<OfficerList>(action === 'recusal_decision' ? '/api/v1/enforcement/officers' : null).data?.items ?? [];
  const pendingRecusals = c.recusals.filter((r) => r.status === 'requested');
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const fine = Form.useWatch('fine', form) as number | undefined;
  const range = c.proposal.range;
  const outside =
    outcome !== undefined && (outcome !== c.proposal.outcome || (outcome === 'fine' && range && fine !== undefined && (fine < range.min || fine > range.max)));
  // Under instalments (art. 66 ¶2) a payment settles the earliest open instalment with the fee on it alone.
  const owed = c.payment ? (c.payment.dueNow ? c.payment.dueNow.total : c.payment.fine + c.payment.lateFee) : undefined;
  const owedFee = c.payment?.dueNow ? c.payment.dueNow.lateFee : c.payment?.lateFee;
  const initial: Record<string, unknown> = {
    serve_notice: { outcome: c.proposal.outcome, fine: c.proposal.proposedFine },
    decide: { outcome: c.notice?.outcome ?? c.proposal.outcome, fine: c.notice?.fine ?? c.proposal.proposedFine },
    decide_on_the_spot: { outcome: c.proposal.outcome === 'no_penalty' ? 'warning' : c.proposal.outcome, fine: c.proposal.proposedFine },
    serve_decision: { method: 'in_person', servedAt: today() },
    payment: { amount: owed, paidOn: today() },
    record_hearing: { heldOn: c.hearing?.hearingAt?.slice(0, 10) ?? today() },
    schedule_hearing: { hearingAt: '' },
    remedy_start: { kind: 'review', startedOn: today() },
    remedy_end: { endedOn: today() },
    payment_plan_decision: { approve: true },
    recusal_decision: { grant: false, requestId: c.recusals.find((r) => r.status === 'requested')?.id },
    collective_discussion: { heldOn: today() },
    evidence: { kind: 'photo' },
  };
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    let body: unknown = v;
    if (action === 'decline_filing') body = { approve: false, reason: v.reason };
    if (action === 'review_pass' || action === 'review_return') body = { pass: action === 'review_pass', opinion: v.opinion };
    if (action === 'serve_decision' && v.method !== 'post') body = { method: v.method, servedAt: v.servedAt };
    if (action === 'schedule_hearing') body = { ...v, hearingAt: String(v.hearingAt).replace('T', ' ') };
    if (action === 'serve_notice' || action === 'decide' || action === 'decide_on_the_spot')
      body = { outcome: v.outcome, ...(v.outcome === 'fine' ? { fine: v.fine } : {}), ...(v.deviationReason ? { deviationReason: v.deviationReason } : {}) };
    if (action === 'evidence') {
      const file = (v.file as { originFileObj?: File }[] | undefined)?.[0]?.originFileObj;
      if (!file) {
        setBusy(false);
        return;
      }
      try {
        body = { fileId: await uploadFile(file, file.name), kind: v.kind, description: v.description };
      } catch (e) {
        setBusy(false);
        Modal.error({ title: '上传失败', content: e instanceof ApiError ? e.message : '请重试' });
        return;
      }
    }
    await onSubmit(action, body, `已${label}`);
    setBusy(false);
  };
  const outcomeField = (
    <Form.Item name="outcome" label="处罚种类" rules={[{ required: true }]}>
      <Radio.Group
        options={[
          { value: 'fine', label: '罚款' },
          { value: 'warning', label: '警告' },
          ...(action === 'decide_on_the_spot' ? [] : [{ value: 'no_penalty', label: '不予行政处罚' }]),
        ]}
      />
    </Form.Item>
  );
  const fineField = outcome === 'fine' && (
    <Form.Item
      name="fine"
      label="罚款（元）"
      rules={[{ required: true, message: '请填写罚款数额' }]}
      extra={range ? `裁量建议：${yuan(range.min)}–${yuan(range.max)}` : undefined}
    >
      <InputNumber min={0} precision={0} style={{ width: 200 }} />
    </Form.Item>
  );
  return (
    <Modal open title={label} okText="提交" cancelText="取消" onOk={() => void submit()} confirmLoading={busy} onCancel={onCancel} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial[action] as object}>
        {action === 'decline_filing' && (
          <Form.Item name="reason" label="不予立案的理由" rules={[{ required: true, min: 2, message: '请写明理由' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'evidence' && (
          <>
            <Form.Item
              name="file"
              label="证据文件"
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}
              rules={[{ required: true, message: '请选择文件' }]}
            >
              <Upload beforeUpload={() => false} maxCount={1} accept="image/*,application/pdf">
                <Button icon={<UploadOutlined />}>选择照片或扫描件</Button>
              </Upload>
            </Form.Item>
            <Form.Item name="kind" label="证据种类">
              <Select options={options(EVIDENCE_KIND_LABELS)} />
            </Form.Item>
            <Form.Item name="description" label="证据说明" rules={[{ required: true, min: 2, message: '请写明证据说明' }]}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {(action === 'serve_notice' || action === 'decide' || action === 'decide_on_the_spot') && (
          <>
            {outcomeField}
            {fineField}
            {action !== 'serve_notice' && (
              <Form.Item
                name="deviationReason"
                label="偏离裁量建议的理由"
                rules={[{ required: !!outside, min: 2, message: '处罚决定偏离裁量建议，须书面说明理由' }]}
                extra={outside ? '该决定偏离裁量建议，将标记并推送执法监督。' : '决定在裁量建议范围内时无须填写。'}
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            )}
            {action === 'decide' && c.notice && (
              <Alert
                type="info"
                showIcon
                message={`告知的处罚：${c.notice.outcomeLabel}${c.notice.fine !== null ? ` ${yuan(c.notice.fine)}` : ''}；决定不得重于告知。`}
              />
            )}
          </>
        )}
        {action === 'statement' && (
          <Form.Item name="text" label="陈述、申辩内容" rules={[{ required: true, min: 2, message: '请填写' }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        )}
        {action === 'record_hearing' && (
          <>
            <Form.Item name="hostUserId" label="听证主持人（非本案调查人员）" rules={[{ required: true, message: '请选择主持人' }]}>
              <Select options={hosts.map((h) => ({ value: h.userId, label: `${h.name}（${h.agencyName}）` }))} />
            </Form.Item>
            <Form.Item name="heldOn" label="听证日期" rules={[{ required: true }]}>
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="transcript" label="听证笔录摘要" rules={[{ required: true, min: 2, message: '请填写听证笔录' }]}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
          </>
        )}
        {action === 'schedule_hearing' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message="听证通知书将于提交时出具并送达；听证日期须在送达之日起至少七个工作日后（行政处罚法第六十四条第（二）项）。"
            />
            <Form.Item name="hostUserId" label="听证主持人（非本案调查人员）" rules={[{ required: true, message: '请选择主持人' }]}>
              <Select options={hosts.map((h) => ({ value: h.userId, label: `${h.name}（${h.agencyName}）` }))} />
            </Form.Item>
            <Form.Item name="hearingAt" label="听证时间" rules={[{ required: true, message: '请选择听证时间' }]}>
              <Input type="datetime-local" style={{ maxWidth: 240 }} />
            </Form.Item>
            <Form.Item name="place" label="听证地点" rules={[{ required: true, min: 2, message: '请填写听证地点' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {action === 'recusal_request' && (
          <>
            <Form.Item name="officerUserId" label="被申请回避的承办人员" rules={[{ required: true, message: '请选择' }]}>
              <Select options={c.officers.map((o) => ({ value: o.userId, label: o.name }))} />
            </Form.Item>
            <Form.Item
              name="reason"
              label="当事人申请回避的理由"
              rules={[{ required: true, min: 2, message: '请填写理由' }]}
              extra="回避决定作出前，调查不停止（行政处罚法第四十三条第三款）。"
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'recusal_decision' && (
          <>
            <Form.Item name="requestId" label="回避申请" rules={[{ required: true, message: '请选择' }]}>
              <Select options={pendingRecusals.map((r) => ({ value: r.id, label: `${r.officerName}：${r.reason}` }))} />
            </Form.Item>
            <Form.Item name="grant" label="决定">
              <Radio.Group
                options={[
                  { value: true, label: '决定回避' },
                  { value: false, label: '不予回避' },
                ]}
              />
            </Form.Item>
            {grant && (
              <Form.Item name="replacementOfficerId" label="接替的承办人员（持证、未申报回避）" rules={[{ required: true, message: '请选择接替人员' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={officers
                    .filter((o) => !c.officers.some((x) => x.userId === o.userId))
                    .map((o) => ({ value: o.userId, label: `${o.name}（${o.agencyName}）` }))}
                />
              </Form.Item>
            )}
            <Form.Item name="reason" label="决定理由" rules={[{ required: true, min: 2, message: '请填写理由' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'payment_plan_decision' && c.payment?.pendingPlan && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${c.payment.pendingPlan.kindLabel}：${c.payment.pendingPlan.schedule.map((i) => `${i.dueDate} 前 ${yuan(i.amount)}`).join('；')}`}
              description={`申请理由：${c.payment.pendingPlan.reason}`}
            />
            <Form.Item name="approve" label="审批结果">
              <Radio.Group
                options={[
                  { value: true, label: '批准' },
                  { value: false, label: '不予批准' },
                ]}
              />
            </Form.Item>
            <Form.Item name="reason" label="审批意见" rules={[{ required: true, min: 2, message: '请填写审批意见' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'remedy_start' && (
          <>
            <Form.Item name="kind" label="种类">
              <Radio.Group options={options(REMEDY_KIND_LABELS)} />
            </Form.Item>
            <Form.Item
              name="startedOn"
              label="申请复议或者起诉的日期"
              rules={[{ required: true }]}
              extra="复议、诉讼期间加处罚款不予计算（行政处罚法第七十三条第三款）。"
            >
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="note" label="复议机关或者受理法院、案号" rules={[{ required: true, min: 2, message: '请填写' }]}>
              <Input maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'remedy_end' && (
          <>
            <Form.Item name="endedOn" label="结束日期" rules={[{ required: true }]}>
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="note" label="结果" rules={[{ required: true, min: 2, message: '请填写结果' }]}>
              <Input maxLength={1000} placeholder="如：复议决定维持原处罚决定" />
            </Form.Item>
          </>
        )}
        {(action === 'review_pass' || action === 'review_return') && (
          <Form.Item name="opinion" label={action === 'review_pass' ? '审核意见' : '退回意见'} rules={[{ required: true, min: 2, message: '请填写审核意见' }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        )}
        {action === 'serve_decision' && (
          <>
            <Form.Item name="method" label="送达方式">
              <Select options={options(SERVICE_METHOD_LABELS)} />
            </Form.Item>
            <Form.Item name="servedAt" label="送达日期" rules={[{ required: true }]} extra="补录纸质送达的，填写实际送达日期。">
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
            {method === 'post' && (
              <Form.Item name="trackingNumber" label="邮件单号" rules={[{ required: true, min: 6, message: '邮寄送达须填写挂号信或特快专递单号' }]}>
                <Input maxLength={40} style={{ maxWidth: 240 }} />
              </Form.Item>
            )}
          </>
        )}
        {action === 'payment' && (
          <>
            <Form.Item
              name="amount"
              label="缴纳金额（元）"
              rules={[{ required: true }]}
              extra={
                owed !== undefined
                  ? `${c.payment?.dueNow ? `${instalmentLabel(c.payment.dueNow.seq, c.payment.instalments.length)} ` : ''}应缴 ${yuan(owed)}（含加处罚款 ${yuan(owedFee)}，按今日计）`
                  : undefined
              }
            >
              <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="paidOn" label="缴纳日期" rules={[{ required: true }]}>
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="receiptNumber" label="财政票据号或支付流水号" rules={[{ required: true, min: 4, message: '请填写票据号' }]}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
        {action === 'collective_discussion' && (
          <>
            <Form.Item name="heldOn" label="讨论日期" rules={[{ required: true }]}>
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="participants" label="参加人员" rules={[{ required: true, min: 2, message: '请填写参加人员' }]}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="conclusion" label="讨论决定" rules={[{ required: true, min: 2, message: '请填写讨论决定' }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {action === 'transfer' && (
          <>
            <Form.Item
              name="to"
              label="移送机关"
              rules={[{ required: true, min: 2, message: '请填写移送机关' }]}
              extra="涉及行政拘留的移送公安机关；涉嫌犯罪的移送司法机关。"
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="reason" label="移送理由" rules={[{ required: true, min: 2, message: '请写明理由' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'revoke' && (
          <Form.Item
            name="reason"
            label="撤销或变更的理由"
            rules={[{ required: true, min: 2, message: '请写明理由' }]}
            extra="撤销后，已公示的处罚决定立即撤回。"
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
