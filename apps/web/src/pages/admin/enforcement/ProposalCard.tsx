import type { DiscretionView } from '@fep/contracts';
import { PENALTY_OUTCOME_LABELS } from '@fep/domain';
import { Card, Descriptions, List, Tag, Typography } from 'antd';

const yuan = (n: number) => n.toLocaleString('zh-CN');

/** The engine's proposal (ENF-02/ENF-03) as the officer, reviewer and approver read it: the answer, then every reason. */
export function ProposalCard({ proposal, title = '裁量建议' }: { proposal: DiscretionView; title?: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid="proposal">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="建议">
          <Tag color={proposal.outcome === 'fine' ? 'volcano' : proposal.outcome === 'warning' ? 'gold' : 'green'}>
            {PENALTY_OUTCOME_LABELS[proposal.outcome]}
          </Tag>
          {proposal.band && <Tag>{proposal.band.label}</Tag>}
        </Descriptions.Item>
        {proposal.range && (
          <Descriptions.Item label="本档罚款幅度">
            {yuan(proposal.range.min)}–{yuan(proposal.range.max)} 元
          </Descriptions.Item>
        )}
        {proposal.proposedFine !== undefined && <Descriptions.Item label="建议罚款">{yuan(proposal.proposedFine)} 元</Descriptions.Item>}
        {proposal.noPenalty && <Descriptions.Item label="适用规则">{proposal.rule.text}</Descriptions.Item>}
      </Descriptions>
      <List
        size="small"
        header={<Typography.Text strong>理由</Typography.Text>}
        dataSource={proposal.explanation}
        renderItem={(l) => <List.Item>{l}</List.Item>}
      />
    </Card>
  );
}
