import type { IncidentView } from '@fep/contracts';
import { INCIDENT_STEP_LABELS } from '@fep/domain';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { DeterminationDownload } from './DeterminationDownload.tsx';
import { TIER_COLORS } from './IncidentsPage.tsx';

type Step = keyof typeof INCIDENT_STEP_LABELS;
const STEP_TITLES = INCIDENT_STEP_LABELS;

/** Clocks of a file as short lines: what, until when, in what state. */
export function ClockLines({ clocks }: { clocks: IncidentView['clocks'] }) {
  return (
    <List
      size="small"
      dataSource={clocks}
      renderItem={(c) => (
        <List.Item>
          <Space wrap>
            {c.title}
            <Tag color={c.alert === 'overdue' ? 'red' : c.alert === 'due_soon' ? 'orange' : 'default'}>{c.statusLabel}</Tag>
            {c.dueDate && <span>期限：{c.dueDate}</span>}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** One fire's file (FIR-01 … FIR-03): why its tier, the sealed scope and its changes, the clocks, the determination and the review. */
export function IncidentDetailPage() {
  const { id } = useParams();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const q = useApi<IncidentView>(`/api/v1/incidents/${id}`);
  const write = useApiMutation();
  const [step, setStep] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  const i = q.data;
  if (q.error) return <Alert type="error" showIcon message={q.error.message} />;
  if (!i) return <Skeleton active />;
  const handle = can('incidents:incident:handle');
  const reviewer = can('incidents:review:decide') && i.review && me?.agency?.id === i.review.reviewingAgency.id;
  async function submit(v: Record<string, string | string[]>) {
    setError(null);
    const req: Record<Step, { url: string; body: unknown }> = {
      shrink: { url: `/api/v1/incidents/${i!.id}/sealing/shrink`, body: { areas: v.areas, reason: v.reason, version: i!.version } },
      lift: { url: `/api/v1/incidents/${i!.id}/sealing/lift`, body: { reason: v.reason, version: i!.version } },
      pause: { url: `/api/v1/incidents/${i!.id}/clock`, body: { action: 'pause', reason: v.reason } },
      resume: { url: `/api/v1/incidents/${i!.id}/clock`, body: { action: 'resume', reason: v.reason } },
      extend: { url: `/api/v1/incidents/${i!.id}/clock`, body: { action: 'extend', reason: v.reason } },
      determine: {
        url: `/api/v1/incidents/${i!.id}/determination`,
        body: { cause: v.reason, servedAt: new Date(String(v.servedAt)).toISOString(), version: i!.version },
      },
      accept: { url: `/api/v1/incident-reviews/${i!.review?.id}/acceptance`, body: { accept: true, reason: v.reason ?? '' } },
      reject: { url: `/api/v1/incident-reviews/${i!.review?.id}/acceptance`, body: { accept: false, reason: v.reason ?? '' } },
      decide: { url: `/api/v1/incident-reviews/${i!.review?.id}/decision`, body: { outcome: v.outcome, reasons: v.reason } },
    };
    try {
      await write.mutateAsync(req[step!]);
      message.success(`${STEP_TITLES[step!]}：已办理`);
      setStep(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '办理失败');
    }
  }
  const clockState = i.clocks[0]?.status;
  const steps: Step[] = [];
  if (handle && i.sealing.status === 'sealed') steps.push('shrink', 'lift');
  if (handle && i.tier === 'general' && i.status === 'investigating') steps.push(clockState === 'paused' ? 'resume' : 'pause', 'extend');
  if (handle && i.status === 'investigating') steps.push('determine');
  if (reviewer && i.review?.status === 'applied') steps.push('accept', 'reject');
  if (reviewer && i.review?.status === 'accepted') steps.push('decide');
  return (
    <>
      <Card
        title={
          <Space wrap>
            {i.place}
            <Tag color={TIER_COLORS[i.tier]}>{i.tierLabel}</Tag>
            <Tag>{i.statusLabel}</Tag>
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="起火单位">{i.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办理机构">{i.agencyName}</Descriptions.Item>
          <Descriptions.Item label="报警时间">{beijingDateTime(i.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label="扑灭时间">{beijingDateTime(i.extinguishedAt)}</Descriptions.Item>
          <Descriptions.Item label="伤亡人数">{i.conditions.casualties}</Descriptions.Item>
          <Descriptions.Item label="直接财产损失（登记）">{i.conditions.directLoss.toLocaleString()} 元</Descriptions.Item>
          <Descriptions.Item label="调查人员">{i.investigatorCount} 人</Descriptions.Item>
          <Descriptions.Item label="申报损失">
            {i.declaration.amount !== null ? `${i.declaration.amount.toLocaleString()} 元` : `未申报（${i.declaration.lastDay} 前）`}
          </Descriptions.Item>
        </Descriptions>
        {i.failing.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message="不适用较简程序的原因"
            description={i.failing.map((f) => <div key={f.message}>{f.message}</div>)}
          />
        )}
        {steps.length > 0 && (
          <Space wrap style={{ marginTop: 12 }}>
            {steps.map((s) => (
              <Button key={s} type={s === 'determine' || s === 'decide' || s === 'accept' ? 'primary' : 'default'} onClick={() => setStep(s)}>
                {STEP_TITLES[s]}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card title={`现场封闭：${i.sealing.statusLabel}`} style={{ marginBottom: 16 }}>
        {i.sealing.areas.length > 0 && <Typography.Paragraph>当前封闭范围：{i.sealing.areas.join('、')}</Typography.Paragraph>}
        <Timeline
          items={i.sealing.changes.map((c) => ({
            children: (
              <div>
                {beijingDateTime(c.at)} {c.kindLabel}
                {c.areas.length > 0 && `：${c.areas.join('、')}`}（{c.reason}）
              </div>
            ),
          }))}
        />
      </Card>
      <Card title="办理时限" style={{ marginBottom: 16 }}>
        <ClockLines clocks={i.clocks} />
      </Card>
      {i.determination && (
        <Card title="火灾事故认定" style={{ marginBottom: 16 }}>
          <Typography.Paragraph>起火原因：{i.determination.cause}</Typography.Paragraph>
          <Typography.Paragraph>送达时间：{beijingDateTime(i.determination.servedAt)}</Typography.Paragraph>
          {i.determination.reviewLastDay && <Typography.Paragraph>申请复核期限：{i.determination.reviewLastDay} 前</Typography.Paragraph>}
          {i.determination.document && <DeterminationDownload incidentId={i.id} doc={i.determination.document} portal={false} />}
        </Card>
      )}
      {i.review && (
        <Card title={`复核：${i.review.statusLabel}`} style={{ marginBottom: 16 }}>
          <Typography.Paragraph>复核机构：{i.review.reviewingAgency.name}</Typography.Paragraph>
          <Typography.Paragraph>申请理由：{i.review.reasons}</Typography.Paragraph>
          {i.review.outcomeLabel && (
            <Typography.Paragraph>
              复核决定：{i.review.outcomeLabel}（{i.review.decisionReasons}）
            </Typography.Paragraph>
          )}
          <ClockLines clocks={i.review.clocks} />
        </Card>
      )}
      <Modal open={!!step} title={step ? STEP_TITLES[step] : ''} footer={null} onCancel={() => setStep(null)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v) => void submit(v)}>
          {step === 'shrink' && (
            <Form.Item name="areas" label="缩小后的封闭范围" rules={[{ required: true, message: '请选择仍需封闭的区域' }]}>
              <Select mode="multiple" options={i.sealing.areas.map((a) => ({ value: a, label: a }))} />
            </Form.Item>
          )}
          {step === 'determine' && (
            <Form.Item name="servedAt" label="送达时间" rules={[{ required: true, message: '请填写送达时间' }]}>
              <Input type="datetime-local" />
            </Form.Item>
          )}
          {step === 'decide' && (
            <Form.Item name="outcome" label="复核决定" rules={[{ required: true, message: '请选择复核决定' }]}>
              <Select
                options={[
                  { value: 'upheld', label: '维持原火灾事故认定' },
                  { value: 'redetermine', label: '责令原机构重新作出认定' },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={step === 'determine' ? '起火原因' : step === 'extend' ? '批准文号和理由' : '理由'}
            rules={step === 'accept' || step === 'reject' ? [] : [{ required: true, min: 2, message: '请填写' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit">
            确定
          </Button>
        </Form>
      </Modal>
    </>
  );
}
