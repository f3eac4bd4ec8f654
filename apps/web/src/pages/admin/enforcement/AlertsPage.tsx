import type { AlertView } from '@fep/contracts';
import { ALERT_KIND_LABELS } from '@fep/domain';
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { type ListColumn, ListPage } from '../../../components/ListPage.tsx';
import { beijingDateTime } from '../../../licensing.ts';
import { filePathOf } from '../../../routes.ts';

/** An alert's target opens its file page where it has one (routes.ts filePathOf); otherwise it shows as text. */
function targetLink(a: AlertView) {
  const path = filePathOf(a.targetType, a.targetId);
  return path ? <Link to={path}>{a.targetLabel}</Link> : a.targetLabel;
}

const COLUMNS: ListColumn<AlertView>[] = [
  { title: '预警类型', dataIndex: 'kindLabel', render: (v: string, a) => <Tag color={a.kind === 'clock_overdue' ? 'orange' : 'red'}>{v}</Tag> },
  { title: '内容', dataIndex: 'message' },
  { title: '事项', key: 'target', render: (_: unknown, a) => targetLink(a) },
  { title: '机构', dataIndex: 'agencyName' },
  { title: '时间', dataIndex: 'raisedAt', render: (v: string) => beijingDateTime(v) },
];

/** 执法监督预警 (OVS-01): decisions outside the benchmark, acts outside jurisdiction, statutory clocks overdue. */
export function AlertsPage() {
  return (
    <ListPage<AlertView>
      listKey="oversight-alerts"
      title="执法监督预警"
      endpoint="/api/v1/oversight/alerts"
      searchPlaceholder="（按预警类型筛选）"
      filters={[
        {
          param: 'kind',
          label: '预警类型',
          options: [{ label: '全部', value: '' }, ...Object.entries(ALERT_KIND_LABELS).map(([value, label]) => ({ value, label }))],
          kind: 'segmented',
        },
      ]}
      columns={COLUMNS}
      rowKey={(a) => a.id}
      cardTitle={(a) => a.kindLabel}
      emptyText="暂无预警"
    />
  );
}
