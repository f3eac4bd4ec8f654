import type { TimelineView } from '@fep/contracts';
import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useAuth } from '../auth.tsx';
import { beijingDateTime } from '../licensing.ts';
import { useApi } from '../query.ts';

/**
 * 流转记录 of a file (application, inspection task, rectification order …): every step of its enforcement
 * record in time order — what was done (Chinese label), by whom (name, role) and when. Fed by
 * GET /api/v1/audit/timeline; shown to staff holding audit:timeline:read.
 */
export function RecordTimeline({ target, title = '流转记录' }: { target: `${string}:${string}`; title?: string }) {
  const { can } = useAuth();
  const allowed = can('audit:timeline:read');
  const q = useApi<TimelineView>(allowed ? `/api/v1/audit/timeline?target=${encodeURIComponent(target)}` : null);
  if (!allowed) return null;
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }} data-testid="record-timeline">
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : q.error ? (
        <Typography.Text type="secondary">{q.error.message}</Typography.Text>
      ) : !q.data?.length ? (
        <Empty description="暂无流转记录" />
      ) : (
        <Timeline
          items={q.data.map((e) => ({
            key: e.id,
            color: e.outcome === 'success' ? 'green' : 'red',
            content: (
              <div>
                <Typography.Text strong>{e.actionLabel}</Typography.Text>
                <div>
                  {e.actorName}
                  {e.actorRoleLabel ? ` · ${e.actorRoleLabel}` : ''}
                  {e.agencyName ? <Typography.Text type="secondary"> · {e.agencyName}</Typography.Text> : null}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {beijingDateTime(e.occurredAt)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
