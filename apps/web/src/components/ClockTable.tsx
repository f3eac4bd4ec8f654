import type { ClockSummaryView as Clock } from '@fep/contracts';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { UNIT_LABELS } from '../labels.ts';

function dueText(c: Clock): string {
  if (c.dueDate) return c.dueDate;
  if (c.dueAt) {
    const d = new Date(new Date(c.dueAt).getTime() + 8 * 3600_000).toISOString();
    return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
  }
  return '—';
}

export function AlertTag({ c }: { c: Clock }) {
  if (c.status === 'paused') return <Tag color="default">已暂停（补正中）</Tag>;
  if (c.alert === 'overdue') return <Tag color="red">已超期</Tag>;
  if (c.alert === 'due_soon') return <Tag color="orange">即将到期</Tag>;
  return <Tag color="green">正常</Tag>;
}

export function ClockTable({ clocks, loading, compact }: { clocks: Clock[]; loading?: boolean; compact?: boolean }) {
  return (
    <Table<Clock>
      rowKey="id"
      loading={loading}
      dataSource={clocks}
      pagination={compact ? false : { pageSize: 20 }}
      size={compact ? 'small' : 'middle'}
      locale={{ emptyText: '暂无时限事项' }}
      columns={[
        { title: '事项', dataIndex: 'title', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
        { title: '时限', render: (_, c) => `${c.amount} ${UNIT_LABELS[c.unit]}` },
        {
          title: '办理期限',
          render: (_, c) => (
            <>
              {dueText(c)}{' '}
              {c.provisional && (
                <Tooltip title="所涉年度的节假日安排尚未公布，期限为暂定，公布后自动重算">
                  <Tag color="gold">暂定</Tag>
                </Tooltip>
              )}
            </>
          ),
        },
        { title: '状态', render: (_, c) => <AlertTag c={c} /> },
        ...(compact
          ? []
          : [
              {
                title: '法定依据',
                render: (_: unknown, c: Clock) => (
                  <Typography.Text type="secondary">
                    {c.legalBasis.document}
                    {c.legalBasis.clause ?? ''}
                  </Typography.Text>
                ),
              },
            ]),
      ]}
    />
  );
}
