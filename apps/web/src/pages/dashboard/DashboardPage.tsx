import { ArrowDownOutlined, ArrowUpOutlined, FileExcelOutlined } from '@ant-design/icons';
import type { DashboardView } from '@fep/contracts';
import { App, Breadcrumb, Button, Card, Col, Empty, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { downloadWithAuth } from '../../licensing.ts';
import { useApi } from '../../query.ts';
import { useLiveFigures } from './live.ts';

type Figure = DashboardView['figures'][number];
type Child = DashboardView['children'][number];

/** The figures compared on the chart and shown per agency below (counts of the same scale). */
const CHART_KEYS = ['applications_submitted', 'permits_granted', 'orders_issued', 'penalties', 'complaints_received', 'fire_alarms', 'devices_offline'];
const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#f5222d'];

function Change({ f }: { f: Figure }) {
  if (f.current === f.previous) return <Typography.Text type="secondary">与上期持平</Typography.Text>;
  const up = f.current > f.previous;
  return (
    <Typography.Text type={up ? 'warning' : 'success'}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} 上期 {f.previous.toLocaleString('zh-CN')}
    </Typography.Text>
  );
}

/**
 * 领导驾驶舱 (MON-02, SUP-13): the figures of the leader's agency and below, this period beside the previous one,
 * drilled down agency by agency (总队 → 支队 → 大队), each standard statistical table exported to Excel, kept
 * current by the server's event stream. Works on a 390 px phone (cards two a row, charts full width).
 */
