import type { EvaluationVisitView, FollowUpList, FollowUpView } from '@fep/contracts';
import { DUE_FILTER_LABELS } from '@fep/domain';
import { Button, Card, Form, Input, Modal, QRCode, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { QueuePage } from '../../components/QueuePage.tsx';
import { usePost } from '../../components/usePost.ts';

const ALERT_COLORS: Record<string, string> = { ok: 'default', due_soon: 'warning', overdue: 'error' };
// The due-soon / overdue wording of the lists' due filter (one label source with the API).
const ALERT_LABELS: Partial<Record<string, string>> = DUE_FILTER_LABELS;

/**
 * 差评整改 (SVC-02): every bad review of the agency with its clock and its return-visit duty; each step —
 * 核实, 整改, 反馈, 回访, 申诉 — recorded with a note. Cards on a phone.
 */
export function FollowUpsPage() {
  const { can } = useAuth();
  const [acting, setActing] = useState<{ f: FollowUpView; step: string; label: string } | null>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  const decides = (step: string) => step === 'appeal_upheld' || step === 'appeal_rejected';
  return (
    <QueuePage<FollowUpList>
      title="差评整改"
      endpoint="/api/v1/evaluations/follow-ups"
      emptyText="没有差评"
      header={can('services:evaluation:visit') && <VisitQr />}
      columns={[
        { title: '评价', key: 'level', render: (_: unknown, f) => <Tag color="red">{f.evaluation.levelLabel}</Tag> },
        { title: '事项', key: 'matter', render: (_: unknown, f) => f.evaluation.matterTitle },
        {
          title: '原因',
          key: 'tags',
          render: (_: unknown, f) => (
            <Space wrap>
              {f.evaluation.tags.map((t) => (
                <Tag key={t.tag}>{t.label}</Tag>
              ))}
              {f.evaluation.comment}
            </Space>
          ),
        },
        { title: '状态', dataIndex: 'statusLabel' },
        {
          title: '整改期限',
          key: 'clock',
          render: (_: unknown, f) =>
            f.clock ? (
              <Space wrap>
                {f.clock.status === 'stopped' ? '已反馈' : f.clock.dueDate}
                {f.clock.status !== 'stopped' && ALERT_LABELS[f.clock.alert] ? (
                  <Tag color={ALERT_COLORS[f.clock.alert]}>{ALERT_LABELS[f.clock.alert]}</Tag>
                ) : null}
              </Space>
            ) : (
              ''
            ),
        },
        {
          title: '回访',
          key: 'returnVisit',
          render: (_: unknown, f) => <Tag color={f.returnVisit.required && !f.returnVisit.done ? 'orange' : 'default'}>{f.returnVisit.label}</Tag>,
        },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, f) => (
            <Space wrap>
              {f.next
                .filter((n) => (decides(n.step) ? can('services:evaluation:appeal') : can('services:evaluation:follow_up')))
                .map((n) => (
                  <Button key={n.step} type={n.step === 'appeal' ? 'default' : 'primary'} onClick={() => setActing({ f, step: n.step, label: n.label })}>
                    {n.label}
                  </Button>
                ))}
            </Space>
          ),
        },
      ]}
    >
      <Modal open={!!acting} title={acting?.label ?? ''} footer={null} onCancel={close} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(v: { note: string }) =>
            void post(`/api/v1/evaluations/follow-ups/${acting!.f.id}/steps`, { step: acting!.step, note: v.note, version: acting!.f.version }, '已记录')
          }
        >
          <Form.Item name="note" label="情况说明" rules={[{ required: true, min: 2, message: '请填写情况说明' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            确定
          </Button>
        </Form>
      </Modal>
    </QueuePage>
  );
}

/** 一次一评 at the window: the clerk issues a QR code for this one visit; the visitor scans it and evaluates on a phone. */
function VisitQr() {
  const [visit, setVisit] = useState<EvaluationVisitView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const issue = async (v: { serviceTitle: string }) => {
    setError(null);
    try {
      setVisit(await api<EvaluationVisitView>('/api/v1/evaluations/visits', { method: 'POST', body: v }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '生成失败');
    }
  };
  return (
    <Card size="small" title="窗口办事评价二维码">
      <Form layout="inline" onFinish={(v: { serviceTitle: string }) => void issue(v)}>
        <Form.Item name="serviceTitle" label="办理事项" rules={[{ required: true, message: '请填写办理事项' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Button htmlType="submit">生成二维码</Button>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {visit && (
        <Space direction="vertical" style={{ marginTop: 12 }}>
          <QRCode value={`${window.location.origin}${visit.url}`} />
          <Typography.Text type="secondary">请办事人扫码评价：{visit.serviceTitle}（一次办事只能评价一次）</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
