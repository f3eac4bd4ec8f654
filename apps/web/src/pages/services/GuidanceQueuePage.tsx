import type { GuidanceList, GuidanceView } from '@fep/contracts';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { QueuePage } from '../../components/QueuePage.tsx';
import { usePost } from '../../components/usePost.ts';

type Acting = { g: GuidanceView; kind: 'assign' | 'visit' } | { g: GuidanceView; kind: 'done'; advice: GuidanceView['advice'][number] } | null;

/** 专家指导 (SVC-05): the agency's queue — assign an expert group, record visits and advice, follow advice to done, close. */
export function GuidanceQueuePage() {
  const [acting, setActing] = useState<Acting>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  return (
    <QueuePage<GuidanceList>
      title="专家指导"
      endpoint="/api/v1/guidance/requests"
      emptyText="没有申请"
      cardHead={1}
      columns={[
        { title: '单位或项目', dataIndex: 'subject' },
        { title: '方式', dataIndex: 'modeLabel' },
        { title: '问题', dataIndex: 'topic' },
        { title: '联系', key: 'who', render: (_: unknown, g) => `${g.requesterName} ${g.contact}` },
        { title: '专家组', key: 'experts', render: (_: unknown, g) => (g.experts.length ? g.experts.join('、') : '未指派') },
        {
          title: '建议落实',
          key: 'advice',
          render: (_: unknown, g) => (
            <Space direction="vertical">
              {g.advice.map((a) => (
                <Space key={a.id} wrap>
                  <Tag color={a.status === 'done' ? 'success' : 'warning'}>{a.statusLabel}</Tag>
                  <span>{a.content}</span>
                  {a.status === 'open' && g.status === 'assigned' && (
                    <Button size="small" onClick={() => setActing({ g, kind: 'done', advice: a })}>
                      已落实
                    </Button>
                  )}
                </Space>
              ))}
            </Space>
          ),
        },
        { title: '状态', dataIndex: 'statusLabel' },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, g) => (
            <Space wrap>
              {g.status === 'requested' && (
                <Button type="primary" onClick={() => setActing({ g, kind: 'assign' })}>
                  指派专家组
                </Button>
              )}
              {g.status === 'assigned' && <Button onClick={() => setActing({ g, kind: 'visit' })}>登记指导</Button>}
              {g.status === 'assigned' && g.advice.length > 0 && g.advice.every((a) => a.status === 'done') && (
                <Button type="primary" onClick={() => void post(`/api/v1/guidance/requests/${g.id}/close`, { version: g.version }, '已办结')}>
                  办结
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    >
      <Modal
        open={!!acting}
        title={acting?.kind === 'assign' ? '指派专家组（两名以上）' : acting?.kind === 'done' ? '建议落实情况' : '登记指导和整改建议'}
        footer={null}
        onCancel={close}
        destroyOnHidden
      >
        {acting?.kind === 'assign' ? (
          <Form
            layout="vertical"
            onFinish={(v: { experts: string[] }) =>
              void post(`/api/v1/guidance/requests/${acting.g.id}/assign`, { experts: v.experts, version: acting.g.version }, '已指派')
            }
          >
            <Form.Item name="experts" label="专家姓名" rules={[{ required: true, type: 'array', min: 2, message: '请至少填写两名专家' }]}>
              <Select mode="tags" tokenSeparators={['，', ',', '、', ' ']} open={false} placeholder="输入姓名后回车" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : acting?.kind === 'done' ? (
          <Form
            layout="vertical"
            onFinish={(v: { note: string }) =>
              void post(`/api/v1/guidance/advice/${acting.advice.id}/done`, { note: v.note, version: acting.advice.version }, '已落实')
            }
          >
            <Typography.Paragraph>{acting.advice.content}</Typography.Paragraph>
            <Form.Item name="note" label="落实情况" rules={[{ required: true, min: 2, message: '请填写落实情况' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : acting ? (
          <Form
            layout="vertical"
            onFinish={(v: { visitedOn: Dayjs; advice: string }) =>
              void post(
                `/api/v1/guidance/requests/${acting.g.id}/visits`,
                {
                  visitedOn: v.visitedOn.format('YYYY-MM-DD'),
                  advice: v.advice
                    .split('\n')
                    .map((x) => x.trim())
                    .filter((x) => x.length >= 2),
                  version: acting.g.version,
                },
                '已登记',
              )
            }
          >
            <Form.Item name="visitedOn" label="指导日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
            <Form.Item name="advice" label="整改建议（每行一条）" rules={[{ required: true, min: 2, message: '请填写建议' }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : null}
      </Modal>
    </QueuePage>
  );
}
