import type { ComplaintFiguresView, ComplaintMapView } from '@fep/contracts';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, chinaDateOf } from '@fep/domain';
import { Card, Col, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { MapView } from '../../components/MapView.tsx';
import { useApi } from '../../query.ts';

const COLORS: Record<string, string> = { escape_route_blocked: '#cf1322', fire_system_disabled: '#d46b08', fire_lane_blocked: '#1677ff', other: '#595959' };
const CLOSED = new Set(['closed', 'duplicate']);

/**
 * 举报分布与统计 (CMP-03): the reports of the jurisdiction as points on the configured basemap (a coordinate grid
 * without one, so the page works offline) coloured by category, hollow once closed, each opening its file; and
 * the figures — received, verified in time, founded, fixed, rewarded — per channel and agency for the last 90 days.
 */
export function ComplaintsMapPage() {
  const navigate = useNavigate();
  const to = chinaDateOf(new Date());
  const from = chinaDateOf(new Date(Date.now() - 90 * 86_400_000));
  const map = useApi<ComplaintMapView>('/api/v1/complaints/map?minLat=3&maxLat=54&minLng=73&maxLng=136');
  const figures = useApi<ComplaintFiguresView>(`/api/v1/complaints/figures?from=${from}&to=${to}`);
  const points = map.data?.points ?? [];
  const dots = useMemo(
    () =>
      (map.data?.points ?? []).map((p) => ({
        id: p.id,
        lat: p.lat,
        lng: p.lng,
        color: COLORS[p.category] ?? '#595959',
        hollow: CLOSED.has(p.status),
        title: `${COMPLAINT_CATEGORY_LABELS[p.category as keyof typeof COMPLAINT_CATEGORY_LABELS] ?? ''} · ${COMPLAINT_STATUS_LABELS[p.status]}`,
      })),
    [map.data],
  );
  const columns = [
    { title: '', dataIndex: 'label' },
    { title: '受理', dataIndex: 'received' },
    { title: '已核查', dataIndex: 'verified' },
    { title: '按时核查', dataIndex: 'verifiedInTime' },
    { title: '属实', dataIndex: 'founded' },
    { title: '已整改', dataIndex: 'fixed' },
    { title: '奖励', dataIndex: 'rewarded' },
  ];
  return (
    <div>
      <Typography.Title level={4}>举报分布与统计</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={`举报点位（${points.length} 处${map.data?.truncated ? '，仅显示前 5000 处' : ''}）`} style={{ marginBottom: 16 }}>
            {map.isLoading ? (
              <Skeleton active />
            ) : (
              <MapView aria-label="举报点位分布图" height={420} onOpen={(id) => navigate(`/admin/complaints/${id}`)} points={dots} />
            )}
            <Space wrap style={{ marginTop: 8 }}>
              {Object.entries(COLORS).map(([k, c]) => (
                <Tag key={k} color={c}>
                  {COMPLAINT_CATEGORY_LABELS[k as keyof typeof COMPLAINT_CATEGORY_LABELS]}
                </Tag>
              ))}
              <Typography.Text type="secondary">实心：办理中；空心：已办结</Typography.Text>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`统计（${from} 至 ${to}）`} style={{ marginBottom: 16 }}>
            {figures.data ? (
              <>
                <Typography.Paragraph strong>按来源</Typography.Paragraph>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  columns={columns}
                  dataSource={[...figures.data.byChannel, figures.data.total]}
                  scroll={{ x: true }}
                />
                <Typography.Paragraph strong style={{ marginTop: 16 }}>
                  按机构
                </Typography.Paragraph>
                <Table size="small" pagination={false} rowKey="key" columns={columns} dataSource={figures.data.byAgency} scroll={{ x: true }} />
              </>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
