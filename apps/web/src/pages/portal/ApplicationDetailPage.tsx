import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import type { LicenceChangeRequest } from '@fep/contracts';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Skeleton, Space, Steps, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { ClockCard } from '../../components/ClockCard.tsx';
import { ApplicationDocuments } from '../../components/DocumentDownloads.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import {
  type ApplicationView,
  beijingDateTime,
  downloadWithAuth,
  LICENCE_COLORS,
  type LicensingGuide,
  PATH_LABELS,
  STATUS_COLORS,
  targetLabel,
  uploadFile,
} from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';

const STEP_OF: Record<string, number> = {
  draft: 0,
  submitted: 1,
  correction_requested: 1,
  accepted: 2,
  inspecting: 2,
  legal_review: 3,
  awaiting_decision: 3,
  granted: 4,
  refused: 4,
  rejected: 1,
  withdrawn: 1,
};

/** The applicant's view of one application: status, clock, the one-time notice, the permit (LIC-01, LIC-06, LIC-07). */
export function ApplicationDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const application = useApi<ApplicationView>(`/api/v1/licensing/applications/${id}`);
  const a = application.data ?? null;
  const guide = useApi<LicensingGuide>(a ? `/api/v1/licensing/guide?region=${a.regionCode}` : null).data ?? null;
  const [change, setChange] = useState<'amend' | 'reissue' | null>(null);
  const error = application.error ? (application.error instanceof ApiError ? application.error.message : '加载失败') : null;
  // Supplying documents, withdrawing and licence requests change the application, its licence and the lists.
  const write = useApiMutation('/api/v1/licensing/applications', '/api/v1/licences');

  if (error)
    return (
      <PortalPage>
        <Result status="404" title={error} />
      </PortalPage>
    );
  if (!a)
    return (
      <PortalPage>
        <Skeleton active />
      </PortalPage>
    );
  const notice = a.notices.at(-1);
  const can = (act: string) => a.allowedActions.some((x) => x.action === act);
  return (
    <PortalPage>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {a.venueName} <Tag color={STATUS_COLORS[a.status]}>{a.statusLabel}</Tag>
        </Typography.Title>
        <Space wrap>
          {a.status !== 'draft' && <Link to={`/evaluate?matterType=licensing_application&matterId=${encodeURIComponent(a.id)}`}>评价本次服务</Link>}
          <Link to="/portal/applications">返回我的办件</Link>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">
        申请编号 {a.referenceNo} · {PATH_LABELS[a.path]}方式 · 提交时间 {beijingDateTime(a.submittedAt)}
      </Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={STEP_OF[a.status] ?? 0}
          status={['refused', 'rejected', 'withdrawn'].includes(a.status) ? 'error' : a.status === 'granted' ? 'finish' : 'process'}
          items={[{ title: '填写' }, { title: '受理' }, { title: a.path === 'commitment' ? '即时许可' : '现场检查' }, { title: '审批决定' }, { title: '发证' }]}
        />
      </Card>
      {a.status === 'correction_requested' && notice && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={`一次性告知书（${beijingDateTime(notice.issuedAt)}）：请一次补正以下全部事项，办理时限暂停计算`}
          description={
            <>
              <ul>
                {notice.items.map((i) => (
                  <li key={i.target}>
                    <b>{targetLabel(i.target, guide?.materials)}</b>：{i.reason}
                  </li>
                ))}
              </ul>
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/portal/applications/${a.id}/edit`)}>
                去补正
              </Button>
            </>
          }
        />
      )}
      {a.decision?.reasons?.length ? (
        <Alert
          type={a.decision.grant ? 'info' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          message={a.decision.rejectedAtIntake ? '不予受理理由' : '决定理由'}
          description={a.decision.reasons.join('；')}
        />
      ) : null}
      {a.pendingDocuments.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="容缺受理：以下材料请在决定前补交"
          description={
            <Space direction="vertical">
              {a.pendingDocuments.map((code) => (
                <Space key={code}>
                  {targetLabel(`material:${code}`, guide?.materials)}
                  <Upload
                    showUploadList={false}
                    customRequest={async ({ file, onSuccess }) => {
                      try {
                        const fid = await uploadFile(file as File);
                        await write.mutateAsync({ url: `/api/v1/licensing/applications/${a.id}/documents`, body: { materials: { [code]: [fid] } } });
                        message.success('已补交');
                        onSuccess?.({});
                      } catch (e) {
                        message.error(e instanceof Error ? e.message : '补交失败');
                      }
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />}>
                      补交
                    </Button>
                  </Upload>
                </Space>
              ))}
            </Space>
          }
        />
      )}
      {a.licence && (
        <Card title="电子许可证" style={{ marginBottom: 16 }} extra={<Tag color={LICENCE_COLORS[a.licence.status]}>{a.licence.statusLabel}</Tag>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="许可证号">{a.licence.number}</Descriptions.Item>
            <Descriptions.Item label="发证日期">{a.licence.issuedAt}</Descriptions.Item>
            <Descriptions.Item label="核验码">
              <Link to={`/verify/${a.licence.verifyCode}`}>{a.licence.verifyCode}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="送达">
              {a.licence.delivery
                ? `${a.licence.delivery.method === 'post' ? `邮寄 ${a.licence.delivery.carrier ?? ''} ${a.licence.delivery.trackingNo}` : '直接送达'}`
                : '可在线下载，无需到窗口领取'}
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ marginTop: 12 }}>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              onClick={() => void downloadWithAuth(`/api/v1/licences/${a.licence!.id}/pdf`, `${a.licence!.number}.pdf`)}
            >
              下载电子许可证
            </Button>
            {a.licence.status === 'valid' && (
              <>
                <Button onClick={() => setChange('amend')}>名称/法定代表人变更</Button>
                <Button onClick={() => setChange('reissue')}>遗失补发</Button>
              </>
            )}
          </Space>
        </Card>
      )}
      {a.clock && (
        <Card style={{ marginBottom: 16 }}>
          <ClockCard clock={a.clock} />
        </Card>
      )}
      {a.status !== 'draft' && <ApplicationDocuments applicationId={a.id} />}
      <Card title="申请信息" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="单位名称">{a.companyName}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{a.usci}</Descriptions.Item>
          <Descriptions.Item label="场所地址">{a.venueAddress}</Descriptions.Item>
          <Descriptions.Item label="场所类别">{a.venueKindLabel}</Descriptions.Item>
          <Descriptions.Item label="建筑面积">{a.floorArea} ㎡</Descriptions.Item>
          <Descriptions.Item label="法定代表人">{a.legalRepresentative}</Descriptions.Item>
        </Descriptions>
        <Space style={{ marginTop: 12 }}>
          {a.status === 'draft' && (
            <Button type="primary" onClick={() => navigate(`/portal/applications/${a.id}/edit`)}>
              继续填写
            </Button>
          )}
          {can('withdraw') && (
            <Button
              danger
              onClick={() =>
                Modal.confirm({
                  title: '撤回申请？',
                  content: '撤回后本申请终止办理。',
                  onOk: async () => {
                    await write.mutateAsync({ url: `/api/v1/licensing/applications/${a.id}/withdraw`, body: { reason: '申请人主动撤回' } });
                  },
                })
              }
            >
              撤回申请
            </Button>
          )}
        </Space>
      </Card>
      <ChangeRequestModal kind={change} licenceId={a.licence?.id} onClose={() => setChange(null)} />
    </PortalPage>
  );
}

function ChangeRequestModal({ kind, licenceId, onClose }: { kind: 'amend' | 'reissue' | null; licenceId: string | undefined; onClose(): void }) {
  const { message } = App.useApp();
  const write = useApiMutation<unknown, LicenceChangeRequest>('/api/v1/licensing/applications', '/api/v1/licences');
  const [form] = Form.useForm();
  const [files, setFiles] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const field = Form.useWatch('field', form) as string | undefined;
  const papers =
    field === 'legalRepresentative'
      ? [
          ['change_request', '变更申请'],
          ['representative_ids', '新旧法定代表人身份证明'],
        ]
      : [
          ['change_request', '变更申请'],
          ['name_approval', '名称变更核准通知书'],
        ];
  async function submit() {
    const v = (await form.validateFields()) as { field: string; value: string; reason: string };
    setError(null);
    try {
      await write.mutateAsync({
        url: `/api/v1/licences/${licenceId}/requests`,
        body:
          kind === 'amend'
            ? { kind, changes: { [v.field]: v.value }, reason: v.reason, materials: files }
            : { kind: 'reissue', changes: {}, reason: v.reason, materials: {} },
      });
      message.success('已提交，窗口即时办理');
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  return (
    <Modal
      open={!!kind}
      title={kind === 'amend' ? '许可证变更（仅名称、法定代表人）' : '许可证遗失补发'}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="提交"
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ field: 'venueName' }}>
        {kind === 'amend' && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message="使用性质、面积、内部装修或消防设施变化的，须重新申请消防安全检查" />
            <Form.Item name="field" label="变更事项">
              <Radio.Group
                options={[
                  { value: 'venueName', label: '场所名称' },
                  { value: 'companyName', label: '单位名称' },
                  { value: 'legalRepresentative', label: '法定代表人' },
                ]}
              />
            </Form.Item>
            <Form.Item name="value" label="变更后" rules={[{ required: true, min: 2, message: '请填写变更后的内容' }]}>
              <Input />
            </Form.Item>
            {papers.map(([code, label]) => (
              <Form.Item key={code} label={label}>
                <Upload
                  showUploadList={false}
                  customRequest={async ({ file, onSuccess }) => {
                    const fid = await uploadFile(file as File);
                    setFiles((s) => ({ ...s, [code!]: [fid] }));
                    onSuccess?.({});
                  }}
                >
                  <Button icon={<UploadOutlined />}>{files[code!] ? '已上传，重新上传' : '上传'}</Button>
                </Upload>
              </Form.Item>
            ))}
          </>
        )}
        <Form.Item name="reason" label="说明" rules={[{ required: true, min: 2, message: '请填写说明' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
