import { Card, Segmented, Space, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type Key, type ReactNode, useState } from 'react';
import { useApi } from '../query.ts';
import { ResponsiveTable } from './ResponsiveTable.tsx';

/** `L` is the queue's list answer from @fep/contracts; its rows are `L['items']`. */
export interface QueuePageProps<L extends { items: { id: string }[] }> {
  title: string;
  /** The queue's list address; the first tab adds `pendingQuery` to it, 全部 asks for every record. */
  endpoint: string;
  /** The first tab's filter (default `open=true`) and its label (default 办理中). */
  pendingQuery?: string;
  pendingLabel?: string;
  emptyText: string;
  /** Leading columns that make a row's card head on a phone. */
  cardHead?: number;
  columns: (ColumnType<L['items'][number]> & { key?: Key })[];
  /** Above the tabs (e.g. a card the clerk shows to visitors). */
  header?: ReactNode;
  /** The dialogs of the page's actions. */
  children?: ReactNode;
}

/**
 * A back-office queue (the requests an agency answers: disclosure, guidance, appointments, registrations,
 * evaluations, credit repair): its title, the 办理中 / 全部 tabs, the rows as a table or, on a phone, as cards, and
 * the page's action dialogs. The page keeps its own dialog state; its actions refetch the list (usePost).
 */
export function QueuePage<L extends { items: { id: string }[] }>({
  title,
  endpoint,
  pendingQuery = 'open=true',
  pendingLabel = '办理中',
  emptyText,
  cardHead = 2,
  columns,
  header,
  children,
}: QueuePageProps<L>) {
  const [pending, setPending] = useState(true);
  const list = useApi<L>(pending ? `${endpoint}?${pendingQuery}` : endpoint);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{title}</Typography.Title>
      {header}
      <Segmented
        value={pending ? 'pending' : 'all'}
        onChange={(v) => setPending(v === 'pending')}
        options={[
          { label: pendingLabel, value: 'pending' },
          { label: '全部', value: 'all' },
        ]}
      />
      <Card className="list-frame">
        <ResponsiveTable<L['items'][number]>
          rowKey="id"
          cardHead={cardHead}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText }}
          columns={columns}
        />
      </Card>
      {children}
    </Space>
  );
}
