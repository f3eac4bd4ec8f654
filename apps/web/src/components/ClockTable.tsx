import type { ClockSummaryView, ClockView } from '@fep/contracts';
import { Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { UNIT_LABELS } from '../labels.ts';
import { filePathOf } from '../routes.ts';
import { DueTag } from './DueTag.tsx';
import { pageWithTotal } from './pagination.ts';
import { ResponsiveTable } from './ResponsiveTable.tsx';

/** A clock of a case card, or of the clocks API (which adds its file and 剩余工作日). */
type Clock = ClockSummaryView & Partial<Pick<ClockView, 'targetType' | 'targetId' | 'workingDaysLeft'>>;

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

/** The clock's title, as a link to its file where it has a page. */
function ClockTitle({ c }: { c: Clock }) {
  const to = c.targetType && c.targetId ? filePathOf(c.targetType, c.targetId) : null;
  return to ? (
    <Link to={to}>
      <Typography.Text strong style={{ color: 'inherit' }}>
        {c.title}
      </Typography.Text>
    </Link>
  ) : (
    <Typography.Text strong>{c.title}</Typography.Text>
  );
}

function ClockState({ c }: { c: Clock }) {
  return c.workingDaysLeft !== undefined && c.unit !== 'hours' ? <DueTag due={{ ...c, workingDaysLeft: c.workingDaysLeft }} /> : <AlertTag c={c} />;
}

export function ClockTable({ clocks, loading, compact }: { clocks: Clock[]; loading?: boolean; compact?: boolean }) {
  // On a phone ResponsiveTable shows each clock as a card; a clock opens its file (application, task, order).
  return (
    <ResponsiveTable<Clock>
      rowKey="id"
      loading={loading}
      dataSource={clocks}
      pagination={compact ? false : pageWithTotal({ pageSize: 20, cap: 100 })}
      size={compact ? 'small' : 'middle'}
      locale={{ emptyText: '暂无时限事项' }}
      columns={[
        { title: '事项', dataIndex: 'title', render: (_: string, c) => <ClockTitle c={c} /> },
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
        { title: '状态', render: (_, c) => <ClockState c={c} /> },
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
