import type { CourseList, CourseView, TrainingArchive, UnitTrainingArchive } from '@fep/contracts';
import { Alert, Button, Card, Descriptions, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/**
 * 在线培训 (SVC-04): the published courses (anyone may read them); a signed-in person records finishing one,
 * keeps a training archive, and a unit's account sees its people's archive and who is due for retraining.
 */
export function TrainingPage() {
  const { me, can } = useAuth();
  const [tab, setTab] = useState<'courses' | 'mine' | 'unit'>('courses');
  const learner = can('services:training:learn');
  const tabs = [
    { label: '课程', value: 'courses' },
    ...(learner ? [{ label: '我的档案', value: 'mine' }] : []),
    ...(can('portal:training:unit') ? [{ label: '单位档案', value: 'unit' }] : []),
  ];
  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>在线培训</Typography.Title>
        <Typography.Paragraph type="secondary">消防安全在线课程。登录后学习完成可登记入培训档案，单位可查看人员培训情况和到期复训提醒。</Typography.Paragraph>
        {!me && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={
              <span>
                登记完成培训请先<Link to="/login">登录</Link>。
              </span>
            }
          />
        )}
        {tabs.length > 1 && <Segmented block value={tab} onChange={(v) => setTab(v as typeof tab)} options={tabs} style={{ marginBottom: 16 }} />}
        {tab === 'courses' && <Courses learner={learner} />}
        {tab === 'mine' && <MyArchive />}
        {tab === 'unit' && <UnitArchive />}
      </div>
    </PortalPage>
  );
}

function Courses({ learner }: { learner: boolean }) {
  const courses = useApi<CourseList>('/api/v1/training/courses');
  const noop = useCallback(() => {}, []);
  const post = usePost(noop);
  return (
    <List<CourseView>
      loading={courses.isLoading}
      dataSource={courses.data?.items ?? []}
      locale={{ emptyText: <Empty description="暂无培训课程" /> }}
      renderItem={(c) => (
        <Card key={c.id} style={{ marginBottom: 12 }} title={c.title} extra={<Tag>{c.kindLabel}</Tag>}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="学时">{c.durationMinutes} 分钟</Descriptions.Item>
            <Descriptions.Item label="适用对象">{c.audience}</Descriptions.Item>
            <Descriptions.Item label="发布单位">{c.agencyName}</Descriptions.Item>
          </Descriptions>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button block href={c.resource.startsWith('https://') ? c.resource : `/api/v1/files/${c.resource}`} target="_blank" rel="noreferrer">
              {c.kind === 'video' ? '观看课程' : '阅读课程'}
            </Button>
            {learner &&
              (c.completed ? (
                <Tag color="success">已完成，已记入培训档案</Tag>
              ) : (
                <Button type="primary" block onClick={() => void post(`/api/v1/training/courses/${c.id}/completions`, {}, '已记入培训档案')}>
                  我已学完，登记完成
                </Button>
              ))}
          </Space>
        </Card>
      )}
    />
  );
}

function MyArchive() {
  const a = useApi<TrainingArchive>('/api/v1/training/archive/me');
  if (!a.data) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="已完成课程">{a.data.items.length} 门</Descriptions.Item>
          <Descriptions.Item label="累计学时">{a.data.totalMinutes} 分钟</Descriptions.Item>
          <Descriptions.Item label="最近培训">{a.data.lastCompletedOn ?? '尚未参加培训'}</Descriptions.Item>
          <Descriptions.Item label="下次复训">{a.data.due ? <Tag color="warning">已到期，请参加培训</Tag> : a.data.nextDueOn}</Descriptions.Item>
        </Descriptions>
      </Card>
      <List
        dataSource={a.data.items}
        locale={{ emptyText: <Empty description="暂无培训记录" /> }}
        renderItem={(x) => (
          <List.Item key={x.id}>
            <List.Item.Meta title={x.courseTitle} description={`${beijingDateTime(x.completedAt)} 完成 · ${x.durationMinutes} 分钟`} />
          </List.Item>
        )}
      />
    </Space>
  );
}

function UnitArchive() {
  const a = useApi<UnitTrainingArchive>('/api/v1/training/archive/unit');
  if (!a.data) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {a.data.dueNames.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={`到期应复训：${a.data.dueNames.join('、')}`}
          description={`复训周期 ${a.data.retrainIntervalMonths} 个月（${a.data.legalBasis}）`}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          message="本单位人员均在培训周期内"
          description={`复训周期 ${a.data.retrainIntervalMonths} 个月（${a.data.legalBasis}）`}
        />
      )}
      <List
        dataSource={a.data.people}
        renderItem={(p) => (
          <Card
            key={p.name}
            size="small"
            style={{ marginBottom: 8 }}
            title={p.name}
            extra={p.due ? <Tag color="warning">应复训</Tag> : <Tag color="success">在周期内</Tag>}
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label="已完成">
                {p.courses} 门 · {p.totalMinutes} 分钟
              </Descriptions.Item>
              <Descriptions.Item label="最近培训">{p.lastCompletedOn ?? '尚未参加培训'}</Descriptions.Item>
              {p.nextDueOn && <Descriptions.Item label="下次复训">{p.nextDueOn}</Descriptions.Item>}
            </Descriptions>
          </Card>
        )}
      />
    </Space>
  );
}
