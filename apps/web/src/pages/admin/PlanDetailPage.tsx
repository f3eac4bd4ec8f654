import type { PlanView, TaskQueueRow } from '@fep/contracts';
import { INSPECTION_RESULT_LABELS, TASK_STATUS_LABELS } from '@fep/domain';
import { Alert, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { RecordTimeline } from '../../components/RecordTimeline.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { invalidateApi, useApi } from '../../query.ts';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

const COLUMNS: ListColumn<TaskQueueRow>[] = [
  { title: '检查对象', dataIndex: 'subject', hideOnCard: true, render: (v: string, t) => <Link to={`/admin/tasks/${t.id}`}>{v}</Link> },
  { title: '统一社会信用代码', dataIndex: 'usci' },
  { title: '地址', dataIndex: 'venueAddress' },
  { title: '检查人员', key: 'inspectors', render: (_, t) => t.inspectors.map((i) => i.name).join('、') || '—' },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    render: (v: string, t) => (
      <Tag color={t.status === 'done' ? 'success' : 'processing'}>
        {v}
        {t.result ? ` · ${INSPECTION_RESULT_LABELS[t.result] ?? '已记录'}` : ''}
      </Tag>
    ),
  },
];

/** SUP-04/05/06: one random-inspection plan — its published draw and the units and inspectors it drew, filterable and exportable. */
export function PlanDetailPage() {
  const { id } = useParams();
  // A province's draw writes its inspection tasks in batches after the draw: the page follows them until all are written.
  const q = useApi<PlanView>(`/api/v1/supervision/plans/${id}`, { refetchInterval: (query) => (query.state.data?.tasksPending ? 2000 : false) });
  const pending = q.data?.tasksPending;
  useEffect(() => {
    if (pending !== undefined) void invalidateApi('/api/v1/inspection-task-queue');
  }, [pending]);
  if (q.error) return <ApiErrorResult error={q.error} what="抽查计划" />;
  const p = q.data;
  if (!p) return <Skeleton active />;
  return (
    <div>
      <Typography.Title level={4}>
        {p.title} <Tag color={{ draft: 'default', published: 'processing', drawn: 'success' }[p.status]}>{p.statusLabel}</Tag>
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="检查事项">{p.purpose}</Descriptions.Item>
          <Descriptions.Item label="计划期间">
            {p.periodStart} 至 {p.periodEnd}
          </Descriptions.Item>
          <Descriptions.Item label="公布时间">{beijingDateTime(p.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label="抽取时间">{beijingDateTime(p.drawnAt)}</Descriptions.Item>
          <Descriptions.Item label="抽中单位">{p.summary ? `${p.summary.drawn} 家` : '尚未抽取'}</Descriptions.Item>
          <Descriptions.Item label="公示">{p.status === 'draft' ? '公布后公示' : <Link to={`/plans/${p.id}`}>查看公示页</Link>}</Descriptions.Item>
        </Descriptions>
      </Card>
      {p.status === 'drawn' && p.summary && p.tasksPending > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`检查任务生成中：已生成 ${p.summary.drawn - p.tasksPending} / ${p.summary.drawn} 家`}
          description="抽取结果已确定并公示；抽中单位的检查任务正分批生成，完成后下方列表自动更新。"
        />
      )}
      {p.status === 'drawn' && (
        <ListPage<TaskQueueRow>
          listKey="plan-units"
          title="抽中的检查对象"
          endpoint="/api/v1/inspection-task-queue"
          exportName={`${p.title}-抽中单位`}
          searchPlaceholder="单位、地址或信用代码"
          defaults={{ planId: p.id, mine: '' }}
          filters={[{ param: 'status', label: '任务状态', options: options(TASK_STATUS_LABELS) }]}
          columns={COLUMNS}
          rowKey={(t) => t.id}
          cardTitle={(t) => <Link to={`/admin/tasks/${t.id}`}>{t.subject}</Link>}
          emptyText="本计划没有抽中单位"
        />
      )}
      <RecordTimeline target={`random_plan:${p.id}`} />
    </div>
  );
}
