import type { ApplicationQueueRow } from '@fep/contracts';
import { DUE_FILTER_LABELS, LICENSING_PATH_LABELS } from '@fep/domain';
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { DueCell } from '../../components/DueTag.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { beijingDateTime, PATH_LABELS, STATUS_COLORS } from '../../licensing.ts';

const QUEUES: { label: string; value: string }[] = [
  { label: '待受理', value: 'submitted' },
  { label: '待补正', value: 'correction_requested' },
  { label: '待检查', value: 'accepted,inspecting' },
  { label: '法制审核', value: 'legal_review' },
  { label: '待决定', value: 'awaiting_decision' },
  { label: '已办结', value: 'granted,refused,rejected,withdrawn' },
  { label: '全部', value: '' },
];

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

const COLUMNS: ListColumn<ApplicationQueueRow>[] = [
  {
    title: '申请编号',
    dataIndex: 'referenceNo',
    sortKey: 'referenceNo',
    hideOnCard: true,
    render: (v: string, a) => <Link to={`/admin/applications/${a.id}`}>{v}</Link>,
  },
  {
    title: '单位 / 场所',
    dataIndex: 'companyName',
    render: (v: string, a) => (
      <div>
        {v}
        <div style={{ color: 'rgba(0,0,0,0.55)' }}>{a.venueName}</div>
      </div>
    ),
  },
  { title: '类别', dataIndex: 'venueKindLabel' },
  {
    title: '方式',
    dataIndex: 'path',
    render: (p: 'commitment' | 'inspection') => <Tag color={p === 'commitment' ? 'gold' : 'blue'}>{PATH_LABELS[p]}</Tag>,
  },
  { title: '提交时间', dataIndex: 'submittedAt', sortKey: 'submittedAt', render: (v: string | null) => beijingDateTime(v) },
  { title: '办理期限 / 剩余工作日', key: 'due', sortKey: 'dueDate', render: (_: unknown, a) => <DueCell due={a.due} /> },
  { title: '状态', dataIndex: 'status', render: (s: string, a) => <Tag color={STATUS_COLORS[s]}>{a.statusLabel}</Tag> },
];

/** Work queues of the opening-permit applications of the agency and the agencies below it (LIC-04 … LIC-08). */
export function ApplicationsPage() {
  return (
    <ListPage<ApplicationQueueRow>
      listKey="applications"
      title="许可办件"
      endpoint="/api/v1/licensing/application-queue"
      exportName="许可办件"
      searchPlaceholder="申请编号、单位、场所或信用代码"
      defaults={{ status: 'submitted' }}
      filters={[
        { param: 'status', label: '队列', options: QUEUES, kind: 'segmented' },
        { param: 'path', label: '办理方式', options: options(LICENSING_PATH_LABELS) },
        { param: 'due', label: '时限状态', options: options(DUE_FILTER_LABELS) },
      ]}
      columns={COLUMNS}
      rowKey={(a) => a.id}
      cardTitle={(a) => <Link to={`/admin/applications/${a.id}`}>{a.referenceNo}</Link>}
      emptyText="该队列暂无办件"
    />
  );
}
