import { PlusOutlined } from '@ant-design/icons';
import type { CaseReviewSummaryView, CaseReviewView } from '@fep/contracts';
import { CASE_FILE_KIND_LABELS, CASE_REVIEW_GRADE_LABELS } from '@fep/domain';
import { Button, Card, Col, Row, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
export const GRADE_COLORS: Record<CaseReviewView['grade'], string> = { excellent: 'success', pass: 'processing', fail: 'error' };

/**
 * 案卷评查 (OVS-02): the reviews of the jurisdiction's case files with their totals and grades, and the
 * average score per agency and per officer. 新建评查 opens the score form.
 */
export function CaseReviewsPage() {
  const { can } = useAuth();
  const columns: ListColumn<CaseReviewView>[] = [
    { title: '案卷', dataIndex: 'caseReference', hideOnCard: true },
    { title: '类型', dataIndex: 'fileKindLabel' },
    { title: '承办机构', key: 'agency', render: (_, r) => r.agency.name },
    {
      title: '承办人',
      key: 'officers',
      render: (_, r) =>
        r.officers.map((o, i) => (
          <span key={o.id}>
            {i > 0 && '、'}
            <Link to={`/admin/oversight/officers/${o.id}`}>{o.name}</Link>
          </span>
        )),
    },
    { title: '得分', dataIndex: 'total', sortKey: 'total', render: (v: number) => `${v} 分` },
    { title: '等次', dataIndex: 'gradeLabel', render: (v: string, r) => <Tag color={GRADE_COLORS[r.grade]}>{v}</Tag> },
    {
      title: '主要问题',
      key: 'issues',
      render: (_, r) =>
        [
          ...r.vetoFailed.map((v) => `${v.text}：${v.remark ?? ''}`),
          ...r.lines.filter((l) => l.deducted > 0).map((l) => `${l.section}扣 ${l.deducted} 分：${l.remark ?? ''}`),
        ].join('；') || '无',
    },
    { title: '评查人', key: 'reviewer', render: (_, r) => r.reviewer.name },
    { title: '评查时间', dataIndex: 'reviewedAt', sortKey: 'reviewedAt', render: (v: string) => beijingDateTime(v) },
  ];
  return (
    <>
      <ListPage<CaseReviewView>
        listKey="case-reviews"
        title="案卷评查"
        endpoint="/api/v1/oversight/case-reviews"
        searchPlaceholder="案卷编号"
        filters={[
          { param: 'grade', label: '等次', options: options(CASE_REVIEW_GRADE_LABELS) },
          { param: 'fileKind', label: '案卷类型', options: options(CASE_FILE_KIND_LABELS) },
        ]}
        columns={columns}
        rowKey={(r) => r.id}
        cardTitle={(r) => r.caseReference}
        emptyText="暂无评查记录"
        extra={
          can('oversight:review:record') && (
            <Link to="/admin/oversight/reviews/new">
              <Button type="primary" icon={<PlusOutlined />}>
                新建评查
              </Button>
            </Link>
          )
        }
      />
      <Averages />
    </>
  );
}

function Averages() {
  const q = useApi<CaseReviewSummaryView>('/api/v1/oversight/case-reviews/summary');
  const s = q.data;
  if (!s) return null;
  const avg = (v: number | null) => (v === null ? '—' : `${v} 分`);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} lg={10}>
        <Card title="各机构平均分" className="list-frame" style={{ marginBottom: 16 }}>
          <ResponsiveTable
            rowKey={(a) => a.agency.id}
            dataSource={s.agencies}
            pagination={pageWithTotal()}
            locale={{ emptyText: '暂无评查' }}
            columns={[
              { title: '机构', key: 'agency', render: (_, a) => a.agency.name },
              { title: '评查案卷', dataIndex: 'reviews', render: (v: number) => `${v} 件` },
              { title: '平均分', dataIndex: 'average', render: avg },
              { title: '不合格', dataIndex: 'failed', render: (v: number) => `${v} 件` },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title="执法人员平均分" className="list-frame">
          <ResponsiveTable
            rowKey={(o) => o.officer.id}
            dataSource={s.officers}
            pagination={pageWithTotal()}
            locale={{ emptyText: '暂无评查' }}
            columns={[
              { title: '执法人员', key: 'officer', render: (_, o) => <Link to={`/admin/oversight/officers/${o.officer.id}`}>{o.officer.name}</Link> },
              { title: '机构', dataIndex: 'agencyName' },
              { title: '评查案卷', dataIndex: 'reviews', render: (v: number) => `${v} 件` },
              { title: '平均分', dataIndex: 'average', render: avg },
              { title: '不合格', dataIndex: 'failed', render: (v: number) => `${v} 件` },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
