import type { CaseRow, ReferralList } from '@fep/contracts';
import type { Permission } from '@fep/domain';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../auth.tsx';
import { type ListColumn, ListPage } from '../../../components/ListPage.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../../licensing.ts';
import { useApi } from '../../../query.ts';
import { CASE_STATUS_COLORS } from './caseLabels.ts';

/** The queues of the penalty workbench: each role finds its own work in its first tab. */
const QUEUES: { label: string; value: string }[] = [
  { label: '待立案审批', value: 'referred' },
  { label: '调查取证', value: 'investigating' },
  { label: '告知与听证', value: 'notice_served,hearing_requested,hearing_scheduled,heard' },
  { label: '法制审核', value: 'legal_review' },
  { label: '待审批决定', value: 'awaiting_decision' },
  { label: '执行中', value: 'decided,served' },
  { label: '已结案', value: 'closed,revoked,not_filed,transferred' },
  { label: '全部', value: '' },
];

const COLUMNS: ListColumn<CaseRow>[] = [
  {
    title: '案号',
    dataIndex: 'number',
    hideOnCard: true,
    render: (v: string | null, c) => <Link to={`/admin/cases/${c.id}`}>{v ?? '（待立案）'}</Link>,
  },
  { title: '当事人', dataIndex: 'partyName' },
  { title: '违法行为', dataIndex: 'conduct' },
  { title: '程序', dataIndex: 'procedureLabel' },
  {
    title: '状态',
    dataIndex: 'status',
    render: (s: string, c) => (
      <Space size={4} wrap>
        <Tag color={CASE_STATUS_COLORS[s]}>{c.statusLabel}</Tag>
        {c.deviation && <Tag color="orange">偏离裁量建议</Tag>}
      </Space>
    ),
  },
  { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => beijingDateTime(v) },
];

/** The first queue of a role: what waits for it. */
function defaultQueue(can: (p: Permission) => boolean): string {
  if (can('enforcement:case:review')) return 'legal_review';
  if (can('enforcement:case:decide')) return 'referred';
  return 'investigating';
}

/**
 * 行政处罚案件 (ENF-01 … ENF-07): the cases of the jurisdiction as work queues, and the referrals from
 * supervision and licensing that wait for a case.
 */
export function CasesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const handles = can('enforcement:case:handle');
  const referrals = useApi<ReferralList>(handles ? '/api/v1/enforcement/referrals' : null).data?.items.filter((r) => r.status === 'open') ?? [];
  return (
    <div>
      {referrals.length > 0 && (
        <Card title="待立案的移送" size="small" style={{ marginBottom: 16 }}>
          <ResponsiveTable
            cardHead={1}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={referrals}
            columns={[
              { title: '单位', dataIndex: 'subjectName' },
              { title: '来源', dataIndex: 'sourceLabel' },
              { title: '移送理由', dataIndex: 'reason' },
              { title: '移送时间', dataIndex: 'createdAt', render: (v: string) => beijingDateTime(v) },
              {
                title: '操作',
                key: 'actions',
                render: (_: unknown, r) => (
                  <Button size="small" type="primary" onClick={() => navigate(`/admin/cases/new?referral=${r.id}`)}>
                    提出立案申请
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      <ListPage<CaseRow>
        listKey="cases"
        title="行政处罚案件"
        endpoint="/api/v1/enforcement/cases"
        searchPlaceholder="案号、决定书文号、当事人或信用代码"
        defaults={{ status: defaultQueue(can) }}
        filters={[{ param: 'status', label: '队列', options: QUEUES, kind: 'segmented' }]}
        columns={COLUMNS}
        rowKey={(c) => c.id}
        cardTitle={(c) => <Link to={`/admin/cases/${c.id}`}>{c.number ?? c.partyName}</Link>}
        emptyText="该队列暂无案件"
        extra={
          handles && (
            <Button type="primary" onClick={() => navigate('/admin/cases/new')}>
              新建案件
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        案件按《中华人民共和国行政处罚法》规定的程序办理：立案、调查取证、告知、听证、法制审核、决定、送达、执行，每一步均记入执法记录。
      </Typography.Paragraph>
    </div>
  );
}
