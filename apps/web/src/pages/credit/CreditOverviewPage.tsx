import type { CreditDistributionView } from '@fep/contracts';
import { RISK_FACTOR_LABELS, RISK_LEVEL_LABELS, type RiskFactor } from '@fep/domain';
import { Card, Input, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useApi } from '../../query.ts';
import { LEVEL_COLORS } from './CreditView.tsx';

type Top = CreditDistributionView['topRisk'][number];
const LEVELS = ['A', 'B', 'C', 'D'] as const;
const RISKS = ['low', 'medium', 'high'] as const;

/**
 * 信用与风险 (CRD-04): units of the agency's jurisdiction by credit level and risk level, the serious-dishonesty
 * list's size, and the highest-risk units with their top factors; a unit's credit opens by its USCI.
 */
export function CreditOverviewPage() {
  const navigate = useNavigate();
  const d = useApi<CreditDistributionView>('/api/v1/credit/distribution');
  if (d.error) return <ApiErrorResult error={d.error} />;
  if (!d.data) return <Skeleton active />;
  const count = (level: string, risk: string) => d.data.cells.find((c) => c.level === level && c.risk === risk)?.units ?? 0;
  const rows = LEVELS.map((level) => ({ level, ...Object.fromEntries(RISKS.map((r) => [r, count(level, r)])) }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>信用与风险</Typography.Title>
      <Card>
        <Space wrap size={32}>
          <Statistic title="监管单位" value={d.data.total} />
          <Statistic title="严重失信主体" value={d.data.blacklisted} valueStyle={{ color: d.data.blacklisted ? '#cf1322' : undefined }} />
          <Input.Search
            placeholder="输入统一社会信用代码查看单位信用"
            enterButton="查看"
            style={{ maxWidth: 420 }}
            onSearch={(v) => v.trim() && navigate(`/admin/credit/units/${encodeURIComponent(v.trim().toUpperCase())}`)}
          />
        </Space>
      </Card>
      <Card title="按信用等级和风险等级分布（单位数）" className="list-frame">
        <Table
          rowKey="level"
          size="small"
          pagination={false}
          scroll={{ x: 320 }}
          dataSource={rows}
          columns={[
            { title: '信用等级', dataIndex: 'level', render: (v: string) => <Tag color={LEVEL_COLORS[v]}>{v}级</Tag> },
            ...RISKS.map((r) => ({ title: `${RISK_LEVEL_LABELS[r]}风险`, dataIndex: r })),
          ]}
        />
      </Card>
      <Card title="风险最高的单位" className="list-frame">
        <ResponsiveTable<Top>
          rowKey="usci"
          cardHead={1}
          pagination={false}
          dataSource={d.data.topRisk}
          locale={{ emptyText: '暂无评分' }}
          columns={[
            { title: '单位', dataIndex: 'name', render: (v: string, t) => <Link to={`/admin/credit/units/${t.usci}`}>{v}</Link> },
            { title: '风险评分', dataIndex: 'riskScore', render: (v: number, t) => `${v}（${RISK_LEVEL_LABELS[t.riskLevel]}风险）` },
            { title: '信用等级', dataIndex: 'level', render: (v: string) => <Tag color={LEVEL_COLORS[v]}>{v}级</Tag> },
            {
              title: '主要因素',
              dataIndex: 'factors',
              render: (f: Top['factors']) => f.map((x) => `${RISK_FACTOR_LABELS[x.factor as RiskFactor] ?? '其他'} ${x.points}`).join('，'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
