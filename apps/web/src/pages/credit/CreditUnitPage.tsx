import type { CommendationBody, CreditUnitView } from '@fep/contracts';
import { App, Button, Card, Form, Input, Radio, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { CreditView } from './CreditView.tsx';

/**
 * A unit's credit for staff (CRD-01, CRD-04): level with its rule and records, effects, risk factors, history,
 * requests; and, for the head of the agency, good conduct to record (CRD-02 守信激励: a commendation or reward,
 * once per document).
 */
export function CreditUnitPage() {
  const { usci } = useParams();
  const { can } = useAuth();
  const c = useApi<CreditUnitView>(`/api/v1/credit/units/${encodeURIComponent(usci ?? '')}`);
  if (c.error) return <ApiErrorResult error={c.error} what="单位信用" />;
  if (!c.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={3}>
        {c.data.name}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
          {c.data.usci}
        </Typography.Text>
      </Typography.Title>
      <CreditView c={c.data} staff />
      {can('credit:commendation:record') && <CommendationForm usci={c.data.usci} />}
    </>
  );
}

function CommendationForm({ usci }: { usci: string }) {
  const [form] = Form.useForm<Omit<CommendationBody, 'usci'>>();
  const { message } = App.useApp();
  const write = useApiMutation<CreditUnitView, CommendationBody>('/api/v1/credit');
  return (
    <Card title="登记表彰、奖励（守信激励）" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        单位受到政府或消防救援机构表彰、奖励的，按表彰文件登记一次，信用分按现行政策增加；同一文件不能重复登记。
      </Typography.Paragraph>
      <Form
        name="commendation"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'commendation' }}
        onFinish={async (v) => {
          try {
            await write.mutateAsync({ url: '/api/v1/credit/commendations', body: { ...v, usci } });
            message.success('已登记，信用分已重新计算');
            form.resetFields();
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : '登记失败');
          }
        }}
      >
        <Form.Item name="kind" label="类别">
          <Radio.Group
            options={[
              { value: 'commendation', label: '表彰' },
              { value: 'reward', label: '奖励' },
            ]}
          />
        </Form.Item>
        <Form.Item name="documentNo" label="表彰、奖励文件文号" rules={[{ required: true, min: 2, message: '请填写文件文号' }]}>
          <Input maxLength={100} placeholder="如：辽阳市消防安全委员会〔2026〕12号" />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[{ required: true, min: 2, message: '请填写事由' }]}>
          <Input maxLength={500} placeholder="如：2026 年度消防安全工作先进单位" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={write.isPending}>
          登记
        </Button>
      </Form>
    </Card>
  );
}
