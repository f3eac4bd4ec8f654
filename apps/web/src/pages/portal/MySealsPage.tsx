import type { SealPage, SealView } from '@fep/contracts';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { DocumentList } from '../../components/DocumentDownloads.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { SEAL_STATUS_COLORS } from '../../labels.ts';
import { beijingDateTime, downloadWithAuth } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';

/** Sends a visitor who is not a signed-in business to the login page (not data fetching). */
function useApplicant(): boolean {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  useEffect(() => {
    if (!loading && me?.kind !== 'applicant') navigate('/login');
  }, [me, loading, navigate]);
  return !loading && me?.kind === 'applicant';
}

/** The unit's temporarily sealed places and parts in the portal (ENF-05): what is sealed, until when, and the requests waiting. */
export function MySealsPage() {
  const ready = useApplicant();
  const seals = useApi<SealPage>(ready ? '/api/v1/portal/seals' : null).data ?? null;
  return (
    <PortalPage>
      <Typography.Title level={3}>临时查封</Typography.Title>
      {seals === null ? (
        <Skeleton active />
      ) : seals.items.length === 0 ? (
        <Empty description="本单位没有被临时查封的场所、部位" />
      ) : (
        <List
          dataSource={seals.items}
          renderItem={(s) => (
            <Card
              style={{ marginBottom: 16, width: '100%' }}
              title={
                <Space wrap>
                  {s.number ?? '紧急查封'}
                  <Tag color={SEAL_STATUS_COLORS[s.status] ?? 'default'}>{s.statusLabel}</Tag>
                </Space>
              }
            >
              <Typography.Paragraph>
                <b>查封部位：</b>
                {s.scope}
              </Typography.Paragraph>
              <Typography.Paragraph>
                <b>查封期间：</b>
                {s.startDate ? `${s.startDate} 至 ${s.endDate}` : '—'}
              </Typography.Paragraph>
              {s.openRequests > 0 && <Alert type="info" showIcon message={`有 ${s.openRequests} 件申请正在办理`} style={{ marginBottom: 12 }} />}
              <Link to={`/portal/seals/${s.id}`}>
                <Button type="primary">查看详情和在线申请</Button>
              </Link>
            </Card>
          )}
        />
      )}
    </PortalPage>
  );
}

/**
 * One seal in the portal: the decision's facts, the requests made and their answers with the agency's time
 * limit, and the requests the unit may make now (enter to rectify, lift, re-inspection, resume).
 */
export function MySealPage() {
  const ready = useApplicant();
  const { id } = useParams();
  const { message } = App.useApp();
  const q = useApi<SealView>(ready ? `/api/v1/portal/seals/${id}` : null);
  const write = useApiMutation('/api/v1/portal/seals');
  const [kind, setKind] = useState<{ action: string; label: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = q.data;
  async function submit(v: { note: string }) {
    setError(null);
    try {
      await write.mutateAsync({ url: `/api/v1/portal/seals/${s!.id}/requests`, body: { kind: kind!.action, note: v.note } });
      message.success('申请已提交，消防救援机构将在规定时限内答复');
      setKind(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  return (
    <PortalPage>
      <Typography.Title level={3}>临时查封详情</Typography.Title>
      {q.error ? (
        <Alert type="error" showIcon message={q.error.message} />
      ) : !s ? (
        <Skeleton active />
      ) : (
        <>
          <Card
            style={{ marginBottom: 16 }}
            title={
              <Space wrap>
                {s.number ?? '紧急查封'}
                <Tag color={SEAL_STATUS_COLORS[s.status] ?? 'default'}>{s.statusLabel}</Tag>
              </Space>
            }
          >
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="作出决定的机构">{s.agency.name}</Descriptions.Item>
              <Descriptions.Item label="查封情形">{s.situationLabel}</Descriptions.Item>
              <Descriptions.Item label="法律依据">{s.legalBasis}</Descriptions.Item>
              <Descriptions.Item label="查封部位">{s.scope}</Descriptions.Item>
              <Descriptions.Item label="查封期间">{s.startDate ? `${s.startDate} 至 ${s.endDate}` : '—'}</Descriptions.Item>
              {s.extension && <Descriptions.Item label="延长期限">延长 {s.extension.days} 日</Descriptions.Item>}
              {s.lift && <Descriptions.Item label="解除">{s.lift.reason}</Descriptions.Item>}
            </Descriptions>
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              message="查封期间不得擅自拆封或者使用被查封的场所、部位；需要进入整改的，请在线申请，经同意后在执法人员监督下进入。"
            />
            {s.actions.length > 0 && (
              <Space wrap style={{ marginTop: 12 }}>
                {s.actions.map((a) => (
                  <Button key={a.action} type={a.action === 'lift' ? 'primary' : 'default'} onClick={() => setKind(a)}>
                    {a.label}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          {s.documents.length > 0 && (
            <Card title="文书下载" style={{ marginBottom: 16 }}>
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
          <Card title="我的申请">
            <List
              dataSource={s.requests}
              locale={{ emptyText: <Typography.Text type="secondary">暂无申请</Typography.Text> }}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {r.kindLabel}
                        <Tag>{r.statusLabel}</Tag>
                      </Space>
                    }
                    description={
                      <div>
                        <div>
                          {beijingDateTime(r.submittedAt)}：{r.note}
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
                        {r.due && (
                          <div>
                            答复期限：{r.due.dueAt ? beijingDateTime(r.due.dueAt) : r.due.dueDate}（{r.due.label}）
                          </div>
                        )}
                      </div>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
      <Modal open={!!kind} title={kind?.label} footer={null} onCancel={() => setKind(null)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { note: string }) => void submit(v)}>
          <Form.Item name="note" label="申请说明（整改情况、拟进入的时间等）" rules={[{ required: true, min: 2, message: '请填写申请说明' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit">
            提交申请
          </Button>
        </Form>
      </Modal>
    </PortalPage>
  );
}
