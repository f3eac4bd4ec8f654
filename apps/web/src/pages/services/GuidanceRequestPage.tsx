import type { GuidanceList, GuidanceRequestInput, GuidanceView } from '@fep/contracts';
import { GUIDANCE_MODE_LABELS } from '@fep/domain';
import { Button, Card, Descriptions, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** 专家指导 (SVC-05): a unit or key project asks for on-site or online guidance and follows its advice items. */
export function GuidanceRequestPage() {
  const mine = useApi<GuidanceList>('/api/v1/guidance/requests/mine');
  const [formKey, setFormKey] = useState(0);
  const reset = useCallback(() => setFormKey((k) => k + 1), []);
  const post = usePost(reset);
  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>申请专家指导</Typography.Title>
        <Typography.Paragraph type="secondary">
          重点建设项目、重大危险源单位可申请消防安全专家现场或线上指导，专家组提出的建议逐项跟踪落实。
        </Typography.Paragraph>
        <Card style={{ marginBottom: 16 }}>
          <Form<GuidanceRequestInput>
            key={formKey}
            layout="vertical"
            initialValues={{ mode: 'on_site' }}
            onFinish={(v) => void post('/api/v1/guidance/requests', v, '已提交申请')}
          >
            <Form.Item name="subject" label="单位或项目名称" rules={[{ required: true, min: 2, message: '请填写单位或项目名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label="所在地区代码"
              extra="六位行政区划代码，如 440106"
              rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写六位地区代码' }]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="mode" label="指导方式" rules={[{ required: true }]}>
              <Select options={Object.entries(GUIDANCE_MODE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="topic" label="需要指导的问题" rules={[{ required: true, min: 2, message: '请填写需要指导的问题' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item name="contact" label="联系电话" rules={[{ required: true, pattern: /^[0-9+\- ]{5,20}$/, message: '请填写正确的电话号码' }]}>
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              提交申请
            </Button>
          </Form>
        </Card>
        <Typography.Title level={4}>我的申请</Typography.Title>
        <List<GuidanceView>
          loading={mine.isLoading}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无申请" /> }}
          renderItem={(g) => (
            <Card key={g.id} size="small" style={{ marginBottom: 12 }} title={g.subject} extra={<Tag>{g.statusLabel}</Tag>}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="方式">{g.modeLabel}</Descriptions.Item>
                <Descriptions.Item label="受理机构">{g.agencyName}</Descriptions.Item>
                <Descriptions.Item label="申请时间">{beijingDateTime(g.createdAt)}</Descriptions.Item>
                {g.experts.length > 0 && <Descriptions.Item label="专家组">{g.experts.join('、')}</Descriptions.Item>}
              </Descriptions>
              {g.advice.length > 0 && (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {g.advice.map((a) => (
                    <div key={a.id}>
                      <Tag color={a.status === 'done' ? 'success' : 'warning'}>{a.statusLabel}</Tag>
                      {a.visitedOn} · {a.content}
                    </div>
                  ))}
                </Space>
              )}
            </Card>
          )}
        />
      </div>
    </PortalPage>
  );
}
