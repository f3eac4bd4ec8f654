import type { OrderView } from '@fep/contracts';
import { ORDER_EXTENSION_STATUS_LABELS } from '@fep/domain';
import { Button, Card, Col, Descriptions, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { ClockCard } from '../../components/ClockCard.tsx';
import { RecordTimeline } from '../../components/RecordTimeline.tsx';
import { beijingDateTime, downloadWithAuth } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const STATUS_COLORS: Record<OrderView['status'], string> = { open: 'processing', reported: 'cyan', closed: 'success', escalated: 'error' };

/** One rectification order (责令改正通知书) in the back office: hazards, deadline clock, extensions and 流转记录. */
export function OrderDetailPage() {
  const { id } = useParams();
  const q = useApi<OrderView>(`/api/v1/rectification-orders/${id}`);
  if (q.error) return <ApiErrorResult error={q.error} what="整改通知" />;
  const o = q.data;
  if (!o) return <Skeleton active />;
  return (
    <div>
      <Typography.Title level={4}>
        {o.subject} <Tag color={STATUS_COLORS[o.status]}>{o.statusLabel}</Tag> {o.listed && <Tag color="red">挂牌督办</Tag>}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            title={`责令改正通知书 ${o.number ?? ''}`}
            style={{ marginBottom: 16 }}
            extra={
              o.number && (
                <Button size="small" onClick={() => void downloadWithAuth(`/api/v1/rectification-orders/${o.id}/pdf`, `${o.number}.pdf`)}>
                  下载文书
                </Button>
              )
            }
          >
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="统一社会信用代码">{o.usci}</Descriptions.Item>
              <Descriptions.Item label="整改期限">{o.deadline}</Descriptions.Item>
              <Descriptions.Item label="签发时间">{beijingDateTime(o.createdAt)}</Descriptions.Item>
              {o.guidance && <Descriptions.Item label="整改指导">{o.guidance}</Descriptions.Item>}
            </Descriptions>
            <List
              style={{ marginTop: 12 }}
              size="small"
              header={<Typography.Text strong>隐患</Typography.Text>}
              dataSource={o.items}
              renderItem={(i) => (
                <List.Item>
                  {i.description} {i.major && <Tag color="red">重大火灾隐患</Tag>}
                </List.Item>
              )}
            />
            {o.extensions.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>延期申请</Typography.Text>}
                dataSource={o.extensions}
                renderItem={(e) => (
                  <List.Item>
                    {beijingDateTime(e.requestedAt)} 申请延长 {e.days} 个工作日：{e.reason} <Tag>{ORDER_EXTENSION_STATUS_LABELS[e.status] ?? '已处理'}</Tag>
                  </List.Item>
                )}
              />
            )}
            {o.reinspectionTaskId && (
              <Space style={{ marginTop: 12 }}>
                <Link to={`/admin/tasks/${o.reinspectionTaskId}`}>查看复查任务</Link>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {o.clock && (
            <Card style={{ marginBottom: 16 }}>
              <ClockCard clock={o.clock} narrow />
            </Card>
          )}
          <RecordTimeline target={`rectification_order:${o.id}`} />
        </Col>
      </Row>
    </div>
  );
}
