import { MinusCircleOutlined, PayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { CaseView, PaymentOrderView } from '@fep/contracts';
import { INSTALMENT_LABELS, instalmentLabel, PAYMENT_PLAN_KIND_LABELS } from '@fep/domain';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { type DocumentEntry, DocumentList } from '../../components/DocumentDownloads.tsx';
import { InstalmentTable } from '../../components/InstalmentTable.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { downloadWithAuth } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { CASE_STATUS_COLORS } from './MyPenaltiesPage.tsx';

const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The unit's penalty case in the portal (ENF-04, ENF-06): where it stands, the decision, what is owed today
 * (the fine and the late fee, due date) with 缴纳罚款 through the payment channel, and the sealed documents
 * it has been given (告知书, 决定书) to download and verify.
 */
export function PenaltyDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const q = useApi<CaseView>(`/api/v1/portal/penalties/${id}`);
  const pay = useApiMutation<PaymentOrderView>(`/api/v1/portal/penalties`);
  const hearing = useApiMutation<CaseView>(`/api/v1/portal/penalties`);
  const [payError, setPayError] = useState<string | null>(null);
  const [planOpen, setPlanOpen] = useState(false);
  const [recusalOpen, setRecusalOpen] = useState(false);
  const c = q.data ?? null;
  if (q.error)
    return (
      <PortalPage>
        <Result status="404" title={q.error instanceof ApiError ? q.error.message : '加载失败'} extra={<Link to="/portal/penalties">返回行政处罚</Link>} />
      </PortalPage>
    );
  if (!c)
    return (
      <PortalPage>
        <Skeleton active />
      </PortalPage>
    );

  async function startPayment() {
    setPayError(null);
    try {
      const order = await pay.mutateAsync({ url: `/api/v1/portal/penalties/${id}/payment-order` });
      // The channel's cashier page (or the test double's page of this server); it sends the person back here.
      window.location.assign(order.payUrl);
    } catch (e) {
      setPayError(e instanceof ApiError ? e.message : '发起缴款失败，请稍后再试');
    }
  }
  const p = c.payment;
  // Under instalments (art. 66 ¶2) what is owed now is the earliest open instalment and the fee on it alone.
  const owed = p ? (p.dueNow ? p.dueNow.total : p.fine + p.lateFee) : 0;
  const docs: DocumentEntry[] = c.documents.map((d) => ({
    key: d.id,
    title: d.kindLabel,
    number: d.number,
    issuedOn: d.issuedOn,
    purpose: d.purpose,
    verifyCode: d.verifyCode,
    statusLabel: d.statusLabel,
    valid: d.valid,
    download: () => downloadWithAuth(d.downloadUrl, `${d.kindLabel}-${d.number}.pdf`),
  }));
  const canRequestHearing = c.status === 'notice_served' && c.notice?.hearingEligible === true;
  return (
    <PortalPage>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          行政处罚案件 <Tag color={CASE_STATUS_COLORS[c.status]}>{c.statusLabel}</Tag>
        </Typography.Title>
        <Link to="/portal/penalties">返回行政处罚</Link>
      </Space>
      <Typography.Paragraph type="secondary">
        {c.number ?? c.procedureLabel} · {c.agency.name}
      </Typography.Paragraph>

      {p && (
        <Card title="罚款缴纳" style={{ marginBottom: 16 }}>
          {p.paid ? (
            <Alert
              type="success"
              showIcon
              message={`已于 ${p.paidOn} 缴纳 ${money(p.paidAmount ?? 0)} 元`}
              description={p.receiptNumber ? `缴款凭证号：${p.receiptNumber}` : undefined}
            />
          ) : (
            <>
              <Space size="large" wrap style={{ marginBottom: 12 }}>
                <Statistic
                  title={p.dueNow ? `${INSTALMENT_LABELS.dueNow}（元）：${instalmentLabel(p.dueNow.seq, p.instalments.length)}` : '应缴金额（元）'}
                  value={money(owed)}
                  valueStyle={{ color: '#c8102e' }}
                />
                {p.dueNow ? (
                  <Statistic title={`${INSTALMENT_LABELS.amount}（元）`} value={money(p.dueNow.amount)} />
                ) : (
                  <Statistic title="罚款（元）" value={money(p.fine)} />
                )}
                <Statistic
                  title={`加处罚款（元）${(p.dueNow ? p.dueNow.lateFeeDays : p.lateFeeDays) ? `，逾期 ${p.dueNow ? p.dueNow.lateFeeDays : p.lateFeeDays} 日` : ''}`}
                  value={money(p.dueNow ? p.dueNow.lateFee : p.lateFee)}
                />
              </Space>
              <Typography.Paragraph>
                缴纳期限：<b>{p.dueDate}</b>{' '}
                前。逾期不缴纳的，依法每日加处罚款（比例见行政处罚决定书），加处罚款不超过罚款数额。罚款直接缴入国库，执法机关不收取罚款。
              </Typography.Paragraph>
              {(p.plan ?? p.pendingPlan) && (
                <Alert
                  type={p.plan ? 'success' : 'info'}
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={`${(p.plan ?? p.pendingPlan)!.kindLabel}：${(p.plan ?? p.pendingPlan)!.statusLabel}`}
                  description={`${(p.plan ?? p.pendingPlan)!.schedule.map((i) => `${i.dueDate} 前缴纳 ${money(i.amount)} 元`).join('；')}${p.plan?.decisionReason ? `。审批意见：${p.plan.decisionReason}` : ''}`}
                />
              )}
              {p.instalments.length > 0 && (
                <div style={{ marginBottom: 12 }}>
                  <Typography.Title level={5}>{INSTALMENT_LABELS.title}</Typography.Title>
                  <InstalmentTable payment={p} />
                </div>
              )}
              {p.remedyPeriods.map((r) => (
                <Alert
                  key={r.id}
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={`${r.kindLabel}期间：${r.startedOn} 起${r.endedOn ? `至 ${r.endedOn}` : '（尚未结束）'}`}
                  description="依法申请行政复议或者提起行政诉讼期间，加处罚款不予计算；但罚款不停止缴纳。"
                />
              ))}
              {payError && <Alert type="error" showIcon message={payError} style={{ marginBottom: 12 }} />}
              <Space wrap>
                <Button type="primary" size="large" icon={<PayCircleOutlined />} loading={pay.isPending} onClick={() => void startPayment()}>
                  {p.dueNow ? `缴纳第 ${p.dueNow.seq} 期` : '缴纳罚款'}
                </Button>
                {!p.plan && !p.pendingPlan && c.status === 'served' && <Button onClick={() => setPlanOpen(true)}>申请暂缓或者分期缴纳</Button>}
              </Space>
              {planOpen && <PlanRequest c={c} onClose={() => setPlanOpen(false)} />}
            </>
          )}
        </Card>
      )}

      <Card title="案件情况" style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="当事人">{c.party.name}</Descriptions.Item>
          <Descriptions.Item label="违法行为">{c.violation.conduct}</Descriptions.Item>
          <Descriptions.Item label="违反的规定">{c.violation.provision}</Descriptions.Item>
          <Descriptions.Item label="违法事实">{c.facts}</Descriptions.Item>
          {c.notice && (
            <Descriptions.Item label="告知的处罚">
              {c.notice.outcomeLabel}
              {c.notice.fine !== null ? ` ${money(c.notice.fine)} 元` : ''}（{c.notice.servedOn} 告知）
            </Descriptions.Item>
          )}
          {c.notice?.hearingEligible && <Descriptions.Item label="听证申请期限">{c.notice.hearingDeadline ?? '见告知书'}</Descriptions.Item>}
          {c.hearing?.hearingAt && !c.hearing.heldOn && (
            <Descriptions.Item label="听证">
              定于 {c.hearing.hearingAt.replace('T', ' ')} 在{c.hearing.place}举行，主持人 {c.hearing.hostName}（详见听证通知书）
            </Descriptions.Item>
          )}
          {c.decision && (
            <Descriptions.Item label="处罚决定">
              {c.decision.outcomeLabel}
              {c.decision.fine !== null ? ` ${money(c.decision.fine)} 元` : ''}（{c.decision.number}，{c.decision.decidedOn}）
            </Descriptions.Item>
          )}
          {c.service && (
            <Descriptions.Item label="送达">{`${c.service.methodLabel}，${c.service.servedOn}${c.service.trackingNumber ? `（邮件单号 ${c.service.trackingNumber}）` : ''}`}</Descriptions.Item>
          )}
          {c.recusals.map((r) => (
            <Descriptions.Item key={r.id} label="回避申请">
              申请 {r.officerName} 回避：{r.statusLabel}
              {r.decisionReason ? `（${r.decisionReason}）` : ''}
            </Descriptions.Item>
          ))}
          {c.revocation && <Descriptions.Item label="撤销">{`${c.revocation.revokedAt.slice(0, 10)}：${c.revocation.reason}`}</Descriptions.Item>}
        </Descriptions>
        {c.status !== 'decided' && c.status !== 'served' && c.status !== 'closed' && c.status !== 'revoked' && !c.decision && (
          <Button style={{ marginTop: 12, marginRight: 8 }} onClick={() => setRecusalOpen(true)}>
            申请回避
          </Button>
        )}
        {recusalOpen && <RecusalRequest c={c} onClose={() => setRecusalOpen(false)} />}
        {canRequestHearing && (
          <Button
            style={{ marginTop: 12 }}
            loading={hearing.isPending}
            onClick={() =>
              hearing
                .mutateAsync({ url: `/api/v1/portal/penalties/${id}/hearing-request` })
                .then(() => message.success('已申请听证，执法机构将在举行听证七日前通知时间和地点'))
                .catch((e: unknown) => message.error(e instanceof ApiError ? e.message : '申请失败'))
            }
          >
            申请听证
          </Button>
        )}
      </Card>

      <Card title="文书下载" style={{ marginBottom: 16 }}>
        <DocumentList rows={docs} empty="暂无文书" />
      </Card>
    </PortalPage>
  );
}

