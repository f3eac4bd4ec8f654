import type { PlanReplayView, PlanView, PublicPlanResultsView } from '@fep/contracts';
import { Alert, Button, Card, Descriptions, List, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { useApi } from '../../query.ts';

/** SUP-08: plans, their inputs (downloadable), the draw and the results are public; anyone can replay the draw. */
export function PublicPlansPage() {
  const { id } = useParams();
  const plans = useApi<PlanView[]>(id ? null : '/api/v1/public/plans').data ?? null;
  const results = useApi<PublicPlanResultsView>(id ? `/api/v1/public/plans/${id}/results` : null).data ?? null;
  // The replay runs the draw again on the server: only when the visitor asks for it.
  const [replayAsked, setReplayAsked] = useState<string | null>(null);
  const replay = useApi<PlanReplayView>(id && replayAsked === id ? `/api/v1/public/plans/${id}/replay` : null).data ?? null;
  if (id)
    return (
      <PortalPage>
        <Typography.Title level={3}>{results?.plan.title ?? '抽查计划'}</Typography.Title>
        {results && (
          <>
            <Card style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="检查事项">{results.plan.purpose}</Descriptions.Item>
                <Descriptions.Item label="期间">
                  {results.plan.periodStart} 至 {results.plan.periodEnd}
                </Descriptions.Item>
                <Descriptions.Item label="检查事项清单">
                  {(results.plan as unknown as { items: { name: string }[] }).items.map((i) => i.name).join('；')}
                </Descriptions.Item>
                <Descriptions.Item label="输入摘要（SM3，抽取前公布）">
                  {results.plan.inputsHash} <a href={`/api/v1/public/plans/${id}/inputs`}>下载抽取输入</a>
                </Descriptions.Item>
                <Descriptions.Item label="公开随机数">
                  {results.plan.publicValue
                    ? `${results.plan.publicValue}（来源：${results.plan.publicValueSource}）`
                    : `待公布（来源：${results.plan.publicValueSource}）`}
                </Descriptions.Item>
                <Descriptions.Item label="种子">{results.plan.seed ?? '—'}</Descriptions.Item>
              </Descriptions>
              {results.plan.status === 'drawn' && (
                <Button style={{ marginTop: 12 }} onClick={() => setReplayAsked(id)}>
                  按公开输入重新抽取并比对
                </Button>
              )}
              {replay && (
                <Alert
                  style={{ marginTop: 12 }}
                  type={replay.identical ? 'success' : 'error'}
                  showIcon
                  message={replay.identical ? '复核一致：重新抽取的单位和检查人员与公布结果完全相同' : '复核不一致'}
                />
              )}
            </Card>
            <Card
              title={
                results.plan.tasksPending > 0 && results.plan.summary
                  ? `抽取结果（共 ${results.plan.summary.drawn} 户，已列出 ${results.items.length} 户，其余生成中）`
                  : `抽取结果（${results.items.length} 户）`
              }
            >
              <Table
                rowKey="usci"
                size="small"
                dataSource={results.items}
                pagination={pageWithTotal()}
                columns={[
                  { title: '单位', dataIndex: 'subject' },
                  { title: '统一社会信用代码', dataIndex: 'usci' },
                  { title: '检查人员', dataIndex: 'inspectors', render: (v: string[]) => v.join('、') },
                  { title: '状态', dataIndex: 'status' },
                  { title: '结果', dataIndex: 'result', render: (r: string | null) => r ?? '—' },
                ]}
              />
            </Card>
          </>
        )}
      </PortalPage>
    );
  return (
    <PortalPage>
      <Typography.Title level={3}>“双随机、一公开”公示</Typography.Title>
      <List
        loading={plans === null}
        dataSource={plans ?? []}
        locale={{ emptyText: '暂无公示的抽查计划' }}
        renderItem={(p) => (
          <List.Item extra={<Tag color={p.status === 'drawn' ? 'success' : 'processing'}>{p.statusLabel}</Tag>}>
            <List.Item.Meta
              title={<Link to={`/plans/${p.id}`}>{p.title}</Link>}
              description={`${p.agencyName ?? ''}${p.publication ? `（${p.publication}）` : ''} · ${p.periodStart} 至 ${p.periodEnd} · 输入摘要 ${p.inputsHash?.slice(0, 16)}…`}
            />
          </List.Item>
        )}
      />
    </PortalPage>
  );
}
