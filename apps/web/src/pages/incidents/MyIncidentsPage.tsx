import type { IncidentList, IncidentView } from '@fep/contracts';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { DeterminationDownload } from './DeterminationDownload.tsx';

function useApplicant(): boolean {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  useEffect(() => {
    if (!loading && me?.kind !== 'applicant') navigate('/login');
  }, [me, loading, navigate]);
  return !loading && me?.kind === 'applicant';
}

type Act = { kind: 'loss' | 'review'; incident: IncidentView };

/**
 * The unit's fires in the portal, phone first (FIR-02, FIR-03): the sealed scope and how long, the loss declared online
 * within 7 days of extinguishment, the determination and the review applied for online within 15 days — zero trips.
 */
export function MyIncidentsPage() {
  const ready = useApplicant();
  const { message } = App.useApp();
  const q = useApi<IncidentList>(ready ? '/api/v1/portal/incidents' : null);
  const write = useApiMutation();
  const [act, setAct] = useState<Act | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { amount?: number; note?: string; reasons?: string }) {
    setError(null);
    try {
      if (act!.kind === 'loss')
        await write.mutateAsync({ url: `/api/v1/portal/incidents/${act!.incident.id}/loss`, body: { amount: v.amount ?? 0, note: v.note ?? '' } });
      else await write.mutateAsync({ url: `/api/v1/incidents/${act!.incident.id}/reviews`, body: { appliedAt: new Date().toISOString(), reasons: v.reasons } });
      message.success(act!.kind === 'loss' ? '损失已申报' : '复核申请已提交');
      setAct(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  const items = q.data?.items ?? null;
  return (
    <PortalPage>
      <Typography.Title level={3}>火灾事故</Typography.Title>
      {items === null ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description="本单位没有火灾事故记录" />
      ) : (
        <List
          dataSource={items}
          renderItem={(i) => (
            <Card
              style={{ marginBottom: 16, width: '100%' }}
              title={
                <Space wrap>
                  {i.place}
                  <Tag>{i.statusLabel}</Tag>
                </Space>
              }
            >
              <Typography.Paragraph>
                <b>调查程序：</b>
                {i.tierLabel}
              </Typography.Paragraph>
              <Typography.Paragraph>
                <b>现场封闭：</b>
                {i.sealing.statusLabel}
                {i.sealing.status === 'sealed' && `（${i.sealing.areas.join('、')}；至现场勘验结束，最迟随火灾事故认定解除）`}
              </Typography.Paragraph>
              {i.tier !== 'onsite_registration' && (
                <Typography.Paragraph>
                  <b>直接财产损失：</b>
                  {i.declaration.amount !== null ? `已申报 ${i.declaration.amount.toLocaleString()} 元` : `请于 ${i.declaration.lastDay} 前在线申报`}
                </Typography.Paragraph>
              )}
              {i.determination && (
                <Typography.Paragraph>
                  <b>火灾事故认定：</b>
                  {i.determination.cause}（{beijingDateTime(i.determination.servedAt)} 送达）
                  {i.determination.reviewLastDay && !i.review && `；如不服，可于 ${i.determination.reviewLastDay} 前申请复核`}
                </Typography.Paragraph>
              )}
              {i.determination?.document && <DeterminationDownload incidentId={i.id} doc={i.determination.document} portal />}
              {i.review && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={`复核：${i.review.statusLabel}（${i.review.reviewingAgency.name}）`}
                  description={i.review.outcomeLabel ? `${i.review.outcomeLabel}：${i.review.decisionReasons}` : undefined}
                />
              )}
              <Space wrap>
                {i.tier !== 'onsite_registration' && i.declaration.amount === null && (
                  <Button type="primary" onClick={() => setAct({ kind: 'loss', incident: i })}>
                    申报损失
                  </Button>
                )}
                {i.determination?.reviewLastDay && !i.review && <Button onClick={() => setAct({ kind: 'review', incident: i })}>申请复核</Button>}
              </Space>
            </Card>
          )}
        />
      )}
      <Modal
        open={!!act}
        title={act?.kind === 'loss' ? '申报直接财产损失' : '申请火灾事故认定复核'}
        footer={null}
        onCancel={() => setAct(null)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={(v) => void submit(v)}>
          {act?.kind === 'loss' ? (
            <>
              <Form.Item name="amount" label="直接财产损失（元）" rules={[{ required: true, message: '请填写损失金额' }]}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label="损失说明（物品、数量、价值）">
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="reasons" label="申请复核的理由" rules={[{ required: true, min: 2, message: '请填写理由' }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          )}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block>
            提交
          </Button>
        </Form>
      </Modal>
    </PortalPage>
  );
}