/**
 * 申请暂缓或者分期缴纳 (行政处罚法 art. 66 ¶2): a party in real financial difficulty asks to pay later (one date)
 * or in instalments (dates and amounts adding up to the fine); the agency approves or refuses. The limits are
 * the agency's policy: a schedule outside them is refused with the reason.
 */
function PlanRequest({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const send = useApiMutation<CaseView>('/api/v1/portal/penalties');
  const kind = (Form.useWatch('kind', form) as 'deferral' | 'instalments' | undefined) ?? 'deferral';
  const fine = c.payment?.fine ?? 0;
  const submit = async () => {
    const v = (await form.validateFields()) as {
      kind: 'deferral' | 'instalments';
      dueDate?: string;
      schedule?: { dueDate: string; amount: number }[];
      reason: string;
    };
    const schedule = v.kind === 'deferral' ? [{ dueDate: v.dueDate!, amount: fine }] : (v.schedule ?? []);
    try {
      await send.mutateAsync({ url: `/api/v1/portal/penalties/${c.id}/payment-plan`, body: { kind: v.kind, schedule, reason: v.reason } });
      message.success('已提交申请，执法机构审批后在此显示结果');
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '提交失败');
    }
  };
  return (
    <Modal
      open
      title="申请暂缓或者分期缴纳罚款"
      okText="提交申请"
      cancelText="取消"
      onOk={() => void submit()}
      confirmLoading={send.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'deferral', schedule: [{}, {}] }}>
        <Form.Item name="kind" label="申请事项">
          <Radio.Group options={Object.entries(PAYMENT_PLAN_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {kind === 'deferral' ? (
          <Form.Item name="dueDate" label={`暂缓至（全额 ${money(fine)} 元）`} rules={[{ required: true, message: '请选择日期' }]}>
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
        ) : (
          <Form.List name="schedule">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'dueDate']} label={`第 ${i + 1} 期缴纳日期`} rules={[{ required: true, message: '请选择日期' }]}>
                      <Input type="date" style={{ maxWidth: 180 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
                      <InputNumber min={0.01} precision={2} style={{ width: 140 }} />
                    </Form.Item>
                    {fields.length > 2 && <MinusCircleOutlined aria-label="删除这一期" onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  增加一期
                </Button>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  各期金额合计应等于罚款 {money(fine)} 元。
                </Typography.Paragraph>
              </>
            )}
          </Form.List>
        )}
        <Form.Item name="reason" label="申请理由（确有经济困难的情况）" rules={[{ required: true, min: 2, message: '请写明理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申请回避 (行政处罚法 art. 43): the party names an officer of its case and why; the agency's head decides. */
function RecusalRequest({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const send = useApiMutation<CaseView>('/api/v1/portal/penalties');
  const submit = async () => {
    const v = (await form.validateFields()) as { officerUserId: string; reason: string };
    try {
      await send.mutateAsync({ url: `/api/v1/portal/penalties/${c.id}/recusal-request`, body: v });
      message.success('已提交回避申请，由执法机构负责人决定；决定作出前调查不停止');
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '提交失败');
    }
  };
  return (
    <Modal
      open
      title="申请承办人员回避"
      okText="提交申请"
      cancelText="取消"
      onOk={() => void submit()}
      confirmLoading={send.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="officerUserId" label="承办人员" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group options={c.officers.map((o) => ({ value: o.userId, label: o.name }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="申请理由（与本案有直接利害关系或者其他关系，可能影响公正执法）"
          rules={[{ required: true, min: 2, message: '请写明理由' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
