import type { PublicProductCheck, PublicProductCheckList } from '@fep/contracts';
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const RESULT_COLORS = { qualified: 'success', unqualified: 'error', pending: 'processing' } as const;

function PlanCard({ p }: { p: PublicProductCheck }) {
  return (
    <Card title={<span style={{ whiteSpace: 'normal' }}>{p.title}</span>} className="list-frame">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label="抽查机构">{p.agencyName}</Descriptions.Item>
        <Descriptions.Item label="领域">{p.fieldLabel}</Descriptions.Item>
        <Descriptions.Item label="产品类别">{p.categoryLabels.join('、')}</Descriptions.Item>
        <Descriptions.Item label="抽取">{`候选 ${p.candidateCount} 家，抽取 ${p.sampleCount} 家`}</Descriptions.Item>
        <Descriptions.Item label="公布时间">{beijingDateTime(p.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="状态">{p.statusLabel}</Descriptions.Item>
        <Descriptions.Item label="公开随机数来源">{p.publicValueSource}</Descriptions.Item>
        <Descriptions.Item label="公开随机数">{p.publicValue ?? '尚未抽取'}</Descriptions.Item>
        <Descriptions.Item label="抽取输入摘要（SM3）">
          <span style={{ wordBreak: 'break-all' }}>{p.inputsHash}</span>
        </Descriptions.Item>
        <Descriptions.Item label="复核">
          <Space wrap>
            <a href={`/api/v1/public/product-checks/${p.id}/inputs`}>下载抽取输入</a>
            {p.seed && (
              <a href={`/api/v1/public/product-checks/${p.id}/replay`} target="_blank" rel="noreferrer">
                重新运行抽取并比对
              </a>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {p.samples.length > 0 && (
        <List
          size="small"
          header="抽查结果"
          dataSource={p.samples}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{s.holderName}</span>
                    <Tag color={RESULT_COLORS[s.status]}>{s.statusLabel}</Tag>
                  </Space>
                }
                description={
                  s.productName
                    ? [
                        `${s.categoryLabel ?? ''} ${s.productName}，型号 ${s.model}，生产者 ${s.manufacturer}`,
                        s.certificateNo && `证书编号 ${s.certificateNo}`,
                        s.findingLabels.length > 0 && `不合格情形：${s.findingLabels.join('；')}`,
                      ]
                        .filter(Boolean)
                        .join('；')
                    : '待检查'
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 消防产品抽查公示 (MKT-02): published plans, the draw's inputs hash and public value, and the results. */
export function PublicProductChecksPage() {
  const list = useApi<PublicProductCheckList>('/api/v1/public/product-checks');
  return (
    <PortalPage>
      <Typography.Title level={3}>消防产品抽查公示</Typography.Title>
      <Typography.Paragraph type="secondary">
        抽查计划公布时即公开抽取输入及其摘要和将采用的公开随机数来源；抽取后任何人可下载输入、按公开随机数重新运行抽取并比对结果。
      </Typography.Paragraph>
      {list.error ? (
        <ApiErrorResult error={list.error} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {(list.data?.items ?? []).map((p) => (
            <PlanCard key={p.id} p={p} />
          ))}
          {list.data && list.data.items.length === 0 && <Empty description="暂无公示的消防产品抽查" />}
        </Space>
      )}
    </PortalPage>
  );
}
