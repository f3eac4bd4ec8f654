import type { EvaluationRequest, EvaluationView } from '@fep/contracts';
import { EVALUATION_LEVEL_LABELS, EVALUATION_TAG_IDS, EVALUATION_TAGS, type EvaluationTag } from '@fep/domain';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';

interface FormValues {
  level: number;
  tags?: EvaluationTag[];
  comment?: string;
  name?: string;
  phone?: string;
}

/**
 * 服务评价 (SVC-02, 好差评): five levels, structured tags for a bad review, a comment. Opened from a link carrying
 * what is evaluated — a window visit's QR code, a completed appointment, or the applicant's own matter —
 * `?matterType=…&matterId=…`. Phone first: one column, big choices.
 */
export function EvaluatePage() {
  const [params] = useSearchParams();
  const matterType = params.get('matterType') as EvaluationRequest['matterType'] | null;
  const matterId = params.get('matterId');
  const [form] = Form.useForm<FormValues>();
  const level = Form.useWatch('level', form);
  const [done, setDone] = useState<EvaluationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => `evaluation-${crypto.randomUUID()}`);

  async function submit(v: FormValues) {
    if (!matterType || !matterId) return;
    setBusy(true);
    setError(null);
    try {
      const body: EvaluationRequest = {
        matterType,
        matterId,
        level: v.level,
        ...(v.tags?.length ? { tags: v.tags } : {}),
        ...(v.comment ? { comment: v.comment } : {}),
        ...(v.name && v.phone ? { evaluator: { name: v.name, phone: v.phone } } : {}),
      };
      setDone(await api<EvaluationView>('/api/v1/evaluations', { method: 'POST', body, headers: { 'idempotency-key': key } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>服务评价</Typography.Title>
        {!matterType || !matterId ? (
          <Alert type="info" showIcon message="请扫描窗口的评价二维码，或从预约、办件页面进入评价。" />
        ) : done ? (
          <Card>
            <Result
              status="success"
              title="感谢您的评价"
              subTitle={
                done.followUpId
                  ? `您的评价（${done.levelLabel}）已转办理部门核实整改，整改结果将反馈给您${done.realName ? '，并安排回访' : ''}。`
                  : `您的评价：${done.levelLabel}`
              }
            />
          </Card>
        ) : (
          <Card>
            <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
              <Form.Item name="level" label="您对本次服务是否满意" rules={[{ required: true, message: '请选择满意程度' }]}>
                <Radio.Group>
                  <Space direction="vertical">
                    {[5, 4, 3, 2, 1].map((l) => (
                      <Radio key={l} value={l}>
                        {'★'.repeat(l)} {EVALUATION_LEVEL_LABELS[l]}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              {level !== undefined && level <= 2 && (
                <Form.Item name="tags" label="不满意的原因（可多选）">
                  <Checkbox.Group options={EVALUATION_TAG_IDS.map((t) => ({ label: EVALUATION_TAGS[t], value: t }))} />
                </Form.Item>
              )}
              <Form.Item name="comment" label="意见建议">
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
              {matterType === 'window_visit' && (
                <>
                  <Typography.Paragraph type="secondary">留下姓名和电话（可不填）：差评将由专人回访。</Typography.Paragraph>
                  <Form.Item name="name" label="姓名">
                    <Input maxLength={50} autoComplete="name" />
                  </Form.Item>
                  <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: '请填写正确的电话号码' }]}>
                    <Input maxLength={20} inputMode="tel" autoComplete="tel" />
                  </Form.Item>
                </>
              )}
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
              <Button type="primary" htmlType="submit" loading={busy} block size="large">
                提交评价
              </Button>
            </Form>
          </Card>
        )}
      </div>
    </PortalPage>
  );
}
