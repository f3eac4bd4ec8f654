import { Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import type { Clock } from '../api.ts';
import { ClockTable } from '../components/ClockTable.tsx';
import { useApi } from '../query.ts';

type Filter = 'all' | 'due_soon' | 'overdue';

export function ClocksPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const q = useApi<Clock[]>(`/api/v1/clocks?mine=true${filter === 'all' ? '' : `&alert=${filter}`}`, { placeholderData: (prev) => prev });
  const clocks = q.data ?? [];
  const loading = q.isFetching;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的时限
        </Typography.Title>
      }
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { label: '全部在办', value: 'all' },
            { label: '即将到期', value: 'due_soon' },
            { label: '已超期', value: 'overdue' },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        时限自受理等行为的次日起算，按工作日计算的遇法定节假日顺延、调休上班日计入；等待申请人补正期间暂停计时。
      </Typography.Paragraph>
      <ClockTable clocks={clocks} loading={loading} />
    </Card>
  );
}
