import type { AccountabilityList, AccountabilityView } from '@fep/contracts';
import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { useApi } from '../../query.ts';

/** 公开：亡人或有重大影响火灾的责任调查和整改措施落实情况一年评估 (FIR-04). */
export function AccountabilityPublicPage() {
  const list = useApi<AccountabilityList>('/api/v1/public/incident-accountability');
  return (
    <PortalPage>
      <Typography.Title level={3}>火灾事故责任调查和整改评估</Typography.Title>
      <Typography.Paragraph type="secondary">
        造成人员死亡或有重大社会影响的火灾，由政府牵头组成调查组调查各方责任，并在一年内评估整改措施落实情况。
      </Typography.Paragraph>
      <List<AccountabilityView>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无公开信息' }}
        renderItem={(a) => (
          <List.Item>
            <Card style={{ width: '100%' }} title={`${a.agencyName} · 死亡 ${a.deaths} 人`} extra={<Tag>{a.statusLabel}</Tag>}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="调查组">
                  {a.teamLead}牵头，{a.teamMembers.join('、')}参加
                </Descriptions.Item>
                {a.parties.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: parties have no id and never reorder
                  <Descriptions.Item key={i} label={p.partyLabel}>
                    {p.name}：{p.findings}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label="整改措施">{a.measures}</Descriptions.Item>
                <Descriptions.Item label="评估">{a.evaluation ?? `评估期限 ${a.evaluationDue ?? ''}`}</Descriptions.Item>
              </Descriptions>
            </Card>
          </List.Item>
        )}
      />
    </PortalPage>
  );
}
