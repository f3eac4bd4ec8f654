import type { AlarmList, AlarmView } from '@fep/contracts';
import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const TYPE_COLORS: Record<string, string> = { fire_alarm: 'error', fault: 'warning', supervisory: 'processing' };
const TYPE_OPTIONS = [
  { value: '', label: '全部报警' },
  { value: 'fire_alarm', label: '火警' },
  { value: 'fault', label: '故障' },
  { value: 'supervisory', label: '监管报警' },
];

const COLUMNS = [
  { title: '报警', dataIndex: 'typeLabel', render: (v: string, a: AlarmView) => <Tag color={TYPE_COLORS[a.type]}>{v}</Tag> },
  { title: '单位', dataIndex: 'unitName' },
  { title: '发生时间', dataIndex: 'occurredAt', render: (v: string) => beijingDateTime(v) },
  { title: '位置', dataIndex: 'deviceLocation', render: (v: string, a: AlarmView) => `${v}（设备 ${a.deviceId}）` },
  { title: '说明', dataIndex: 'detail', render: (v: string | null) => v ?? '—' },
  { title: '地址', dataIndex: 'unitAddress' },
  { title: '监控中心', dataIndex: 'centreName' },
];

/**
 * 远程监控报警 (MON-01): the fire alarms, faults and supervisory alarms of the units in the agency's area, newest first;
 * one unit's with its 统一社会信用代码 (the link of a fire-alarm notification). Cards on a phone.
 */
export function AlarmsPage() {
  const [params, setParams] = useSearchParams();
  const usci = params.get('usci') ?? '';
  const type = params.get('type') ?? '';
  const query = new URLSearchParams();
  if (usci) query.set('usci', usci);
  if (type) query.set('type', type);
  const qs = query.toString();
  const list = useApi<AlarmList>(`/api/v1/monitoring/alarms${qs ? `?${qs}` : ''}`);
  const apply = (v: { usci?: string; type?: string }) => {
    const next = new URLSearchParams();
    const u = (v.usci ?? '').trim().toUpperCase();
    if (u) next.set('usci', u);
    if (v.type) next.set('type', v.type);
    setParams(next);
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>远程监控报警</Typography.Title>
      <Form layout="inline" initialValues={{ usci, type }} onFinish={apply} key={`${usci}|${type}`}>
        <Form.Item name="usci" label="统一社会信用代码">
          <Input allowClear placeholder="全部单位" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="type" label="类型">
          <Select options={TYPE_OPTIONS} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Card className="list-frame">
        <ResponsiveTable<AlarmView>
          rowKey="id"
          cardHead={2}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: usci ? '该单位暂无报警' : '辖区暂无报警' }}
          columns={COLUMNS}
        />
      </Card>
    </Space>
  );
}
