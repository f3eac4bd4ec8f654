import { PlusOutlined } from '@ant-design/icons';
import type { ApplicationListView } from '@fep/contracts';
import { Button, Card, Empty, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { type ApplicationSummary, LICENCE_COLORS, type LicenceView, PATH_LABELS, STATUS_COLORS } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** The business's own applications and permits, with their status (LIC-01 status tracking). */
export function MyApplicationsPage() {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const applicant = !loading && me?.kind === 'applicant';
  const apps: ApplicationSummary[] | null = useApi<ApplicationListView>(applicant ? '/api/v1/licensing/applications' : null).data?.items ?? null;
  const licences = useApi<LicenceView[]>(applicant ? '/api/v1/licences' : null).data ?? null;
  // Not data fetching: a visitor who is not a signed-in applicant is sent to the login page.
  useEffect(() => {
    if (!loading && me?.kind !== 'applicant') navigate('/login');
  }, [me, loading, navigate]);
  return (
    <PortalPage>
      <Typography.Title level={3}>我的办件</Typography.Title>
      <Card
        title="营业前消防安全检查申请"
        extra={
          <Link to="/portal/applications/new">
            <Button type="primary" icon={<PlusOutlined />}>
              新建申请
            </Button>
          </Link>
        }
        style={{ marginBottom: 16 }}
      >
        <Table<ApplicationSummary>
          rowKey="id"
          loading={apps === null}
          dataSource={apps ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="还没有申请。可先做免检查询，再在线申请" /> }}
          columns={[
            { title: '申请编号', dataIndex: 'referenceNo', render: (v: string, a) => <Link to={`/portal/applications/${a.id}`}>{v}</Link> },
            { title: '场所', dataIndex: 'venueName' },
            { title: '方式', dataIndex: 'path', render: (p: 'commitment' | 'inspection') => PATH_LABELS[p] },
            { title: '状态', dataIndex: 'status', render: (s: string, a) => <Tag color={STATUS_COLORS[s]}>{a.statusLabel}</Tag> },
            { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => v.slice(0, 10) },
          ]}
        />
      </Card>
      <Card title="我的许可证">
        <Table<LicenceView>
          rowKey="id"
          loading={licences === null}
          dataSource={licences ?? []}
          pagination={false}
          locale={{ emptyText: '暂无许可证' }}
          columns={[
            {
              title: '许可证号',
              dataIndex: 'number',
              render: (v: string, l) => (l.applicationId ? <Link to={`/portal/applications/${l.applicationId}`}>{v}</Link> : v),
            },
            { title: '版次', dataIndex: 'revision' },
            { title: '场所', dataIndex: 'venue' },
            { title: '发证日期', dataIndex: 'issuedAt' },
            { title: '状态', dataIndex: 'status', render: (s: string, l) => <Tag color={LICENCE_COLORS[s]}>{l.statusLabel}</Tag> },
            { title: '核验', dataIndex: 'verifyCode', render: (c: string) => <Link to={`/verify/${c}`}>{c}</Link> },
          ]}
        />
      </Card>
    </PortalPage>
  );
}
