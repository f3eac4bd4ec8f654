import type { AppointmentRequestList, AppointmentRequestView } from '@fep/contracts';
import { Button, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { QueuePage } from '../../components/QueuePage.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';

type Acting = { r: AppointmentRequestView; kind: 'confirm' | 'counter' | 'decline' } | null;

const isoOf = (local: string) => new Date(local).toISOString();

/**
 * 单位预约 (SVC-03): the agency's queue of drills, training and off-hours services the units asked for — confirm one
 * of the unit's times or propose another (drills, training), accept or decline with a reason (off hours) — with the
 * reply deadline of each.
 */
export function AppointmentRequestQueuePage() {
  const [acting, setActing] = useState<Acting>(null);
  const close = useCallback(() => setActing(null), []);
  const post = usePost(close);
  return (
    <QueuePage<AppointmentRequestList>
      title="单位预约"
      endpoint="/api/v1/appointments/requests"
      pendingLabel="待答复"
      emptyText="没有待答复的预约"
      cardHead={1}
      columns={[
        { title: '类型', dataIndex: 'kindLabel' },
        { title: '单位', dataIndex: 'unitName' },
        { title: '内容', key: 'topic', render: (_: unknown, r) => `${r.topic}（${r.place}，${r.people} 人）` },
        { title: '单位提出的时间', key: 'times', render: (_: unknown, r) => r.proposedTimes.map((x) => beijingDateTime(x)).join('；') },
        { title: '联系', key: 'who', render: (_: unknown, r) => `${r.requesterName} ${r.contact}` },
        {
          title: '答复期限',
          key: 'due',
          render: (_: unknown, r) =>
            r.replyDue ? <Tag color={r.replyAlert === 'overdue' ? 'red' : r.replyAlert === 'due_soon' ? 'orange' : 'default'}>{r.replyDue}</Tag> : '—',
        },
        {
          title: '状态',
          key: 'status',
          render: (_: unknown, r) => (
            <Space direction="vertical" size={0}>
              <span>{r.statusLabel}</span>
              {r.startsAt && <span>{beijingDateTime(r.startsAt)}</span>}
              {r.status === 'counter_proposed' && r.counterAt && <span>另提：{beijingDateTime(r.counterAt)}</span>}
              {r.answer && <Typography.Text type="secondary">{r.answer}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, r) =>
            r.status === 'proposed' ? (
              <Space wrap>
                <Button type="primary" onClick={() => setActing({ r, kind: 'confirm' })}>
                  {r.kind === 'off_hours' ? '同意' : '确认时间'}
                </Button>
                {r.kind !== 'off_hours' && <Button onClick={() => setActing({ r, kind: 'counter' })}>另提时间</Button>}
                <Button danger onClick={() => setActing({ r, kind: 'decline' })}>
                  不予安排
                </Button>
              </Space>
            ) : null,
        },
      ]}
    >
      <Modal
        open={!!acting}
        title={acting?.kind === 'confirm' ? '确认时间' : acting?.kind === 'counter' ? '另提时间' : '不予安排'}
        footer={null}
        onCancel={close}
        destroyOnHidden
      >
        {acting?.kind === 'confirm' ? (
          <Form
            layout="vertical"
            initialValues={{ startsAt: acting.r.proposedTimes[0] }}
            onFinish={(v: { startsAt: string }) =>
              void post(`/api/v1/appointments/requests/${acting.r.id}/confirm`, { startsAt: v.startsAt, version: acting.r.version }, '已确认')
            }
          >
            <Form.Item name="startsAt" label="单位提出的时间" rules={[{ required: true, message: '请选择时间' }]}>
              <Radio.Group>
                <Space direction="vertical">
                  {acting.r.proposedTimes.map((x) => (
                    <Radio key={x} value={x}>
                      {beijingDateTime(x)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : acting?.kind === 'counter' ? (
          <Form
            layout="vertical"
            onFinish={(v: { startsAt: string; reason: string }) =>
              void post(
                `/api/v1/appointments/requests/${acting.r.id}/counter`,
                { startsAt: isoOf(v.startsAt), reason: v.reason, version: acting.r.version },
                '已另提时间，待单位确认',
              )
            }
          >
            <Form.Item name="startsAt" label="建议的时间" rules={[{ required: true, message: '请选择时间' }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="reason" label="说明（单位可见）" rules={[{ required: true, min: 2, message: '请说明理由' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              确定
            </Button>
          </Form>
        ) : acting ? (
          <Form
            layout="vertical"
            onFinish={(v: { reason: string }) =>
              void post(`/api/v1/appointments/requests/${acting.r.id}/decline`, { reason: v.reason, version: acting.r.version }, '已答复')
            }
          >
            <Form.Item name="reason" label="理由（单位可见）" rules={[{ required: true, min: 2, message: '请说明理由' }]}>
              <Input.TextArea rows={3} maxLength={500} />
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
