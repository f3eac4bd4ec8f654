import type { RefusalRow } from '@fep/contracts';
import { REFUSAL_REASON_LABELS } from '@fep/domain';
import { Tag, Typography } from 'antd';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { beijingDateTime } from '../../licensing.ts';

const REASON_COLORS: Record<RefusalRow['reason'], string> = { permission: 'orange', out_of_scope: 'red', not_assigned: 'gold', not_own: 'volcano' };

/** When a row's refusals happened: one instant, or the first and the last of its window. */
function period(r: RefusalRow): string {
  const first = beijingDateTime(r.firstAt);
  const last = beijingDateTime(r.lastAt);
  return first === last ? first : `${first} 至 ${last.slice(-5)}`;
}

/**
 * 安全事件 (等保 8.1.4.3): the refused attempts of accounts of the auditor's jurisdiction — who tried what,
 * why it was refused, how many times in the window, from which address — newest first.
 */
export function SecurityEventsPage() {
  const columns: ListColumn<RefusalRow>[] = [
    { title: '时间', key: 'period', render: (_, r) => period(r) },
    {
      title: '账号',
      key: 'actor',
      hideOnCard: true,
      render: (_, r) => (
        <>
          {r.actorName}
          {r.actorUsername && <Typography.Text type="secondary">（{r.actorUsername}）</Typography.Text>}
        </>
      ),
    },
    { title: '角色', dataIndex: 'actorRoleLabel', render: (v: string | null) => v ?? '—' },
    { title: '机构', dataIndex: 'agencyName', render: (v: string | null) => v ?? '—' },
    { title: '尝试的操作', dataIndex: 'operation' },
    { title: '涉及记录', dataIndex: 'targetLabel', render: (v: string | null) => v ?? '—' },
    { title: '拒绝原因', dataIndex: 'reasonLabel', render: (v: string, r) => <Tag color={REASON_COLORS[r.reason]}>{v}</Tag> },
    { title: '次数', dataIndex: 'count' },
    { title: '来源地址', dataIndex: 'sourceIp', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <ListPage<RefusalRow>
      listKey="security-events"
      title="安全事件（越权访问记录）"
      endpoint="/api/v1/audit/refusals"
      searchPlaceholder="账号或姓名"
      filters={[{ param: 'reason', label: '拒绝原因', options: Object.entries(REFUSAL_REASON_LABELS).map(([value, label]) => ({ value, label })) }]}
      columns={columns}
      rowKey={(r) => r.id}
      cardTitle={(r) => `${r.actorName}${r.actorUsername ? `（${r.actorUsername}）` : ''}`}
      emptyText="暂无被拒绝的访问"
    />
  );
}
