import type {
  NotificationDeliveryPage,
  NotificationPage,
  NotificationPreferencesView,
  NotificationReadAllView,
  NotificationUnreadCount,
  NotificationView,
} from '@fep/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, List, Segmented, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { useApiMutation } from '../mutation.ts';
import { apiKey, invalidateApi, useApi } from '../query.ts';

const PAGE = 20;

/**
 * The notification centre's list (portal and back office alike): newest first in pages of 20, 全部 / 未读,
 * a click marks the notification read and opens its file, 全部已读. Reads the person's own notifications only.
 */
export function NotificationList() {
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const base = `/api/v1/notifications?limit=${PAGE}${filter === 'unread' ? '&unread=true' : ''}`;
  const pages = useInfiniteQuery<NotificationPage, ApiError>({
    queryKey: apiKey(base),
    queryFn: ({ pageParam }) => api<NotificationPage>(pageParam ? `${base}&cursor=${pageParam as string}` : base),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const unread = useApi<NotificationUnreadCount>('/api/v1/notifications/unread-count').data?.count ?? 0;
  const write = useApiMutation<NotificationReadAllView | NotificationView>('/api/v1/notifications');
  const items = pages.data?.pages.flatMap((p) => p.items) ?? null;

  async function open(n: NotificationView) {
    if (!n.readAt) {
      try {
        await write.mutateAsync({ url: `/api/v1/notifications/${n.id}/read` });
      } catch (e) {
        // Read meanwhile in another window: nothing to tell; anything else is.
        if (!(e instanceof ApiError && e.code === 'NOTIFICATION.ALREADY_READ')) message.error(e instanceof ApiError ? e.message : '操作失败');
        void invalidateApi('/api/v1/notifications');
      }
    }
    if (n.link) navigate(n.link);
  }

  async function readAll() {
    try {
      const r = await write.mutateAsync({ url: '/api/v1/notifications/read-all' });
      message.success(`已将 ${(r as NotificationReadAllView).marked} 条通知标记为已读`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  }

  return (
    <div className="notification-centre">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as 'all' | 'unread')}
          options={[
            { label: '全部', value: 'all' },
            { label: `未读${unread ? `（${unread}）` : ''}`, value: 'unread' },
          ]}
        />
        <Button onClick={() => void readAll()} disabled={unread === 0} loading={write.isPending}>
          全部已读
        </Button>
      </Space>
      {items === null ? (
        pages.isError ? (
          <Alert type="error" showIcon message={pages.error.message} />
        ) : (
          <Skeleton active />
        )
      ) : items.length === 0 ? (
        <Empty description={filter === 'unread' ? '没有未读通知' : '暂无通知'} />
      ) : (
        <List
          dataSource={items}
          rowKey="id"
          renderItem={(n) => (
            <List.Item
              className={n.readAt ? 'notification-item' : 'notification-item unread'}
              onClick={() => void open(n)}
              role="link"
              tabIndex={0}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void open(n);
              }}
              data-testid="notification-item"
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    {!n.readAt && <span className="unread-dot" aria-hidden="true" />}
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div className="notification-body">{n.body}</div>
                    <Space size={8} wrap style={{ marginTop: 4 }}>
                      <Tag>{n.kindLabel}</Tag>
                      <Typography.Text type="secondary">{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                      {n.readAt ? <Typography.Text type="secondary">已读</Typography.Text> : <Tag color="red">未读</Tag>}
                    </Space>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {pages.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            加载更多
          </Button>
        </div>
      )}
    </div>
  );
}

/** 通知方式: per kind, whether it also comes by SMS (in-app is always on); the phone number shown masked. */
export function NotificationSettings() {
  const prefs = useApi<NotificationPreferencesView>('/api/v1/notifications/preferences');
  const write = useApiMutation('/api/v1/notifications/preferences');
  const { message } = App.useApp();
  const v = prefs.data;
  if (!v) return prefs.isError ? <Alert type="error" showIcon message={prefs.error.message} /> : <Skeleton active />;
  async function set(kind: string, sms: boolean) {
    try {
      await write.mutateAsync({ url: `/api/v1/notifications/preferences/${kind}`, method: 'PUT', body: { sms } });
      message.success(sms ? '已开启短信提醒' : '已关闭短信提醒');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  }
  return (
    <div>
      {!v.smsAvailable && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本平台尚未开通短信通道，通知目前只在站内显示；开通后按下列设置发送短信。" />
      )}
      <Typography.Paragraph type="secondary">
        站内消息始终保留。短信发送至{v.phone ? `登记的手机号码 ${v.phone}` : '账号登记的手机号码（尚未登记，请联系管理员）'}。
      </Typography.Paragraph>
      <List
        bordered
        dataSource={v.items}
        rowKey="kind"
        renderItem={(i) => (
          <List.Item
            extra={
              <Space>
                <span>短信</span>
                <Switch checked={i.sms} aria-label={`${i.label}：短信提醒`} loading={write.isPending} onChange={(on) => void set(i.kind, on)} />
              </Space>
            }
          >
            {i.label}
          </List.Item>
        )}
      />
    </div>
  );
}

const DELIVERY_COLORS = { pending: 'processing', sent: 'success', failed: 'warning', dead: 'error' } as const;

/**
 * 短信发送记录 (administrators): the one delivery log of the SMS channel, newest first, phone numbers masked by
 * the API; a failed message shows its last error and when it is tried again.
 */
export function DeliveryLog() {
  const [status, setStatus] = useState<'all' | 'failed' | 'dead'>('all');
  const path = `/api/v1/notifications/deliveries?limit=50${status === 'all' ? '' : `&status=${status}`}`;
  const log = useApi<NotificationDeliveryPage>(path);
  const items = log.data?.items ?? null;
  return (
    <div>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[
          { label: '全部', value: 'all' },
          { label: '失败重试中', value: 'failed' },
          { label: '已停止', value: 'dead' },
        ]}
      />
      {items === null ? (
        log.isError ? (
          <Alert type="error" showIcon message={log.error.message} />
        ) : (
          <Skeleton active />
        )
      ) : items.length === 0 ? (
        <Empty description="暂无短信发送记录" />
      ) : (
        <List
          dataSource={items}
          rowKey="id"
          renderItem={(d) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Tag color={DELIVERY_COLORS[d.status]}>{d.statusLabel}</Tag>
                    <Typography.Text>{d.title}</Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span>
                      {d.channelLabel} · {d.recipient} · {d.kindLabel} · 已尝试 {d.attempts} 次
                    </span>
                    <span>
                      {dayjs(d.createdAt).format('YYYY-MM-DD HH:mm')} 生成
                      {d.sentAt ? `，${dayjs(d.sentAt).format('YYYY-MM-DD HH:mm')} 发出` : ''}
                      {d.nextAttemptAt && d.status === 'failed' ? `，${dayjs(d.nextAttemptAt).format('HH:mm:ss')} 重试` : ''}
                    </span>
                    {d.lastError && <Typography.Text type="danger">{d.lastError}</Typography.Text>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
