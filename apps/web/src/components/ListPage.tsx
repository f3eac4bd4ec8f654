import { DeleteOutlined, DownloadOutlined, FilterOutlined, StarOutlined } from '@ant-design/icons';
import type { PageView, SortOrder } from '@fep/contracts';
import { keepPreviousData } from '@tanstack/react-query';
import { App, Button, Card, Dropdown, Empty, Grid, Input, List, Modal, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { downloadWithAuth } from '../licensing.ts';
import { useApi } from '../query.ts';
import { ApiErrorResult } from './ApiErrorResult.tsx';

/**
 * The back office's list page (ant-design-pro's ProTable, in small): search, filters, sort and page are
 * done by the server (`endpoint` answers a page with its total), the state lives in the address (so a
 * filtered view can be bookmarked, shared and survives the back button), saved filters are kept per user
 * in this browser, and 导出 Excel downloads `endpoint/export` with the same filters (every matching row,
 * not just the page). On a phone (below antd's `md`) the same rows render as cards.
 */
export interface ListFilter {
  /** The query parameter it sets. */
  param: string;
  label: string;
  options: { label: string; value: string }[];
  /** `segmented`: the queue tabs above the table (one at most); `select`: a drop-down in the toolbar. */
  kind?: 'segmented' | 'select';
}

export type ListColumn<T> = ColumnType<T> & {
  /** The server's sort key of this column (the column becomes sortable). */
  sortKey?: string;
  /** Leave this column out of the phone card. */
  hideOnCard?: boolean;
};

export interface ListPageProps<T> {
  /** Names the saved filters of this list. */
  listKey: string;
  title: string;
  endpoint: string;
  /** File name (without .xlsx) of the export; no export button without it. */
  exportName?: string;
  searchPlaceholder: string;
  filters?: ListFilter[];
  /** Parameter values in force when the address has none (e.g. the first queue). */
  defaults?: Record<string, string>;
  columns: ListColumn<T>[];
  rowKey: (row: T) => string;
  /** The card of a row on a phone: its title line; the other lines are the columns' titles and cells. */
  cardTitle: (row: T) => ReactNode;
  emptyText?: string;
  /** Extra controls on the toolbar (right side). */
  extra?: ReactNode;
}

interface SavedFilter {
  name: string;
  query: string;
}

/** Parameters that are view state, not filters (a saved filter keeps the filters and sort, not the page). */
const PAGE_PARAMS = ['page', 'pageSize'];

function savedKey(userId: string | undefined, listKey: string): string {
  return `fep.savedFilters.${userId ?? 'anonymous'}.${listKey}`;
}

function readSaved(key: string): SavedFilter[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SavedFilter[]).filter((s) => typeof s?.name === 'string' && typeof s?.query === 'string') : [];
  } catch {
    return [];
  }
}

