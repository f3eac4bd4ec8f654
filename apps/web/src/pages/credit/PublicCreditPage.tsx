import type { PublicCreditView } from '@fep/contracts';
import { CREDIT_RECORD_KIND_LABELS } from '@fep/domain';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';
import { BlacklistPage } from './BlacklistPage.tsx';
import { LEVEL_COLORS } from './CreditView.tsx';

/** 信用公示 (CRD-03): a unit's credit level and its records inside their publicity period; the serious-dishonesty list. */
export function PublicCreditPage() {
  const [usci, setUsci] = useState<string | null>(null);
  const c = useApi<PublicCreditView>(usci ? `/api/v1/public/credit?usci=${encodeURIComponent(usci)}` : null);
  return (
    <PortalPage>
      <Typography.Title level={3}>信用公示</Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Input.Search placeholder="统一社会信用代码" enterButton="查询" onSearch={(v) => setUsci(v.trim().toUpperCase() || null)} style={{ maxWidth: 480 }} />
        {c.error ? (
          <ApiErrorResult error={c.error} what="单位信用信息" />
        ) : (
          c.data && (
            <Card
              title={
                <Space wrap>
                  {c.data.name}
                  <Tag color={LEVEL_COLORS[c.data.level]}>信用{c.data.level}级</Tag>
                  {c.data.blacklisted && <Tag color="red">严重失信主体</Tag>}
                </Space>
              }
            >
              <List
                dataSource={c.data.records}
                locale={{ emptyText: <Empty description="公示期内没有失信记录" /> }}
                renderItem={(r) => (
                  <List.Item>
                    <List.Item.Meta
                      title={CREDIT_RECORD_KIND_LABELS[r.kind]}
                      description={`${r.reason}（${beijingDateTime(r.at)}，公示至 ${r.publicUntil}）`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          )
        )}
        <BlacklistPage publicView />
        <Space wrap>
          <Link to="/organisations">消防技术服务机构名录 →</Link>
          <Link to="/product-checks">消防产品抽查公示 →</Link>
        </Space>
      </Space>
    </PortalPage>
  );
}
