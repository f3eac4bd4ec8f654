import { CheckCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import type { ExemptionCheckView as ExemptionAnswer, ExemptionCheckRequest } from '@fep/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Result, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Agency, ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { VENUE_LABELS } from '../../labels.ts';
import { useApi } from '../../query.ts';

/** LIC-02: anyone checks, before applying, whether the venue needs the pre-opening check at all. */
export function ExemptionCheckPage() {
  const agencies = useApi<Agency[]>('/api/v1/agencies').data ?? [];
  const [answer, setAnswer] = useState<ExemptionAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A question, not a change: a POST because it carries the venue's figures; nothing to invalidate.
  const check = useMutation({
    mutationFn: (body: ExemptionCheckRequest) => api<ExemptionAnswer>('/api/v1/licensing/exemption-check', { method: 'POST', body }),
  });
  const loading = check.isPending;

  async function onFinish(v: ExemptionCheckRequest) {
    setError(null);
    try {
      setAnswer(await check.mutateAsync(v));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '查询失败，请稍后重试');
    }
  }

  return (
    <PortalPage>
      <Typography.Title level={3}>营业前消防安全检查免检范围查询</Typography.Title>
      <Typography.Paragraph type="secondary">
        按场所所在地现行政策判断是否须申请公众聚集场所投入使用、营业前消防安全检查。“以下”“以内”含本数。无需登录。
      </Typography.Paragraph>
      <Space align="start" size="large" wrap style={{ width: '100%' }}>
        <Card style={{ width: 420 }}>
          <Form layout="vertical" onFinish={onFinish} initialValues={{ regionCode: '360102', venueKind: 'restaurant' }}>
            <Form.Item label="场所所在地" name="regionCode" rules={[{ required: true, message: '请选择所在地' }]}>
              <Select
                options={agencies
                  .filter((a) => a.level !== 'corps')
                  .map((a) => ({ value: a.regionCode, label: a.name.replace('消防救援', '').replace(/(支队|大队)$/, '') }))}
              />
            </Form.Item>
            <Form.Item label="场所类别" name="venueKind" rules={[{ required: true, message: '请选择场所类别' }]}>
              <Select options={Object.entries(VENUE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="建筑面积（㎡）" name="floorArea" rules={[{ required: true, message: '请填写建筑面积' }]}>
              <InputNumber min={0} max={10_000_000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="工程投资额（元，选填）" name="investment">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={loading} block>
              查询
            </Button>
          </Form>
        </Card>
        <div style={{ flex: 1, minWidth: 320 }}>
          {error && <Alert type="error" message={error} showIcon />}
          {answer && (
            <Card>
              <Result
                icon={answer.exempt ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ExclamationCircleTwoTone twoToneColor="#fa8c16" />}
                title={answer.exempt ? '可以不申请营业前消防安全检查' : '须申请营业前消防安全检查'}
                subTitle={answer.reasons.join('；')}
                extra={
                  !answer.exempt && (
                    <Link to="/portal/applications/new">
                      <Button type="primary">在线申请{answer.commitmentOffered ? '（可选告知承诺）' : ''}</Button>
                    </Link>
                  )
                }
              />
              <Typography.Paragraph>
                <Typography.Text type="secondary">适用规定：</Typography.Text>
                {answer.rule.text}
              </Typography.Paragraph>
              <Typography.Paragraph>
                <Typography.Text type="secondary">依据：</Typography.Text>
                {answer.rule.legalBasis} <Tag>{answer.rule.policyVersion}</Tag>
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                受理机构：{answer.agency.name}；政策版本日期：{answer.at}
              </Typography.Paragraph>
            </Card>
          )}
        </div>
      </Space>
    </PortalPage>
  );
}
