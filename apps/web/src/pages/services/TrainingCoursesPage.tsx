import type { CourseList, CourseRequest, CourseView } from '@fep/contracts';
import { TRAINING_KIND_LABELS } from '@fep/domain';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** 在线培训 (SVC-04): the published courses and publishing a new one (a video or a document by its https link). */
export function TrainingCoursesPage() {
  const [open, setOpen] = useState(false);
  const list = useApi<CourseList>('/api/v1/training/courses');
  const close = useCallback(() => setOpen(false), []);
  const post = usePost(close);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          在线培训课程
        </Typography.Title>
        <Button type="primary" onClick={() => setOpen(true)}>
          发布课程
        </Button>
      </Space>
      <Card className="list-frame">
        <ResponsiveTable<CourseView>
          rowKey="id"
          cardHead={1}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '尚未发布课程' }}
          columns={[
            { title: '课程', dataIndex: 'title' },
            { title: '类型', dataIndex: 'kindLabel' },
            { title: '学时', key: 'minutes', render: (_: unknown, c) => `${c.durationMinutes} 分钟` },
            { title: '适用对象', dataIndex: 'audience' },
            { title: '发布单位', dataIndex: 'agencyName' },
            { title: '发布时间', key: 'at', render: (_: unknown, c) => beijingDateTime(c.createdAt) },
          ]}
        />
      </Card>
      <Modal open={open} title="发布在线培训课程" footer={null} onCancel={close} destroyOnHidden>
        <Form<CourseRequest>
          layout="vertical"
          initialValues={{ kind: 'video', durationMinutes: 45 }}
          onFinish={(v) => void post('/api/v1/training/courses', v, '已发布')}
        >
          <Form.Item name="title" label="课程名称" rules={[{ required: true, min: 2, message: '请填写课程名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="课程类型" rules={[{ required: true }]}>
            <Select options={Object.entries(TRAINING_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item
            name="resource"
            label="课程地址"
            extra="以 https:// 开头的视频或文档网址"
            rules={[{ required: true, pattern: /^https:\/\/\S+$/, message: '请填写以 https:// 开头的网址' }]}
          >
            <Input maxLength={500} inputMode="url" />
          </Form.Item>
          <Form.Item name="durationMinutes" label="学时（分钟）" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={1} max={600} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="audience" label="适用对象" rules={[{ required: true, min: 2, message: '请填写适用对象' }]}>
            <Input maxLength={100} placeholder="如：单位消防安全管理人、全体员工" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            发布
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}
