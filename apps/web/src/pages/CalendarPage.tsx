import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';

interface YearDays {
  year: number;
  published: boolean;
  days: { date: string; kind: 'holiday' | 'adjusted_workday'; name: string }[];
}

export function CalendarPage() {
  const { me } = useAuth();
  const [year, setYear] = useState(new Date().getFullYear());
  const [data, setData] = useState<YearDays | null>(null);
  const region = me?.agency?.regionCode ?? '000000';
  useEffect(() => {
    setData(null);
    api<YearDays>(`/api/v1/calendar/days?year=${year}&region=${region}`).then(setData);
  }, [year, region]);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作日历
        </Typography.Title>
      }
      extra={
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[2025, 2026, 2027, 2028].map((y) => ({ value: y, label: `${y} 年` }))}
          aria-label="年度"
        />
      }
    >
      {data && !data.published && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${year} 年的国务院节假日安排尚未录入`}
          description="涉及该年度的期限按周一至周五暂定计算并标注“暂定”，安排公布并由管理员录入后自动重算。"
        />
      )}
      <Table
        rowKey="date"
        loading={!data}
        dataSource={data?.days ?? []}
        pagination={false}
        size="small"
        locale={{ emptyText: '本年度暂无节假日或调休记录' }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>) },
          { title: '说明', dataIndex: 'name' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">来源：国务院办公厅部分节假日安排通知；地方调整按辖区叠加。</Typography.Text>
      </Space>
    </Card>
  );
}
