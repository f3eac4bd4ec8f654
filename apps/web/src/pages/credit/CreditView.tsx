import type { CreditRecordView, CreditUnitView } from '@fep/contracts';
import {
  BLACKLIST_CRITERION_LABELS,
  CREDIT_RECORD_KIND_LABELS,
  CREDIT_RECORD_STATUS_LABELS,
  CREDIT_REQUEST_KIND_LABELS,
  CREDIT_REQUEST_STATUS_LABELS,
  CREDIT_SEVERITY_LABELS,
  RISK_FACTOR_LABELS,
  RISK_LEVEL_LABELS,
  type RiskFactor,
} from '@fep/domain';
import { Alert, Card, Descriptions, Empty, List, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { beijingDateTime } from '../../licensing.ts';

export const LEVEL_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
const RISK_TAG: Record<string, string> = { low: 'green', medium: 'orange', high: 'red' };

/** The effect of the level on inspections, in words (CRD-02): the stratum factor and the non-random trigger. */
export function effectText(c: CreditUnitView): string[] {
  const f = c.effects.stratumRateFactor;
  const lines = [
    f < 1
      ? `信用${c.level}级：“双随机”抽查比例按 ×${f} 计算，抽查频次降低`
      : f > 1
        ? `信用${c.level}级：“双随机”抽查比例按 ×${f} 计算，抽查频次提高`
        : `信用${c.level}级：按基础抽查比例抽查`,
  ];
  if (c.effects.nonRandomTrigger) lines.push('列为重点检查对象：除随机抽查外，还将安排非随机检查');
  return lines;
}

/** A record as a line: what, when, points, its status and publicity period. */
function RecordItem({ r, action }: { r: CreditRecordView; action?: ReactNode }) {
  return (
    <List.Item actions={action ? [action] : []}>
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag color={r.points < 0 ? 'red' : 'green'}>{CREDIT_RECORD_KIND_LABELS[r.kind]}</Tag>
            <span>{r.points > 0 ? `+${r.points}` : r.points} 分</span>
            {r.severity === 'serious' && <Tag color="volcano">{CREDIT_SEVERITY_LABELS.serious}</Tag>}
            <Tag color={r.status === 'active' ? (r.counted ? 'processing' : 'default') : 'default'}>
              {r.status === 'active' && !r.counted ? '公示期已满' : CREDIT_RECORD_STATUS_LABELS[r.status]}
            </Tag>
          </Space>
        }
        description={
          <>
            <div>{r.reason}</div>
            <div>
              记录时间：{beijingDateTime(r.at)}；公示至 {r.publicUntil}（不含）{r.points < 0 ? `；${r.repairFrom} 起可申请信用修复` : ''}
            </div>
            {r.statusReason && <div>说明：{r.statusReason}</div>}
          </>
        }
      />
    </List.Item>
  );
}

/**
 * A unit's credit (CRD-01 … CRD-03): level and score with the rule behind them, the effects with their
 * reasons, the records, requests and (for staff) risk factors and level history. `recordAction` adds the
 * unit's buttons (repair, objection) to each record.
 */
export function CreditView({ c, staff, recordAction }: { c: CreditUnitView; staff?: boolean; recordAction?: (r: CreditRecordView) => ReactNode }) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap size={32}>
          <Statistic
            title="信用等级"
            value={`${c.level}级`}
            valueStyle={{ color: LEVEL_COLORS[c.level] === 'green' ? '#389e0d' : c.level === 'D' ? '#cf1322' : undefined }}
          />
          <Statistic title="信用分" value={c.score} />
          {staff && (
            <Statistic title="风险评分" value={c.risk.score} suffix={<Tag color={RISK_TAG[c.risk.level]}>{RISK_LEVEL_LABELS[c.risk.level]}风险</Tag>} />
          )}
        </Space>
        <Typography.Paragraph style={{ marginTop: 12 }}>评定依据：{c.rule}（基础分加减各项有效信用记录的分值）</Typography.Paragraph>
        {c.effects.blacklisted && (
          <Alert
            type="error"
            showIcon
            message="已列入严重失信主体名单"
            description={c.effects.blacklistReasons.map((b) => BLACKLIST_CRITERION_LABELS[b.criterion]).join('；')}
            style={{ marginBottom: 12 }}
          />
        )}
        <Alert type={c.effects.stratumRateFactor > 1 ? 'warning' : 'info'} showIcon message="对监督检查的影响" description={effectText(c).join('；')} />
      </Card>
      {staff && (
        <Card title="主要风险因素">
          {c.risk.factors.length === 0 ? (
            <Empty description="无加分风险因素" />
          ) : (
            <Descriptions column={1} size="small">
              {c.risk.factors.map((f) => (
                <Descriptions.Item key={f.factor} label={RISK_FACTOR_LABELS[f.factor as RiskFactor] ?? '其他'}>
                  {f.points} 分
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
      )}
      <Card title="信用记录">
        <List
          dataSource={c.events}
          locale={{ emptyText: <Empty description="没有信用记录" /> }}
          renderItem={(r) => <RecordItem r={r} action={recordAction?.(r)} />}
        />
      </Card>
      <Card title="信用修复和异议申请">
        <List
          dataSource={c.requests}
          locale={{ emptyText: <Empty description="没有申请" /> }}
          renderItem={(q) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {CREDIT_REQUEST_KIND_LABELS[q.kind]}
                    <Tag color={q.status === 'pending' ? 'processing' : q.status === 'granted' || q.status === 'upheld' ? 'success' : 'default'}>
                      {CREDIT_REQUEST_STATUS_LABELS[q.status]}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    <div>理由：{q.reason}</div>
                    <div>
                      {q.status === 'pending'
                        ? `办理期限：${q.dueOn} 前`
                        : `办结时间：${q.decidedAt ? beijingDateTime(q.decidedAt) : ''}；${q.decisionReason ?? ''}`}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {staff && (
        <Card title="信用等级变动">
          <List
            dataSource={c.history}
            locale={{ emptyText: <Empty description="暂无变动" /> }}
            renderItem={(h) => (
              <List.Item>
                {beijingDateTime(h.at)}：{h.from ? `${h.from}级 → ` : '评定为 '}
                {h.to}级（{h.score} 分）
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
