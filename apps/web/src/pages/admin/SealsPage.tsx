import type { SealRow } from '@fep/contracts';
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { SEAL_STATUS_COLORS } from '../../labels.ts';
import { SealProposalForm } from './enforcement/SealProposalForm.tsx';

const QUEUES: { label: string; value: string }[] = [
  { label: '查封中', value: 'in_force,emergency' },
  { label: '待集体研究', value: 'proposed,emergency' },
  { label: '期满未解除', value: 'expired_unlifted' },
  { label: '已解除', value: 'lifted,declined' },
  { label: '全部', value: '' },
];

const COLUMNS: ListColumn<SealRow>[] = [
  {
    title: '决定书文号',
    dataIndex: 'number',
    hideOnCard: true,
    render: (v: string | null, s) => <Link to={`/admin/seals/${s.id}`}>{v ?? '（待决定）'}</Link>,
  },
  {
    title: '单位 / 查封部位',
    dataIndex: 'unitName',
    render: (v: string, s) => (
      <div>
        {v} {s.emergency && <Tag color="volcano">紧急查封</Tag>}
        <div style={{ color: 'rgba(0,0,0,0.65)' }}>{s.scope}</div>
      </div>
    ),
  },
  { title: '查封情形', dataIndex: 'situationLabel' },
  { title: '查封期间', key: 'term', render: (_: unknown, s) => (s.startDate ? `${s.startDate} 至 ${s.endDate}` : '—') },
  {
    title: '待办申请',
    dataIndex: 'openRequests',
    render: (n: number) => (n > 0 ? <Tag color="orange">{n} 件待办</Tag> : '—'),
  },
  { title: '状态', dataIndex: 'status', render: (st: string, s) => <Tag color={SEAL_STATUS_COLORS[st] ?? 'default'}>{s.statusLabel}</Tag> },
];

/** 临时查封 of the jurisdiction (ENF-05): queues by state, the unit's requests waiting, the term of each seal. */
export function SealsPage() {
  const { can } = useAuth();
  const [proposing, setProposing] = useState(false);
  const canPropose = can('enforcement:case:handle');
  return (
    <>
      {proposing && <SealProposalForm defaults={{}} onClose={() => setProposing(false)} />}
      <ListPage<SealRow>
        listKey="seals"
        title="临时查封"
        endpoint="/api/v1/enforcement/seals"
        searchPlaceholder="单位名称、信用代码或决定书文号"
        defaults={{ status: 'in_force,emergency' }}
        filters={[{ param: 'status', label: '队列', options: QUEUES, kind: 'segmented' }]}
        columns={COLUMNS}
        rowKey={(s) => s.id}
        cardTitle={(s) => <Link to={`/admin/seals/${s.id}`}>{s.number ?? `${s.unitName}（待决定）`}</Link>}
        emptyText="该队列暂无临时查封"
        extra={
          canPropose && (
            <Button type="primary" onClick={() => setProposing(true)}>
              提出临时查封
            </Button>
          )
        }
      />
    </>
  );
}
