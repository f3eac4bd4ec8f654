import type { InspectorView as Inspector } from '@fep/contracts';
import { APPOINTMENT_PERIOD_LABELS, policyVersionLabel } from '@fep/domain';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { ClockCard } from '../../components/ClockCard.tsx';
import { ApplicationDocuments } from '../../components/DocumentDownloads.tsx';
import { RecordTimeline } from '../../components/RecordTimeline.tsx';
import {
  type ApplicationView,
  beijingDateTime,
  downloadWithAuth,
  FIELD_LABELS,
  type LicensingGuide,
  PATH_LABELS,
  STATUS_COLORS,
  targetLabel,
} from '../../licensing.ts';
import { apiKey, invalidateApi, queryClient, useApi } from '../../query.ts';

/** One application in the back office: the file, its clock, and the actions the user's role may take now. */
export function ApplicationDetail() {
  const { id } = useParams();
  const { message } = App.useApp();
  const self = `/api/v1/licensing/applications/${id}`;
  const application = useApi<ApplicationView>(self);
  const a = application.data ?? null;
  const guide = useApi<LicensingGuide>(a ? `/api/v1/licensing/guide?region=${a.regionCode}` : null).data ?? null;
  const [open, setOpen] = useState<string | null>(null);
  const action = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api<ApplicationView>(`${self}/${path}`, { method: 'POST', body }),
    // The answer is the application as it now is (shown at once); the queues, tasks and clocks it appears in
    // are refetched in the background — the clerk is told the outcome without waiting for them.
    onSuccess: (r) => {
      queryClient.setQueryData(apiKey(self), r);
      void invalidateApi(
        '/api/v1/licensing/applications',
        '/api/v1/licensing/application-queue',
        '/api/v1/inspection-tasks',
        '/api/v1/inspection-task-queue',
        '/api/v1/clocks',
        '/api/v1/licences',
        '/api/v1/audit/timeline',
      );
    },
  });

  async function act(path: string, body: unknown, done: string) {
    try {
      await action.mutateAsync({ path, body });
      setOpen(null);
      message.success(done);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
      throw e;
    }
  }

  if (application.error) return <ApiErrorResult error={application.error} what="办件" />;
  if (!a || !guide) return <Skeleton active />;
  const materials = guide.materials.filter((m) => m.paths.includes(a.path));
  const has = (act: string) => a.allowedActions.some((x) => x.action === act);
  const openingTask = a.tasks.find((t) => t.purpose === 'opening_check');
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {a.companyName} · {a.venueName} <Tag color={STATUS_COLORS[a.status]}>{a.statusLabel}</Tag>{' '}
          <Tag color={a.path === 'commitment' ? 'gold' : 'blue'}>{PATH_LABELS[a.path]}</Tag>
        </Typography.Title>
      </Space>
      <Typography.Paragraph type="secondary">
        申请编号 {a.referenceNo} · 提交 {beijingDateTime(a.submittedAt)} · 适用政策{' '}
        <Tooltip title={Object.values(a.policyVersions).map(policyVersionLabel).join('；')}>
          <Typography.Link>{Object.keys(a.policyVersions).length} 项（受理时版本）</Typography.Link>
        </Tooltip>
      </Typography.Paragraph>
      {a.allowedActions.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }} title="可办理">
          <Space wrap>
            {has('accept') && (
              <Button type="primary" onClick={() => setOpen('accept')}>
                {a.path === 'commitment' ? '受理并当场许可' : '受理'}
              </Button>
            )}
            {has('issue_notice') && <Button onClick={() => setOpen('notice')}>一次性告知补正</Button>}
            {has('reject_at_intake') && (
              <Button danger onClick={() => setOpen('reject')}>
                不予受理
              </Button>
            )}
            {has('assign_inspection') && (
              <Button type="primary" onClick={() => setOpen('assign')}>
                {openingTask ? '重新指派/改约' : '指派检查人员'}
              </Button>
            )}
            {has('record_inspection') && (
              <Button type="primary" onClick={() => setOpen('inspection')}>
                录入现场检查结果
              </Button>
            )}
            {has('legal_review_pass') && (
              <Button type="primary" onClick={() => setOpen('legal')}>
                法制审核
              </Button>
            )}
            {has('decide') && (
              <Button type="primary" onClick={() => setOpen('decide')}>
                作出许可决定
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="申请信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="统一社会信用代码">{a.usci}（营业执照已网络核验）</Descriptions.Item>
              <Descriptions.Item label="法定代表人">{a.legalRepresentative}</Descriptions.Item>
              <Descriptions.Item label="联系人">
                {a.contactName} {a.contactPhone}
              </Descriptions.Item>
              <Descriptions.Item label="场所地址">{a.venueAddress}</Descriptions.Item>
              <Descriptions.Item label="类别 / 面积">
                {a.venueKindLabel} / {a.floorArea} ㎡{a.investment ? ` / 投资 ${a.investment.toLocaleString('zh-CN')} 元` : ''}
              </Descriptions.Item>
              {a.exemption && <Descriptions.Item label="免检判断">{a.exemption.reasons.join('；')}</Descriptions.Item>}
              {a.commitment?.signedAt && (
                <Descriptions.Item label="告知承诺">
                  {a.commitment.signerName} 于 {beijingDateTime(a.commitment.signedAt)} 签署
                </Descriptions.Item>
              )}
              {a.appointmentPreference && (
                <Descriptions.Item label="希望检查时间">
                  {a.appointmentPreference.date} {APPOINTMENT_PERIOD_LABELS[a.appointmentPreference.period]}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title="申请材料" style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={materials}
              columns={[
                { title: '材料', dataIndex: 'name' },
                {
                  title: '提交情况',
                  render: (_, m) =>
                    m.source === 'data' ? (
                      <Tag color="blue">数据共享核验</Tag>
                    ) : m.source === 'signed_online' ? (
                      <Tag color="blue">在线签署</Tag>
                    ) : a.pendingDocuments.includes(m.code) ? (
                      <Tag color="orange">容缺待补</Tag>
                    ) : a.materials[m.code]?.length ? (
                      <Space>
                        {a.materials[m.code]!.map((f, i) => (
                          <a
                            key={f}
                            href={`/api/v1/files/${f}`}
                            onClick={(e) => {
                              e.preventDefault();
                              void downloadWithAuth(`/api/v1/files/${f}`, `${m.name}-${i + 1}`);
                            }}
                          >
                            附件{i + 1}
                          </a>
                        ))}
                      </Space>
                    ) : (
                      <Tag>{m.required ? '未提交' : '无'}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {a.clock && (
            <Card style={{ marginBottom: 16 }}>
              <ClockCard clock={a.clock} narrow />
            </Card>
          )}
          <RecordTimeline target={`application:${a.id}`} />
          {a.notices.length > 0 && (
            <Card title="一次性告知" style={{ marginBottom: 16 }}>
              {a.notices.map((n) => (
                <div key={n.seq} style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">
                    第 {n.seq} 次 · {beijingDateTime(n.issuedAt)} {n.resolvedAt ? '· 已补正' : '· 待补正'}
                  </Typography.Text>
                  <ul style={{ margin: 0 }}>
                    {n.items.map((i) => (
                      <li key={i.target}>
                        {targetLabel(i.target, guide.materials)}：{i.reason}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </Card>
          )}
          {openingTask && (
            <Card title="现场检查" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="检查人员">{openingTask.inspectors.map((i) => i.name).join('、')}</Descriptions.Item>
                <Descriptions.Item label="预约时间">
                  {beijingDateTime(openingTask.appointmentAt)} {openingTask.offHours && <Tag color="purple">错时/预约</Tag>}
                </Descriptions.Item>
                {openingTask.result && (
                  <Descriptions.Item label="结果">
                    {openingTask.result === 'pass' ? <Tag color="success">合格</Tag> : <Tag color="error">不合格</Tag>}
                  </Descriptions.Item>
                )}
                {openingTask.findings && <Descriptions.Item label="检查意见">{openingTask.findings}</Descriptions.Item>}
              </Descriptions>
            </Card>
          )}
          {a.status !== 'draft' && <ApplicationDocuments applicationId={a.id} licence={a.licence} />}
        </Col>
      </Row>
      <AcceptModal
        open={open === 'accept'}
        a={a}
        guide={guide}
        busy={action.isPending}
        onClose={() => setOpen(null)}
        onOk={(pending) => act('accept', { pendingDocuments: pending }, a.path === 'commitment' ? '已受理并发放电子许可证' : '已受理')}
      />
      <NoticeModal
        open={open === 'notice'}
        a={a}
        guide={guide}
        onClose={() => setOpen(null)}
        onOk={(items) => act('notice', { items }, '已一次性告知申请人，时限暂停')}
      />
      <ReasonsModal open={open === 'reject'} title="不予受理" onClose={() => setOpen(null)} onOk={(reasons) => act('reject', { reasons }, '已不予受理')} />
      <AssignModal open={open === 'assign'} onClose={() => setOpen(null)} onOk={(body) => act('assign', body, '已指派检查人员')} />
      <InspectionModal
        open={open === 'inspection'}
        items={openingTask?.checklist ?? guide.checkItems}
        owed={a.pendingDocuments.length > 0}
        onClose={() => setOpen(null)}
        onOk={(body) => act('inspection', body, '已录入检查结果')}
      />
      <Modal open={open === 'legal'} title="法制审核" footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { pass: boolean; opinion: string }) => act('legal-review', v, '审核意见已记录')} initialValues={{ pass: true }}>
          <Form.Item name="pass" label="审核结论">
            <Radio.Group
              options={[
                { value: true, label: '通过' },
                { value: false, label: '退回重新检查' },
              ]}
            />
          </Form.Item>
          <Form.Item name="opinion" label="审核意见" rules={[{ required: true, min: 2, message: '请填写审核意见' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            提交
          </Button>
        </Form>
      </Modal>
      <Modal open={open === 'decide'} title="许可决定" footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ grant: openingTask?.result !== 'fail' }}
          onFinish={(v: { grant: boolean; reasons?: string }) =>
            act('decision', { grant: v.grant, reasons: v.reasons ? [v.reasons] : [] }, v.grant ? '已准予许可并发放电子许可证' : '已作出不予许可决定')
          }
        >
          {openingTask?.result === 'fail' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="现场检查不合格，只能作出不予许可决定" />}
          {a.pendingDocuments.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="仍有容缺材料未补齐，暂不能准予许可" />}
          <Form.Item name="grant" label="决定">
            <Radio.Group
              options={[
                { value: true, label: '准予许可', disabled: openingTask?.result === 'fail' },
                { value: false, label: '不予许可' },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('grant') === false && (
                <Form.Item name="reasons" label="不予许可理由（将告知申请人）" rules={[{ required: true, min: 2, message: '请说明理由' }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Button type="primary" htmlType="submit">
            确认决定
          </Button>
        </Form>
      </Modal>
    </div>
  );
}

function AcceptModal({
  open,
  a,
  guide,
  busy,
  onClose,
  onOk,
}: {
  open: boolean;
  a: ApplicationView;
  guide: LicensingGuide;
  /** The acceptance is on its way (a commitment-path permit is being issued): the button shows it and takes no second click. */
  busy: boolean;
  onClose(): void;
  onOk(pending: string[]): Promise<void>;
}) {
  const missing = guide.materials.filter((m) => m.paths.includes(a.path) && m.source === 'upload' && m.required && !a.materials[m.code]?.length);
  const allowed = (code: string) => guide.pending.mode === 'any' || (guide.pending.mode === 'listed' && guide.pending.documents.includes(code));
  const [sel, setSel] = useState<string[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: preselect once each time the dialog opens
  useEffect(() => setSel(missing.filter((m) => allowed(m.code)).map((m) => m.code)), [open]);
  const blocked = missing.filter((m) => !allowed(m.code));
  return (
    <Modal
      open={open}
      title={a.path === 'commitment' ? '受理并当场作出许可（告知承诺）' : '受理'}
      onCancel={onClose}
      onOk={() => void onOk(sel).catch(() => undefined)}
      okText="确认受理"
      okButtonProps={{ disabled: blocked.length > 0 }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {missing.length === 0 ? (
        <Alert type="success" showIcon message="材料齐全" />
      ) : (
        <>
          <Typography.Paragraph>缺少以下材料：</Typography.Paragraph>
          <Checkbox.Group value={sel} onChange={(v) => setSel(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {missing.map((m) => (
              <Checkbox key={m.code} value={m.code} disabled={!allowed(m.code)}>
                {m.name}（
                {allowed(m.code)
                  ? `容缺受理，${guide.pending.supplyBy === 'onsite_check' ? '现场检查时' : '决定前'}补齐`
                  : '本地政策不允许容缺，须一次性告知补正'}
                ）
              </Checkbox>
            ))}
          </Checkbox.Group>
        </>
      )}
      {a.path === 'commitment' && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          message={`受理后即发放电子许可证，并生成 ${guide.commitment.verificationWorkingDays} 个工作日的许可后核查任务`}
        />
      )}
    </Modal>
  );
}

function NoticeModal({
  open,
  a,
  guide,
  onClose,
  onOk,
}: {
  open: boolean;
  a: ApplicationView;
  guide: LicensingGuide;
  onClose(): void;
  onOk(items: { target: string; reason: string }[]): Promise<void>;
}) {
  const first = a.notices[0];
  const targets = first
    ? first.items.map((i) => i.target)
    : [...guide.materials.filter((m) => m.paths.includes(a.path)).map((m) => `material:${m.code}`), ...Object.keys(FIELD_LABELS).map((f) => `field:${f}`)];
  const [rows, setRows] = useState<{ key: number; target?: string; reason?: string }[]>([{ key: 0 }]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens
  useEffect(() => setRows([{ key: Date.now() }]), [open]);
  const valid = rows.every((r) => r.target && r.reason && r.reason.length >= 2);
  return (
    <Modal
      open={open}
      title="一次性告知补正"
      width={720}
      onCancel={onClose}
      okText="发出告知"
      okButtonProps={{ disabled: !valid }}
      onOk={() => void onOk(rows.map((r) => ({ target: r.target!, reason: r.reason! }))).catch(() => undefined)}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={first ? '已发过一次性告知：再次告知只能针对首次告知所列事项，不得提出新的要求' : '请一次列明全部问题；发出后，再次告知只能针对本次所列事项'}
      />
      {rows.map((r, i) => (
        <Space key={r.key} style={{ display: 'flex', marginBottom: 8 }} align="start">
          <Select
            style={{ width: 280 }}
            placeholder="补正事项"
            value={r.target}
            aria-label={`补正事项${i + 1}`}
            onChange={(v) => setRows((s) => s.map((x, j) => (j === i ? { ...x, target: v } : x)))}
            options={targets.map((t) => ({ value: t, label: `${t.startsWith('material') ? '材料' : '填报'}：${targetLabel(t, guide.materials)}` }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Input
            style={{ width: 340 }}
            placeholder="问题和补正要求"
            aria-label={`补正要求${i + 1}`}
            value={r.reason}
            onChange={(e) => setRows((s) => s.map((x, j) => (j === i ? { ...x, reason: e.target.value } : x)))}
          />
          {rows.length > 1 && <Button onClick={() => setRows((s) => s.filter((_, j) => j !== i))}>删除</Button>}
        </Space>
      ))}
      <Button type="dashed" onClick={() => setRows((s) => [...s, { key: Date.now() }])}>
        增加一项
      </Button>
    </Modal>
  );
}

function ReasonsModal({ open, title, onClose, onOk }: { open: boolean; title: string; onClose(): void; onOk(reasons: string[]): Promise<void> }) {
  const [text, setText] = useState('');
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText="确认"
      okButtonProps={{ danger: true, disabled: text.trim().length < 2 }}
      onOk={() => void onOk([text.trim()]).catch(() => undefined)}
      destroyOnHidden
    >
      <Input.TextArea rows={3} placeholder="理由（将告知申请人）" value={text} onChange={(e) => setText(e.target.value)} />
    </Modal>
  );
}

function AssignModal({
  open,
  onClose,
  onOk,
}: {
  open: boolean;
  onClose(): void;
  onOk(body: { inspectorIds?: string[]; appointmentAt?: string | null }): Promise<void>;
}) {
  const inspectors = useApi<Inspector[]>(open ? '/api/v1/inspectors' : null).data ?? [];
  const [auto, setAuto] = useState(true);
  const [ids, setIds] = useState<string[]>([]);
  const [at, setAt] = useState<Dayjs | null>(null);
  return (
    <Modal
      open={open}
      title="指派检查人员（双人执法）"
      onCancel={onClose}
      okText="指派"
      okButtonProps={{ disabled: !auto && ids.length !== 2 }}
      onOk={() => void onOk({ ...(auto ? {} : { inspectorIds: ids }), appointmentAt: at ? at.toISOString() : null }).catch(() => undefined)}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Switch checked={auto} onChange={setAuto} /> 从持证检查人员中随机抽取两名
        </Space>
        {!auto && (
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            placeholder="选择两名持证检查人员"
            value={ids}
            onChange={(v) => setIds(v.slice(0, 2))}
            options={inspectors.map((i) => ({ value: i.userId, label: `${i.name}（证号 ${i.certificateNo}）` }))}
          />
        )}
        <Typography.Text>预约检查时间（可安排工作时间以外，即错时/预约服务）</Typography.Text>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} style={{ width: '100%' }} />
      </Space>
    </Modal>
  );
}

function InspectionModal({
  open,
  items,
  owed,
  onClose,
  onOk,
}: {
  open: boolean;
  items: { code: string; name: string; legalBasis: string }[];
  owed: boolean;
  onClose(): void;
  onOk(body: unknown): Promise<void>;
}) {
  const [results, setResults] = useState<Record<string, boolean>>({});
  const [findings, setFindings] = useState('');
  const [verified, setVerified] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh checklist each time the dialog opens
  useEffect(() => {
    setResults(Object.fromEntries(items.map((i) => [i.code, true])));
    setFindings('');
  }, [open, items]);
  return (
    <Modal
      open={open}
      title="现场检查记录"
      width={760}
      onCancel={onClose}
      okText="提交检查结果"
      onOk={() =>
        void onOk({ checklist: items.map((i) => ({ code: i.code, passed: results[i.code] ?? true })), findings, documentsVerifiedOnSite: verified }).catch(
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '检查项目', dataIndex: 'name' },
          { title: '依据', dataIndex: 'legalBasis', width: 200, render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
          {
            title: '结论',
            width: 150,
            render: (_, i) => (
              <Radio.Group
                size="small"
                value={results[i.code] ?? true}
                onChange={(e) => setResults((s) => ({ ...s, [i.code]: e.target.value }))}
                options={[
                  { value: true, label: '符合' },
                  { value: false, label: '不符合' },
                ]}
              />
            ),
          },
        ]}
      />
      <Input.TextArea
        style={{ marginTop: 12 }}
        rows={3}
        placeholder="检查意见"
        value={findings}
        onChange={(e) => setFindings(e.target.value)}
        aria-label="检查意见"
      />
      {owed && (
        <Checkbox style={{ marginTop: 8 }} checked={verified} onChange={(e) => setVerified(e.target.checked)}>
          容缺材料已现场核验
        </Checkbox>
      )}
    </Modal>
  );
}
