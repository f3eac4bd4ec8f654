import type { InterferenceRecordView, InterferenceReportView } from '@fep/contracts';
import { Card, DatePicker, Empty, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/**
 * 干预插手月度通报 (ENF-08): per agency of the jurisdiction, the month's records by channel and by role, and
 * the records themselves. The month is in the address (?month=2026-11), so a report can be sent as a link.
 */
export function InterferenceReportPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? dayjs().format('YYYY-MM');
  const q = useApi<InterferenceReportView>(`/api/v1/oversight/interference/report?month=${month}`);
  const r = q.data;
  const header = r?.agencies[0];
  return (
    <div>
      <Space wrap style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          干预插手案件月度通报
        </Typography.Title>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
          aria-label="通报月份"
        />
      </Space>
      {q.error && <ApiErrorResult error={q.error} what="通报" />}
      {r && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Statistic title={`${dayjs(`${r.month}-01`).format('YYYY年M月')}登记总数`} value={r.total} suffix="件" />
          </Card>
          <Card title="按机构统计" className="list-frame" style={{ marginBottom: 16 }}>
            <ResponsiveTable
              rowKey={(a) => a.agency.id}
              dataSource={r.agencies}
              pagination={false}
              columns={[
                { title: '机构', key: 'agency', render: (_, a) => a.agency.name },
                { title: '合计', dataIndex: 'total' },
                ...(header?.byChannel ?? []).map((c, i) => ({
                  title: c.label,
                  key: `channel-${c.key}`,
                  render: (_: unknown, a: InterferenceReportView['agencies'][number]) => a.byChannel[i]?.count ?? 0,
                })),
                ...(header?.byRole ?? []).map((c, i) => ({
                  title: c.label,
                  key: `role-${c.key}`,
                  render: (_: unknown, a: InterferenceReportView['agencies'][number]) => a.byRole[i]?.count ?? 0,
                })),
              ]}
            />
          </Card>
          <Card title="当月记录" className="list-frame">
            {r.items.length === 0 ? (
              <Empty description="本月无登记" />
            ) : (
              <ResponsiveTable<InterferenceRecordView>
                rowKey={(i) => i.id}
                dataSource={r.items}
                pagination={pageWithTotal()}
                columns={[
                  { title: '干预人', key: 'person', render: (_, i) => `${i.personName}（${i.personPosition}）` },
                  { title: '身份', dataIndex: 'roleLabel', render: (v: string) => <Tag color="red">{v}</Tag> },
                  { title: '方式', dataIndex: 'channelLabel' },
                  { title: '发生时间', dataIndex: 'occurredAt', render: (v: string) => beijingDateTime(v) },
                  { title: '涉及案件', dataIndex: 'caseReference' },
                  { title: '具体内容', dataIndex: 'content' },
                  { title: '登记人', key: 'by', render: (_, i) => `${i.recordedBy.name} · ${i.agency.name}` },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
