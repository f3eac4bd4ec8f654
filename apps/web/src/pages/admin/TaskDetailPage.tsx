import type { TaskDetailView } from '@fep/contracts';
import { INSPECTION_RESULT_LABELS } from '@fep/domain';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { ClockCard } from '../../components/ClockCard.tsx';
import { RecordTimeline } from '../../components/RecordTimeline.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** One inspection task in the back office: its facts, its clock and its 流转记录. */
export function TaskDetailPage() {
  const { id } = useParams();
  const q = useApi<TaskDetailView>(`/api/v1/inspection-tasks/${id}`);
  if (q.error) return <ApiErrorResult error={q.error} what="检查任务" />;
  const t = q.data;
  if (!t) return <Skeleton active />;
  const field = ['random', 'complaint', 'superior_order', 'dishonest'].includes(t.purpose) && t.status === 'assigned';
  return (
    <div>
      <Typography.Title level={4}>
        {t.subject} <Tag color="blue">{t.purposeLabel}</Tag> <Tag color={t.status === 'done' ? 'success' : 'processing'}>{t.statusLabel}</Tag>
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="任务信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="统一社会信用代码">{t.usci}</Descriptions.Item>
              <Descriptions.Item label="地址">{t.venueAddress}</Descriptions.Item>
              <Descriptions.Item label="检查人员">{t.inspectors.map((i) => i.name).join('、') || '待指派'}</Descriptions.Item>
              <Descriptions.Item label="预约时间">
                {t.appointmentAt ? `${beijingDateTime(t.appointmentAt)}${t.offHours ? '（错时）' : ''}` : '—'}
              </Descriptions.Item>
              {t.reason && <Descriptions.Item label="任务来源">{t.reason}</Descriptions.Item>}
              {t.result && <Descriptions.Item label="检查结论">{INSPECTION_RESULT_LABELS[t.result] ?? '已记录'}</Descriptions.Item>}
              {t.findings && <Descriptions.Item label="检查情况">{t.findings}</Descriptions.Item>}
              {t.completedAt && <Descriptions.Item label="完成时间">{beijingDateTime(t.completedAt)}</Descriptions.Item>}
            </Descriptions>
            <Space style={{ marginTop: 12 }} wrap>
              {t.applicationId && <Link to={`/admin/applications/${t.applicationId}`}>查看许可办件</Link>}
              {t.orderId && <Link to={`/admin/orders/${t.orderId}`}>查看整改通知</Link>}
              {field && (
                <Link to={`/field/tasks/${t.id}`}>
                  <Button type="primary">现场检查</Button>
                </Link>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {t.clock && (
            <Card style={{ marginBottom: 16 }}>
              <ClockCard clock={t.clock} narrow />
            </Card>
          )}
          <RecordTimeline target={`inspection_task:${t.id}`} />
        </Col>
      </Row>
    </div>
  );
}