export function DashboardPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agency');
  const period = params.get('period') ?? 'month';
  const q = new URLSearchParams({ period });
  if (agencyId) q.set('agencyId', agencyId);
  const view = useApi<DashboardView>(`/api/v1/dashboard?${q.toString()}`, { placeholderData: (prev) => prev });
  useLiveFigures(agencyId);
  const [table, setTable] = useState('overview');
  const [exporting, setExporting] = useState(false);
  const d = view.data;

  const go = (next: { agency?: string | null; period?: string }) => {
    const p = new URLSearchParams(params);
    if (next.agency !== undefined) {
      if (next.agency) p.set('agency', next.agency);
      else p.delete('agency');
    }
    if (next.period) p.set('period', next.period);
    setParams(p);
  };

  const compare = useMemo(() => {
    if (!d) return null;
    const shown = d.figures.filter((f) => CHART_KEYS.includes(f.key));
    return {
      color: ['#1677ff', '#bfbfbf'],
      tooltip: { trigger: 'axis' },
      legend: { data: ['本期', '上期'], top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: shown.map((f) => f.label), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '本期', type: 'bar', data: shown.map((f) => f.current) },
        { name: '上期', type: 'bar', data: shown.map((f) => f.previous) },
      ],
    };
  }, [d]);
  const credit = useMemo(
    () =>
      d && {
        color: PALETTE,
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          { name: '信用等级', type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], data: d.creditLevels.map((c) => ({ name: c.label, value: c.n })) },
        ],
      },
    [d],
  );
  const risk = useMemo(
    () =>
      d && {
        color: ['#52c41a', '#faad14', '#f5222d'],
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          { name: '风险等级', type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], data: d.riskLevels.map((c) => ({ name: c.label, value: c.n })) },
        ],
      },
    [d],
  );
  const below = useMemo(() => {
    if (!d || d.children.length === 0) return null;
    const labels = new Map(d.figures.map((f) => [f.key, f.label]));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: d.children.map((c) => c.agency.name), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: CHART_KEYS.map((k) => ({
        name: labels.get(k),
        type: 'bar',
        stack: 'all',
        data: d.children.map((c) => c.figures.find((f) => f.key === k)?.current ?? 0),
      })),
    };
  }, [d]);

  if (view.isError && !d) return <ApiErrorResult error={view.error} />;

  const exportTable = async () => {
    if (!d) return;
    setExporting(true);
    try {
      const label = d.tables.find((t) => t.key === table)?.label ?? '统计报表';
      const eq = new URLSearchParams({ period });
      eq.set('agencyId', d.agency.id);
      await downloadWithAuth(`/api/v1/dashboard/tables/${table}?${eq.toString()}`, `${label}-${d.agency.name}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };

  const groups = d ? [...new Set(d.figures.map((f) => f.group))] : [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          领导驾驶舱
        </Typography.Title>
        <Link to="/admin/dashboard/map">查看一张图</Link>
      </Space>
      {d && (
        <Breadcrumb
          items={d.trail.map((a, i) => ({
            key: a.id,
            title:
              i === d.trail.length - 1 ? (
                <span aria-current="page">{a.name}</span>
              ) : (
                <a
                  href={`?agency=${a.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    go({ agency: a.id });
                  }}
                >
                  {a.name}
                </a>
              ),
          }))}
        />
      )}
      <Space wrap>
        <Segmented
          aria-label="统计期间"
          value={period}
          onChange={(v) => go({ period: String(v) })}
          options={(d?.periods ?? []).map((p) => ({ value: p.key, label: p.label }))}
        />
        {d && (
          <Typography.Text type="secondary">
            {d.period.from} 至 {d.period.to}，对比上期 {d.period.previousFrom} 至 {d.period.previousTo}
          </Typography.Text>
        )}
      </Space>
      <Card size="small" title="导出统计报表">
        <Space wrap>
          <Select
            aria-label="统计报表"
            value={table}
            onChange={setTable}
            style={{ minWidth: 220 }}
            options={(d?.tables ?? []).map((t) => ({ value: t.key, label: t.label }))}
          />
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportTable()} disabled={!d}>
            导出 Excel
          </Button>
        </Space>
      </Card>
      {!d ? (
        <Card loading />
      ) : (
        <>
          {groups.map((g) => (
            <Card key={g} size="small" title={g}>
              <div className="dashboard-figures">
                {d.figures
                  .filter((f) => f.group === g)
                  .map((f) => (
                    <div key={f.key} data-testid={`figure-${f.key}`}>
                      <Statistic title={f.label} value={f.current} groupSeparator="," />
                      <Change f={f} />
                    </div>
                  ))}
              </div>
            </Card>
          ))}
          <Card size="small" title="检查与隐患（累计）">
            <div className="dashboard-figures">
              <Statistic title="抽查计划" value={d.supervision.plans} />
              <Statistic title="双随机检查任务" value={d.supervision.randomTasks} />
              <Statistic title="已完成检查" value={d.supervision.randomTasksDone} />
              <Statistic title="发现隐患" value={d.supervision.hazardsFound} />
              <Statistic title="已整改隐患" value={d.supervision.hazardsFixed} />
              <Statistic title="逾期未改" value={d.supervision.ordersOverdue} />
            </div>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title="本期与上期">
                {compare && <EChart option={compare} aria-label="本期与上期主要指标对比柱状图" />}
              </Card>
            </Col>
            <Col xs={24} lg={6}>
              <Card size="small" title="信用等级分布">
                {credit && <EChart option={credit} aria-label="信用等级分布图" />}
              </Card>
            </Col>
            <Col xs={24} lg={6}>
              <Card size="small" title="风险等级分布">
                {risk && <EChart option={risk} aria-label="风险等级分布图" />}
              </Card>
            </Col>
          </Row>
          <Card size="small" title="在办事项与办理时限">
            <Table
              size="small"
              rowKey="label"
              pagination={false}
              dataSource={d.clocks}
              locale={{ emptyText: '暂无在办事项' }}
              scroll={{ x: true }}
              columns={[
                { title: '事项', dataIndex: 'label' },
                { title: '在办', dataIndex: 'running' },
                { title: '即将到期', dataIndex: 'dueSoon' },
                { title: '已超期', dataIndex: 'overdue', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
              ]}
            />
          </Card>
          <Card size="small" title={`下级机构（${d.agency.name}）`} className="list-frame">
            {d.children.length === 0 ? (
              <Empty description="本机构没有下级机构" />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                {below && (
                  <EChart option={below} aria-label="下级机构本期指标对比图" onClick={(p) => go({ agency: d.children[p.dataIndex]?.agency.id ?? null })} />
                )}
                <ResponsiveTable<Child>
                  rowKey={(c) => c.agency.id}
                  cardHead={1}
                  pagination={false}
                  dataSource={d.children}
                  columns={[
                    { title: '机构', key: 'name', render: (_: unknown, c: Child) => c.agency.name },
                    ...CHART_KEYS.map((k) => ({
                      title: d.figures.find((f) => f.key === k)?.label ?? '',
                      key: k,
                      render: (_: unknown, c: Child) => c.figures.find((f) => f.key === k)?.current ?? 0,
                    })),
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, c: Child) => (
                        <Button type="link" onClick={() => go({ agency: c.agency.id })} aria-label={`查看${c.agency.levelLabel} ${c.agency.name}`}>
                          查看{c.agency.levelLabel}
                        </Button>
                      ),
                    },
                  ]}
                />
              </Space>
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
