import type { ApplicationListView } from '@fep/contracts';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApplicationSummary, beijingDateTime, PATH_LABELS, STATUS_COLORS } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const QUEUES: { label: string; value: string }[] = [
  { label: '待受理', value: 'submitted' },
  { label: '待补正', value: 'correction_requested' },
  { label: '待检查', value: 'accepted,inspecting' },
  { label: '法制审核', value: 'legal_review' },
  { label: '待决定', value: 'awaiting_decision' },
  { label: '已办结', value: 'granted,refused,rejected,withdrawn' },
  { label: '全部', value: '' },
];

/** Work queues of the opening-permit applications of the agency and the agencies below it. */
export function ApplicationsPage() {
  const [queue, setQueue] = useState('submitted');
  const rows = useApi<ApplicationListView>(`/api/v1/licensing/applications?limit=200${queue ? `&status=${queue}` : ''}`).data?.items ?? null;
  return (
    <div>
      <Typography.Title level={4}>许可办件</Typography.Title>
      <Segmented options={QUEUES} value={queue} onChange={(v) => setQueue(String(v))} style={{ marginBottom: 16 }} />
      <Card>
        <Table<ApplicationSummary>
          rowKey="id"
          loading={rows === null}
          dataSource={rows ?? []}
          locale={{ emptyText: '该队列暂无办件' }}
          columns={[
            { title: '申请编号', dataIndex: 'referenceNo', render: (v: string, a) => <Link to={`/admin/applications/${a.id}`}>{v}</Link> },
            { title: '单位', dataIndex: 'companyName' },
            { title: '场所', dataIndex: 'venueName' },
            { title: '类别', dataIndex: 'venueKindLabel' },
            {
              title: '方式',
              dataIndex: 'path',
              render: (p: 'commitment' | 'inspection') => <Tag color={p === 'commitment' ? 'gold' : 'blue'}>{PATH_LABELS[p]}</Tag>,
            },
            { title: '提交时间', dataIndex: 'submittedAt', render: (v: string | null) => beijingDateTime(v) },
            { title: '状态', dataIndex: 'status', render: (s: string, a) => <Tag color={STATUS_COLORS[s]}>{a.statusLabel}</Tag> },
          ]}
        />
      </Card>
    </div>
  );
}