export function ListPage<T extends object>(props: ListPageProps<T>) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [params, setParams] = useSearchParams();
  const value = (k: string) => params.get(k) ?? props.defaults?.[k] ?? '';
  const [search, setSearch] = useState(value('q'));

  /** The query string the server sees: defaults overlaid by the address. */
  const query = useMemo(() => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(props.defaults ?? {})) if (v) q.set(k, v);
    for (const [k, v] of params) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    if (!q.get('pageSize')) q.set('pageSize', '20');
    return q;
  }, [params, props.defaults]);
  const page = useApi<PageView<T>>(`${props.endpoint}?${query}`, { placeholderData: keepPreviousData });

  function update(changes: Record<string, string | null>, keepPage = false) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      // An explicit empty value overrides a default (e.g. the 全部 queue); null removes the parameter.
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: false });
  }

  const storage = savedKey(me?.id, props.listKey);
  const [saved, setSaved] = useState<SavedFilter[]>(() => readSaved(storage));
  const [naming, setNaming] = useState<string | null>(null);
  function persist(list: SavedFilter[]) {
    setSaved(list);
    localStorage.setItem(storage, JSON.stringify(list));
  }
  function filterQuery(): string {
    const q = new URLSearchParams(query);
    for (const p of PAGE_PARAMS) q.delete(p);
    return q.toString();
  }

  async function exportView() {
    const q = new URLSearchParams(query);
    for (const p of PAGE_PARAMS) q.delete(p);
    try {
      await downloadWithAuth(`${props.endpoint}/export?${q}`, `${props.exportName}.xlsx`);
    } catch {
      message.error('导出失败，请稍后重试');
    }
  }

  const segmented = props.filters?.find((f) => f.kind === 'segmented');
  const selects = props.filters?.filter((f) => f.kind !== 'segmented') ?? [];
  const sort = query.get('sort');
  const order: SortOrder = query.get('order') === 'ascend' ? 'ascend' : 'descend';
  const columns: ColumnType<T>[] = props.columns.map((c) =>
    c.sortKey ? { ...c, sorter: true, sortOrder: sort === c.sortKey ? order : null, sortDirections: ['ascend', 'descend'] as SortOrder[] } : c,
  );
  const data = page.data;
  const current = data?.page ?? Number(query.get('page') ?? 1);
  const pageSize = data?.pageSize ?? Number(query.get('pageSize'));
  const pagination = {
    current,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !phone,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total: number) => `共 ${total}${data?.capped ? '+' : ''} 条`,
    onChange: (p: number, s: number) => update({ page: String(p), pageSize: String(s) }, true),
  };

  // A refused or failed read shows why (无权访问, the server's message), not an empty table.
  if (page.error && !data) return <ApiErrorResult error={page.error} />;
  return (
    <div>
      <Typography.Title level={4}>{props.title}</Typography.Title>
      {segmented && (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented options={segmented.options} value={value(segmented.param)} onChange={(v) => update({ [segmented.param]: String(v) })} />
        </div>
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={props.searchPlaceholder}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(v) => update({ q: v.trim() || null })}
              style={{ width: phone ? '100%' : 260 }}
              aria-label="搜索"
            />
            {selects.map((f) => (
              <Select
                key={f.param}
                aria-label={f.label}
                placeholder={f.label}
                allowClear
                style={{ minWidth: 150 }}
                value={value(f.param) || undefined}
                options={f.options}
                onChange={(v: string | undefined) => update({ [f.param]: v ?? null })}
              />
            ))}
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  ...saved.map((s) => ({
                    key: `use:${s.name}`,
                    label: (
                      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                        <span>{s.name}</span>
                        <DeleteOutlined
                          aria-label={`删除常用筛选 ${s.name}`}
                          onClick={(e) => {
                            e.stopPropagation();
                            persist(saved.filter((x) => x.name !== s.name));
                          }}
                        />
                      </Space>
                    ),
                  })),
                  ...(saved.length ? [{ type: 'divider' as const }] : []),
                  { key: 'save', icon: <StarOutlined />, label: '保存当前筛选…' },
                ],
                onClick: ({ key }) => {
                  if (key === 'save') setNaming('');
                  else {
                    const s = saved.find((x) => `use:${x.name}` === key);
                    if (s) {
                      const next = new URLSearchParams(s.query);
                      setSearch(next.get('q') ?? '');
                      setParams(next);
                    }
                  }
                },
              }}
            >
              <Button icon={<FilterOutlined />}>常用筛选</Button>
            </Dropdown>
          </Space>
          <Space wrap>
            {props.extra}
            {props.exportName && (
              <Button icon={<DownloadOutlined />} onClick={() => void exportView()} disabled={!data?.total}>
                导出 Excel
              </Button>
            )}
          </Space>
        </Space>
      </Card>
      {phone ? (
        <List
          loading={page.isLoading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={props.emptyText ?? '暂无数据'} /> }}
          pagination={{ ...pagination, align: 'center', simple: true }}
          header={
            <Typography.Text type="secondary">
              共 {data?.total ?? 0}
              {data?.capped ? '+' : ''} 条
            </Typography.Text>
          }
          renderItem={(row) => {
            // The phone card of ResponsiveTable (styles.css .list-card): a title line, 标签：值 lines, and the
            // column keyed 'actions' as thumb-sized buttons at its foot.
            const cellOf = (c: ListColumn<T>, i: number) => {
              const raw = c.dataIndex ? (row as Record<string, unknown>)[String(c.dataIndex)] : undefined;
              return (c.render ? c.render(raw, row, i) : raw) as ReactNode;
            };
            const visible = props.columns.filter((c) => !c.hideOnCard);
            const actions = visible.find((c) => c.key === 'actions');
            return (
              <List.Item key={props.rowKey(row)} style={{ padding: 0, border: 'none' }}>
                <Card size="small" className="list-card">
                  <div className="list-card-head">{props.cardTitle(row)}</div>
                  {visible
                    .filter((c) => c !== actions)
                    .map((c, i) => (
                      <div key={String(c.key ?? c.dataIndex ?? i)} className="list-card-line">
                        <span className="list-card-label">{c.title as ReactNode}</span>
                        <span className="list-card-value">{cellOf(c, i)}</span>
                      </div>
                    ))}
                  {actions && <div className="list-card-actions">{cellOf(actions, visible.indexOf(actions))}</div>}
                </Card>
              </List.Item>
            );
          }}
        />
      ) : (
        <Card>
          <Table<T>
            rowKey={props.rowKey}
            loading={page.isFetching}
            dataSource={data?.items ?? []}
            columns={columns}
            locale={{ emptyText: props.emptyText ?? '暂无数据' }}
            pagination={pagination}
            scroll={{ x: 'max-content' }}
            onChange={(_p, _f, sorter, extra) => {
              if (extra.action !== 'sort') return;
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const col = s?.column as ListColumn<T> | undefined;
              if (!s?.order || !col?.sortKey) update({ sort: null, order: null });
              else update({ sort: col.sortKey, order: s.order });
            }}
          />
        </Card>
      )}
      <Modal
        open={naming !== null}
        title="保存当前筛选"
        okText="保存"
        cancelText="取消"
        onCancel={() => setNaming(null)}
        onOk={() => {
          const name = (naming ?? '').trim();
          if (!name) return;
          persist([...saved.filter((s) => s.name !== name), { name, query: filterQuery() }]);
          setNaming(null);
          message.success(`已保存常用筛选“${name}”`);
        }}
      >
        <Input placeholder="例如：待受理·即将到期" value={naming ?? ''} onChange={(e) => setNaming(e.target.value)} maxLength={20} aria-label="筛选名称" />
      </Modal>
    </div>
  );
}
