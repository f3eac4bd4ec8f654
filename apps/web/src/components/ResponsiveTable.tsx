import { Card, Empty, Grid, List, Skeleton, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { Key, ReactNode } from 'react';

export interface ResponsiveTableProps<T> extends TableProps<T> {
  columns: (ColumnType<T> & { key?: Key })[];
  /** How many leading columns make the card's head on a phone (e.g. the type tag and the subject). */
  cardHead?: number;
}

function cell<T>(col: ColumnType<T>, row: T, index: number): ReactNode {
  const di = col.dataIndex;
  const value = typeof di === 'string' || typeof di === 'number' ? (row as Record<string, unknown>)[di] : undefined;
  return col.render ? (col.render(value, row, index) as ReactNode) : (value as ReactNode);
}

/**
 * A back-office list that works on a phone (SUP-09: lists the inspector uses in the field). On a wide
 * screen it is an antd Table with the given columns; below the `md` breakpoint (768 px) each row becomes
 * a card: the first `cardHead` columns as its head, every other column as a 标签：值 line, and the column
 * with `key: 'actions'` as a row of thumb-sized buttons at its foot. Same props as Table, so a page
 * switches by changing the component's name and marking its action column.
 */
export function ResponsiveTable<T extends object>({ cardHead = 1, ...props }: ResponsiveTableProps<T>) {
  const screens = Grid.useBreakpoint();
  // Before the first measurement `md` is undefined: a phone must not get the table for a moment.
  if (screens.md) return <Table<T> {...props} />;
  const rows = (props.dataSource ?? []) as T[];
  const key = (row: T, i: number): Key =>
    typeof props.rowKey === 'function' ? props.rowKey(row, i) : ((row as Record<string, unknown>)[(props.rowKey as string) ?? 'key'] as Key);
  const head = props.columns.slice(0, cardHead);
  const actions = props.columns.find((c) => c.key === 'actions');
  const lines = props.columns.slice(cardHead).filter((c) => c !== actions);
  if (props.loading) return <Skeleton active />;
  const empty = props.locale?.emptyText;
  return (
    <List<T>
      className="card-list"
      dataSource={rows}
      locale={{ emptyText: empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty as ReactNode} /> : undefined }}
      pagination={props.pagination === false || rows.length <= 10 ? false : { pageSize: 10, size: 'small', align: 'center' }}
      renderItem={(row, i) => {
        const foot = actions ? cell(actions, row, i) : null;
        return (
          <List.Item key={key(row, i)} style={{ padding: 0, border: 'none' }}>
            <Card size="small" className="list-card">
              <div className="list-card-head">
                {head.map((c, n) => (
                  <span key={String(c.key ?? c.title ?? n)}>{cell(c, row, i)}</span>
                ))}
              </div>
              {lines.map((c, n) => (
                <div key={String(c.key ?? c.title ?? n)} className="list-card-line">
                  <span className="list-card-label">{c.title as ReactNode}</span>
                  <span className="list-card-value">{cell(c, row, i)}</span>
                </div>
              ))}
              {foot && <div className="list-card-actions">{foot}</div>}
            </Card>
          </List.Item>
        );
      }}
    />
  );
}
