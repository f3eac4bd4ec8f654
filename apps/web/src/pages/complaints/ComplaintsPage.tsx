import type { ComplaintPage } from '@fep/contracts';
import { COMPLAINT_CHANNEL_LABELS, COMPLAINT_STATUS_LABELS } from '@fep/domain';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { beijingDateTime } from '../../licensing.ts';

type Row = ComplaintPage['items'][number];
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const CLOCK_COLORS: Record<Row['clock']['state'], string> = { running: 'processing', met: 'success', late: 'warning', overdue: 'error' };

/** The verification deadline as the queue shows it: the instant for hour limits, the last working day otherwise. */
export function dueText(clock: Row['clock']): string {
  return clock.dueDate ? `${clock.dueDate} 前` : `${beijingDateTime(clock.dueAt)} 前`;
}

/**
 * 举报投诉 (CMP-03): the back-office queue of hazard reports of the agency and below, soonest verification
 * deadline first, each with its statutory clock (24 hours or 3 working days). No reporter identity here.
 */
export function ComplaintsPage() {
  const columns: ListColumn<Row>[] = [
    { title: '状态', dataIndex: 'statusLabel', render: (v: string) => <Tag>{v}</Tag> },
    { title: '类别', dataIndex: 'categoryName' },
    {
      title: '核查时限',
      key: 'clock',
      render: (_, r) => (
        <span data-testid="clock">
          <Tag color={CLOCK_COLORS[r.clock.state]}>{r.clock.stateLabel}</Tag>
          {r.clock.label} · {dueText(r.clock)}
        </span>
      ),
    },
    {
      title: '内容',
      dataIndex: 'description',
      render: (v: string, r) => (
        <Link to={`/admin/complaints/${r.id}`}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {v}
          </Typography.Paragraph>
        </Link>
      ),
    },
    { title: '地址', dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    { title: '来源', dataIndex: 'channelLabel' },
    { title: '受理机构', dataIndex: 'agencyName' },
    { title: '受理时间', dataIndex: 'receivedAt', render: (v: string) => beijingDateTime(v) },
  ];
  return (
    <ListPage<Row>
      listKey="complaints"
      title="举报投诉"
      endpoint="/api/v1/complaints"
      searchPlaceholder="举报内容或地址"
      defaults={{ status: 'received' }}
      filters={[
        { param: 'status', label: '状态', kind: 'segmented', options: [...options(COMPLAINT_STATUS_LABELS), { value: '', label: '全部' }] },
        { param: 'channel', label: '来源', kind: 'select', options: options(COMPLAINT_CHANNEL_LABELS) },
      ]}
      columns={columns}
      rowKey={(r) => r.id}
      cardTitle={(r) => (
        <Link to={`/admin/complaints/${r.id}`}>
          {r.categoryName} · {r.clock.label}
        </Link>
      )}
      emptyText="暂无举报"
      extra={<Link to="/admin/complaints/map">分布与统计</Link>}
    />
  );
}
