import type { OfficerRow } from '@fep/contracts';
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';

/** 执法档案 (OVS-02): the officers of the jurisdiction with their certificate and review average; each opens its file. */
export function OfficersPage() {
  const columns: ListColumn<OfficerRow>[] = [
    { title: '姓名', dataIndex: 'name', hideOnCard: true, render: (v: string, o) => <Link to={`/admin/oversight/officers/${o.id}`}>{v}</Link> },
    { title: '机构', key: 'agency', render: (_, o) => o.agency.name },
    { title: '岗位', key: 'roles', render: (_, o) => o.roleLabels.join('、') || '—' },
    {
      title: '执法资格',
      key: 'certification',
      render: (_, o) =>
        o.certification ? (
          <Tag color={o.certification.valid ? 'success' : 'error'}>
            {o.certification.valid ? '有效' : '已失效'} · {o.certification.certificateNo}
          </Tag>
        ) : (
          <Tag>未取得</Tag>
        ),
    },
    { title: '评查案卷', dataIndex: 'reviews', render: (v: number) => `${v} 件` },
    { title: '平均分', dataIndex: 'average', render: (v: number | null) => (v === null ? '—' : `${v} 分`) },
  ];
  return (
    <ListPage<OfficerRow>
      listKey="officers"
      title="执法档案"
      endpoint="/api/v1/oversight/officers"
      searchPlaceholder="姓名"
      columns={columns}
      rowKey={(o) => o.id}
      cardTitle={(o) => <Link to={`/admin/oversight/officers/${o.id}`}>{o.name}</Link>}
      emptyText="暂无执法人员"
    />
  );
}
