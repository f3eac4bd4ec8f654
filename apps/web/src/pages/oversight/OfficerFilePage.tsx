import type { CaseReviewView, InterferenceRecordView, OfficerFileView, TrainingRecordRequest, TrainingRecordView } from '@fep/contracts';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { GRADE_COLORS } from './CaseReviewsPage.tsx';

/**
 * The officer's enforcement file (个人执法档案, OVS-02; seed 001 §13): certificate, case reviews with the
 * average, the interference records they made, and training — appended here, never edited.
 */
export function OfficerFilePage() {
  const { userId } = useParams();
  const { can } = useAuth();
  const [training, setTraining] = useState(false);
  const q = useApi<OfficerFileView>(`/api/v1/oversight/officers/${userId}/file`);
  if (q.error) return <ApiErrorResult error={q.error} what="执法人员" />;
  const f = q.data;
  if (!f) return <Skeleton active />;
  const cert = f.certification;
  return (
    <div>
      <Typography.Title level={4}>
        {f.officer.name} <Typography.Text type="secondary">{f.officer.agency.name}</Typography.Text>
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title="执法资格" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="岗位">{f.officer.roleLabels.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="执法证号">{cert?.certificateNo ?? '未取得执法资格'}</Descriptions.Item>
              {cert && <Descriptions.Item label="有效期至">{cert.certifiedUntil}</Descriptions.Item>}
              {cert && (
                <Descriptions.Item label="状态">
                  <Tag color={cert.valid ? 'success' : 'error'}>{cert.valid ? '有效' : '已失效'}</Tag>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title="评查案卷" value={f.reviews.count} suffix="件" />
              </Col>
              <Col span={8}>
                <Statistic title="平均分" value={f.reviews.average ?? '—'} />
              </Col>
              <Col span={8}>
                <Statistic title="培训学时" value={f.training.totalHours} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="案卷评查" className="list-frame" style={{ marginBottom: 16 }}>
            <ResponsiveTable<CaseReviewView>
              rowKey={(r) => r.id}
              dataSource={f.reviews.items}
              pagination={pageWithTotal({ pageSize: 5 })}
              locale={{ emptyText: '暂无评查' }}
              columns={[
                { title: '案卷', dataIndex: 'caseReference' },
                { title: '得分', dataIndex: 'total', render: (v: number) => `${v} 分` },
                { title: '等次', dataIndex: 'gradeLabel', render: (v: string, r) => <Tag color={GRADE_COLORS[r.grade]}>{v}</Tag> },
                { title: '评查时间', dataIndex: 'reviewedAt', render: (v: string) => beijingDateTime(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title="培训记录"
        className="list-frame"
        style={{ marginBottom: 16 }}
        extra={
          can('oversight:training:record') && (
            <Button size="small" type="primary" onClick={() => setTraining(true)}>
              登记培训
            </Button>
          )
        }
      >
        <ResponsiveTable<TrainingRecordView>
          rowKey={(t) => t.id}
          dataSource={f.training.items}
          pagination={pageWithTotal({ pageSize: 5 })}
          locale={{ emptyText: '暂无培训记录' }}
          columns={[
            { title: '课程', dataIndex: 'course' },
            { title: '学时', dataIndex: 'hours' },
            { title: '完成日期', dataIndex: 'completedOn' },
            { title: '登记人', key: 'by', render: (_, t) => t.recordedBy.name },
          ]}
        />
      </Card>
      <Card title="本人登记的干预插手情况" className="list-frame">
        <ResponsiveTable<InterferenceRecordView>
          rowKey={(i) => i.id}
          dataSource={f.interference}
          pagination={pageWithTotal({ pageSize: 5 })}
          locale={{ emptyText: '无登记' }}
          columns={[
            { title: '干预人', key: 'person', render: (_, i) => `${i.personName}（${i.personPosition}）` },
            { title: '身份', dataIndex: 'roleLabel' },
            { title: '方式', dataIndex: 'channelLabel' },
            { title: '发生时间', dataIndex: 'occurredAt', render: (v: string) => beijingDateTime(v) },
            { title: '涉及案件', dataIndex: 'caseReference' },
          ]}
        />
      </Card>
      <TrainingModal userId={f.officer.id} open={training} onClose={() => setTraining(false)} />
    </div>
  );
}

function TrainingModal({ userId, open, onClose }: { userId: string; open: boolean; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<TrainingRecordRequest, 'completedOn'> & { completedOn: Dayjs }>();
  const write = useApiMutation('/api/v1/oversight/');
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const v = await form.validateFields();
    setError(null);
    try {
      await write.mutateAsync({
        url: `/api/v1/oversight/officers/${userId}/training`,
        body: { course: v.course, hours: v.hours, completedOn: v.completedOn.format('YYYY-MM-DD') },
        headers: { 'idempotency-key': `training-${crypto.randomUUID()}` },
      });
      message.success('已登记');
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登记失败');
    }
  }
  return (
    <Modal open={open} title="登记培训" onCancel={onClose} onOk={() => void submit()} okText="登记" confirmLoading={write.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ hours: 4, completedOn: dayjs() }}>
        <Form.Item name="course" label="课程" rules={[{ required: true, min: 2, message: '请填写课程名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={500} step={0.5} />
        </Form.Item>
        <Form.Item name="completedOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Alert type="info" showIcon message="培训记录登记后不能修改；登记有误的，请另行登记更正。" />
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
