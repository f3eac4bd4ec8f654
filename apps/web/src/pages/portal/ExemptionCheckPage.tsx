import { CheckCircleTwoTone, ExclamationCircleTwoTone, QuestionCircleTwoTone } from '@ant-design/icons';
import type { ExemptionCheckView as ExemptionAnswer, ExemptionCheckRequest } from '@fep/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Result, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { RegionPicker, regionPath, useRegions, useRememberedPlace } from '../../components/RegionPicker.tsx';
import { VENUE_LABELS } from '../../labels.ts';

/** LIC-02: anyone checks, before applying, whether the venue needs the pre-opening check at all. */
export function ExemptionCheckPage() {
  const regions = useRegions();
  const [place, rememberPlace] = useRememberedPlace();
  const [answer, setAnswer] = useState<ExemptionAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A question, not a change: a POST because it carries the venue's figures; nothing to invalidate.
  const check = useMutation({
    mutationFn: (body: ExemptionCheckRequest) => api<ExemptionAnswer>('/api/v1/licensing/exemption-check', { method: 'POST', body }),
  });
  const loading = check.isPending;

  async function onFinish(v: ExemptionCheckRequest) {
    setError(null);
    rememberPlace(v.regionCode);
    try {
      // A blank investment is unknown: sent as null, never as 0.
      setAnswer(await check.mutateAsync({ ...v, investment: v.investment ?? null }));
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
      {/* Flex, not antd Space: a Space item takes its content's width, so the form could not shrink to a phone. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
        <Card style={{ width: 420, maxWidth: '100%' }}>
          <Form
            layout="vertical"
            onFinish={onFinish}
            // Rendered once the places have arrived, so that the place chosen before is shown.
            key={regions ? 'ready' : 'loading'}
            initialValues={{ regionCode: regionPath(regions, place) ? place : undefined, venueKind: 'restaurant' }}
          >
            <Form.Item label="场所所在地" name="regionCode" rules={[{ required: true, message: '请选择场所所在的省、市、区县' }]}>
              <RegionPicker />
            </Form.Item>
            <Form.Item label="场所类别" name="venueKind" rules={[{ required: true, message: '请选择场所类别' }]}>
              <Select options={Object.entries(VENUE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="建筑面积（㎡）" name="floorArea" rules={[{ required: true, message: '请填写建筑面积' }]}>
              <InputNumber min={0} max={10_000_000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="工程投资额（元，选填）" name="investment" tooltip="不填视为未知，不按 0 元计算">
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
                icon={
                  answer.exempt ? (
                    <CheckCircleTwoTone twoToneColor="#52c41a" />
                  ) : answer.undetermined ? (
                    <QuestionCircleTwoTone twoToneColor="#1677ff" />
                  ) : (
                    <ExclamationCircleTwoTone twoToneColor="#fa8c16" />
                  )
                }
                title={answer.exempt ? '可以不申请营业前消防安全检查' : answer.undetermined ? '尚不能确定是否免检' : '须申请营业前消防安全检查'}
                subTitle={`${answer.reasons.join('；')}${answer.undetermined ? '。补充未填写的信息后可再查询。' : ''}`}
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
                {answer.rule.legalBasis} <Tag>{answer.rule.policyVersionLabel}</Tag>
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                受理机构：{answer.agency.name}；政策版本日期：{answer.at}
              </Typography.Paragraph>
            </Card>
          )}
        </div>
      </div>
    </PortalPage>
  );
}
