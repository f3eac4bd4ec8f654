import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Clock } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ClockTable } from '../components/ClockTable.tsx';
import { useApi } from '../query.ts';

export function AdminHome() {
  const { me, can } = useAuth();
  const clocks = useApi<Clock[]>(can('clock:clock:read') ? '/api/v1/clocks?mine=true' : null).data ?? null;
  const overdue = clocks?.filter((c) => c.alert === 'overdue').length ?? 0;
  const dueSoon = clocks?.filter((c) => c.alert === 'due_soon').length ?? 0;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {me?.displayName}，您好
      </Typography.Title>
      {clocks && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic title="在办时限事项" value={clocks.length} />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <Statistic title="即将到期" value={dueSoon} styles={{ content: { color: '#ad4e00' } }} />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <Statistic title="已超期" value={overdue} styles={{ content: { color: '#cf1322' } }} />
            </Card>
          </Col>
        </Row>
      )}
      {clocks && (
        <Card title="需要关注的时限" extra={<Link to="/admin/clocks">全部时限</Link>}>
          <ClockTable clocks={clocks.filter((c) => c.alert !== 'ok')} compact />
        </Card>
      )}
    </>
  );
}
