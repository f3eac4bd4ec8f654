import type { CasePage, CaseRow } from '@fep/contracts';
import { Card, Empty, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useApi } from '../../query.ts';

/** Colours of a case's status in the party's list (the label itself comes from the API). */
export const CASE_STATUS_COLORS: Record<string, string> = {
  notice_served: 'warning',
  hearing_requested: 'processing',
  hearing_scheduled: 'processing',
  heard: 'processing',
  legal_review: 'processing',
  awaiting_decision: 'processing',
  decided: 'warning',
  served: 'error',
  closed: 'success',
  revoked: 'default',
};

/** The unit's penalty cases in the portal (ENF-04, ENF-06): those it has been told of, newest first. */
export function MyPenaltiesPage() {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const applicant = !loading && me?.kind === 'applicant';
  const cases = useApi<CasePage>(applicant ? '/api/v1/portal/penalties' : null);
  // Not data fetching: a visitor who is not a signed-in applicant is sent to the login page.
  useEffect(() => {
    if (!loading && me?.kind !== 'applicant') navigate('/login');
  }, [me, loading, navigate]);
  return (
    <PortalPage>
      <Typography.Title level={3}>行政处罚</Typography.Title>
      <Card className="list-frame">
        <ResponsiveTable<CaseRow>
          rowKey="id"
          cardHead={2}
          loading={cases.isLoading}
          dataSource={cases.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="本单位没有行政处罚案件" /> }}
          columns={[
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, c) => <Tag color={CASE_STATUS_COLORS[c.status]}>{v}</Tag> },
            { title: '违法行为', dataIndex: 'conduct', render: (v: string, c) => <Link to={`/portal/penalties/${c.id}`}>{v}</Link> },
            { title: '案号', dataIndex: 'number', render: (v: string | null) => v ?? '简易程序' },
            { title: '程序', dataIndex: 'procedureLabel' },
            { title: '更新日期', dataIndex: 'updatedAt', render: (v: string) => v.slice(0, 10) },
          ]}
        />
      </Card>
    </PortalPage>
  );
}
