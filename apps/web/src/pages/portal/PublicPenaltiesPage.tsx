import type { PublicPenaltyPage, PublicPenaltyView } from '@fep/contracts';
import { Card, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useApi } from '../../query.ts';

/**
 * 行政处罚公示 (ENF-07): the published penalty decisions in the national record's fields, newest first; a
 * person's name and ID number masked, fines in 万元; withdrawn decisions and those past their period are gone.
 */
export function PublicPenaltiesPage() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const data = useApi<PublicPenaltyPage>(`/api/v1/public/penalties?page=${page}&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  return (
    <PortalPage>
      <Typography.Title level={3}>行政处罚公示</Typography.Title>
      <Typography.Paragraph>
        <Link to="/credit">查询单位信用等级、失信记录和严重失信主体名单 →</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        依据《中华人民共和国行政处罚法》第四十八条公开。自然人信息已作脱敏处理；决定被撤销或变更的，公示已撤回。
      </Typography.Paragraph>
      <Input.Search
        placeholder="当事人名称、统一社会信用代码或决定书文号"
        allowClear
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        style={{ maxWidth: 420, marginBottom: 16 }}
        aria-label="搜索处罚决定"
      />
      <Card className="list-frame">
        <ResponsiveTable<PublicPenaltyView>
          cardHead={2}
          rowKey="id"
          loading={data.isLoading}
          dataSource={data.data?.items ?? []}
          locale={{ emptyText: '暂无公示的处罚决定' }}
          pagination={{ current: page, pageSize: 20, total: data.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '行政相对人名称', dataIndex: 'partyName' },
            { title: '决定书文号', dataIndex: 'decisionNumber' },
            { title: '统一社会信用代码', dataIndex: 'usci', render: (v: string | null, r) => v ?? r.idNumber ?? '' },
            { title: '违法行为类型', dataIndex: 'violationType' },
            { title: '处罚依据', dataIndex: 'basis' },
            { title: '处罚类别', dataIndex: 'category' },
            { title: '处罚内容', dataIndex: 'content' },
            { title: '罚款金额（万元）', dataIndex: 'fineWan', render: (v: number | null) => (v === null ? '—' : v) },
            { title: '处罚决定日期', dataIndex: 'decisionDate' },
            { title: '处罚机关', dataIndex: 'agency' },
            { title: '公示截止期', dataIndex: 'publicityUntil' },
          ]}
        />
      </Card>
    </PortalPage>
  );
}
