import type { BlacklistView, BlacklistEntry as Entry } from '@fep/contracts';
import { BLACKLIST_CRITERION_LABELS } from '@fep/domain';
import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** 严重失信主体名单 (CRD-02) of the jurisdiction, with the criteria each unit meets. */
export function BlacklistPage({ publicView = false }: { publicView?: boolean }) {
  const list = useApi<BlacklistView>(publicView ? '/api/v1/public/credit/blacklist' : '/api/v1/credit/blacklist');
  return (
    <>
      <Typography.Title level={publicView ? 4 : 3}>严重失信主体名单</Typography.Title>
      <Card className="list-frame">
        <ResponsiveTable<Entry>
          rowKey="usci"
          cardHead={1}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '名单为空' }}
          columns={[
            { title: '单位', dataIndex: 'name', render: (v: string, e) => (publicView ? v : <Link to={`/admin/credit/units/${e.usci}`}>{v}</Link>) },
            { title: '统一社会信用代码', dataIndex: 'usci' },
            { title: '认定情形', dataIndex: 'criteria', render: (c: Entry['criteria']) => c.map((x) => BLACKLIST_CRITERION_LABELS[x]).join('；') },
            { title: '列入时间', dataIndex: 'since', render: (v: string) => beijingDateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}

export function AdminBlacklistPage() {
  return <BlacklistPage />;
}
