import type { ComplaintFiguresView, ComplaintMapView } from '@fep/contracts';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, chinaDateOf } from '@fep/domain';
import { Card, Col, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../query.ts';

const COLORS: Record<string, string> = { escape_route_blocked: '#cf1322', fire_system_disabled: '#d46b08', fire_lane_blocked: '#1677ff', other: '#595959' };
const CLOSED = new Set(['closed', 'duplicate']);

/**
 * 举报分布与统计 (CMP-03): the reports of the jurisdiction as points (WGS84, drawn without map tiles so the page
 * works offline and on a phone) coloured by category, hollow once closed; and the figures — received, verified
 * in time, founded, fixed, rewarded — per channel and agency for the last 90 days.
 */
export function ComplaintsMapPage() {
  const to = chinaDateOf(new Date());
  const from = chinaDateOf(new Date(Date.now() - 90 * 86_400_000));
  const map = useApi<ComplaintMapView>('/api/v1/complaints/map?minLat=3&maxLat=54&minLng=73&maxLng=136');
  const figures = useApi<ComplaintFiguresView>(`/api/v1/complaints/figures?from=${from}&to=${to}`);
  const points = map.data?.points ?? [];
  const lat = points.map((p) => p.lat);
  const lng = points.map((p) => p.lng);
  const box = points.length
    ? { minLat: Math.min(...lat), maxLat: Math.max(...lat), minLng: Math.min(...lng), maxLng: Math.max(...lng) }
    : { minLat: 0, maxLat: 1, minLng: 0, maxLng: 1 };
  const w = Math.max(box.maxLng - box.minLng, 0.01);
  const h = Math.max(box.maxLat - box.minLat, 0.01);
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
              <svg
                viewBox="0 0 100 100"
                role="img"
                aria-label="举报点位分布图"
                style={{ width: '100%', maxWidth: 480, background: '#fafafa', border: '1px solid #f0f0f0' }}
              >
                {points.map((p) => (
                  <a key={p.id} href={`/admin/complaints/${p.id}`}>
                    <circle
                      cx={2 + ((p.lng - box.minLng) / w) * 96}
                      cy={98 - ((p.lat - box.minLat) / h) * 96}
                      r={1.2}
                      fill={CLOSED.has(p.status) ? 'none' : (COLORS[p.category] ?? '#595959')}
                      stroke={COLORS[p.category] ?? '#595959'}
                      strokeWidth={0.4}
                    >
                      <title>{`${COMPLAINT_CATEGORY_LABELS[p.category as keyof typeof COMPLAINT_CATEGORY_LABELS] ?? ''} · ${COMPLAINT_STATUS_LABELS[p.status]}`}</title>
                    </circle>
                  </a>
                ))}
              </svg>
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
