import type { CaseReviewChecklistView, CaseReviewRequest, CaseReviewView, OfficerPage } from '@fep/contracts';
import { CASE_REVIEW_GRADE_LABELS, policyVersionLabel, scoreCaseReview } from '@fep/domain';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { GRADE_COLORS } from './CaseReviewsPage.tsx';

interface FormValues {
  caseReference: string;
  fileKind: CaseReviewRequest['fileKind'];
  officerIds: string[];
  veto: Record<string, { passed: boolean; remark?: string }>;
  items: Record<string, { deducted: number; remark?: string }>;
  comment?: string;
}

/** The form's answers in the checklist's order: an untouched criterion is met, an untouched item loses nothing. */
function answersOf(c: CaseReviewChecklistView, v: FormValues | undefined) {
  return {
    veto: c.vetoItems.map((i) => ({ code: i.code, passed: v?.veto?.[i.code]?.passed ?? true, remark: v?.veto?.[i.code]?.remark })),
    items: c.items.map((i) => ({ code: i.code, deducted: v?.items?.[i.code]?.deducted ?? 0, remark: v?.items?.[i.code]?.remark })),
  };
}

/**
 * 案卷评查评分 (OVS-02): the checklist in force for the reviewer's agency, basic criteria first (any one not
 * met fails the file), then each scored item with its points: the reviewer deducts and says why. The total
 * shown while scoring is the domain's `scoreCaseReview` — the same function the server scores with.
 */
export function CaseReviewFormPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const checklist = useApi<CaseReviewChecklistView>('/api/v1/oversight/case-reviews/checklist');
  const officers = useApi<OfficerPage>('/api/v1/oversight/officers?pageSize=100');
  const [form] = Form.useForm<FormValues>();
  const values = Form.useWatch([], form) as FormValues | undefined;
  const write = useApiMutation<CaseReviewView>('/api/v1/oversight/');
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => `case-review-${crypto.randomUUID()}`);
  const c = checklist.data;

  const preview = useMemo(() => {
    if (!c) return null;
    try {
      return scoreCaseReview({ ...c, fileKinds: c.fileKinds.map((k) => k.value) }, answersOf(c, values));
    } catch {
      return null;
    }
  }, [c, values]);

  if (checklist.error) return <ApiErrorResult error={checklist.error} what="评查标准" />;
  if (!c) return <Skeleton active />;
  const checklistView = c;

  async function submit() {
    const v = await form.validateFields();
    setError(null);
    try {
      await write.mutateAsync({
        url: '/api/v1/oversight/case-reviews',
        body: {
          caseReference: v.caseReference,
          fileKind: v.fileKind,
          officerIds: v.officerIds,
          ...answersOf(checklistView, v),
          comment: v.comment || undefined,
        },
        headers: { 'idempotency-key': key },
      });
      message.success('评查结果已保存');
      navigate('/admin/oversight/reviews');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败');
    }
  }

  return (
    <div>
      <Typography.Title level={4}>案卷评查评分</Typography.Title>
      <Typography.Paragraph type="secondary">
        评查标准：{policyVersionLabel(c.policyVersion)}。扣分须写明理由；基本标准有一项不符合的，案卷评为不合格。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          fileKind: c.fileKinds[0]?.value,
          veto: Object.fromEntries(c.vetoItems.map((i) => [i.code, { passed: true }])),
          items: Object.fromEntries(c.items.map((i) => [i.code, { deducted: 0 }])),
        }}
      >
        <Card title="案卷" style={{ marginBottom: 16 }}>
          <Form.Item name="caseReference" label="案卷编号" rules={[{ required: true, min: 2, message: '请填写案卷编号（决定书文号或案件编号）' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="fileKind" label="案卷类型">
            <Select options={c.fileKinds} />
          </Form.Item>
          <Form.Item name="officerIds" label="承办人" rules={[{ required: true, message: '请选择承办人' }]}>
            <Select
              mode="multiple"
              loading={officers.isPending}
              optionFilterProp="label"
              options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.agency.name}）` }))}
            />
          </Form.Item>
        </Card>
        <Card title="基本标准（一票否决）" style={{ marginBottom: 16 }}>
          {c.vetoItems.map((i) => (
            <div key={i.code} className="review-item">
              <Typography.Text strong>{i.text}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                依据：{i.legalBasis}
              </Typography.Paragraph>
              <Form.Item name={['veto', i.code, 'passed']} style={{ margin: '8px 0' }}>
                <Radio.Group
                  aria-label={`${i.text}是否符合`}
                  options={[
                    { value: true, label: '符合' },
                    { value: false, label: '不符合' },
                  ]}
                />
              </Form.Item>
              {values?.veto?.[i.code]?.passed === false && (
                <Form.Item name={['veto', i.code, 'remark']} label="存在的问题" rules={[{ required: true, message: '请写明存在的问题' }]}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              )}
            </div>
          ))}
        </Card>
        <Card title="评分项目" style={{ marginBottom: 16 }}>
          {c.items.map((i) => (
            <div key={i.code} className="review-item">
              <Space wrap>
                <Tag>{i.section}</Tag>
                <Typography.Text strong>{i.text}</Typography.Text>
                <Typography.Text type="secondary">（{i.points} 分）</Typography.Text>
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                依据：{i.legalBasis}
              </Typography.Paragraph>
              <Form.Item name={['items', i.code, 'deducted']} label="扣分" style={{ margin: '8px 0' }}>
                <InputNumber min={0} max={i.points} step={0.5} aria-label={`${i.section}扣分`} />
              </Form.Item>
              {(values?.items?.[i.code]?.deducted ?? 0) > 0 && (
                <Form.Item name={['items', i.code, 'remark']} label="扣分理由" rules={[{ required: true, message: '请写明扣分理由' }]}>
                  <Input.TextArea rows={2} maxLength={500} aria-label={`${i.section}扣分理由`} />
                </Form.Item>
              )}
            </div>
          ))}
        </Card>
        <Card title="评查意见" style={{ marginBottom: 16 }}>
          <Form.Item name="comment" label="总体意见">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Space size="large" wrap>
            <Statistic title="得分（百分制）" value={preview?.total ?? '—'} />
            {preview && (
              <Tag color={GRADE_COLORS[preview.grade]} style={{ fontSize: 16, padding: '4px 12px' }}>
                {CASE_REVIEW_GRADE_LABELS[preview.grade]}
              </Tag>
            )}
          </Space>
          {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
          <div style={{ marginTop: 16 }}>
            <Button type="primary" onClick={() => void submit()} loading={write.isPending}>
              保存评查结果
            </Button>
          </div>
        </Card>
      </Form>
    </div>
  );
}
