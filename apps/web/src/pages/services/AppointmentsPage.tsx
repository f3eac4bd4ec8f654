import type { BookingRequest, BookingView, SlotList, SlotView } from '@fep/contracts';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/**
 * 预约参观 (SVC-03): station open days and education-base visits with the places left; booking without an
 * account gives a booking code — to look the booking up, cancel it, and evaluate the visit afterwards.
 */
export function AppointmentsPage() {
  const slots = useApi<SlotList>('/api/v1/appointments/slots');
  const [booking, setBooking] = useState<SlotView | null>(null);
  const [booked, setBooked] = useState<BookingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => `booking-${crypto.randomUUID()}`);

  async function book(v: BookingRequest) {
    setBusy(true);
    setError(null);
    try {
      const r = await api<BookingView>(`/api/v1/appointments/slots/${booking!.id}/bookings`, { method: 'POST', body: v, headers: { 'idempotency-key': key } });
      setBooked(r);
      setBooking(null);
      setKey(`booking-${crypto.randomUUID()}`);
      void slots.refetch();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '预约失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>预约参观</Typography.Title>
        <Typography.Paragraph type="secondary">消防站开放日、消防科普教育基地参观，名额有限，先到先得。无需登录，请保存预约码。</Typography.Paragraph>
        {booked && (
          <Card style={{ marginBottom: 16 }}>
            <Result
              status="success"
              title="预约成功"
              subTitle={`${booked.slot.title} · ${beijingDateTime(booked.slot.startsAt)} · ${booked.people} 人`}
              extra={
                <div>
                  <Typography.Text>预约码（查看、取消和参观后评价时使用）：</Typography.Text>
                  <Typography.Title level={4} copyable data-testid="booking-code">
                    {booked.code}
                  </Typography.Title>
                </div>
              }
            />
          </Card>
        )}
        <List<SlotView>
          loading={slots.isLoading}
          dataSource={slots.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无可预约的场次" /> }}
          renderItem={(s) => (
            <Card key={s.id} style={{ marginBottom: 12 }} title={s.title} extra={<Tag>{s.kindLabel}</Tag>}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="时间">
                  {beijingDateTime(s.startsAt)} 至 {beijingDateTime(s.endsAt)}
                </Descriptions.Item>
                <Descriptions.Item label="地点">{s.place}</Descriptions.Item>
                <Descriptions.Item label="承办">{s.agencyName}</Descriptions.Item>
                <Descriptions.Item label="剩余名额">{s.remaining > 0 ? `${s.remaining} / ${s.capacity}` : '已约满'}</Descriptions.Item>
              </Descriptions>
              <Button type="primary" block disabled={s.remaining === 0} onClick={() => setBooking(s)}>
                {s.remaining === 0 ? '已约满' : '预约'}
              </Button>
            </Card>
          )}
        />
        <BookingLookup />
      </div>
      <Modal open={!!booking} title={booking ? `预约：${booking.title}` : ''} footer={null} onCancel={() => setBooking(null)} destroyOnHidden>
        <Form<BookingRequest> layout="vertical" onFinish={(v) => void book(v)} initialValues={{ people: 1 }}>
          <Form.Item name="name" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, pattern: /^[0-9+\- ]{5,20}$/, message: '请填写正确的电话号码' }]}>
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item name="people" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={1} max={50} style={{ width: '100%' }} />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy} block>
            确认预约
          </Button>
        </Form>
      </Modal>
    </PortalPage>
  );
}

function BookingLookup() {
  const [b, setB] = useState<BookingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = async (code: string) => {
    setError(null);
    try {
      setB(await api<BookingView>(`/api/v1/appointments/bookings/${encodeURIComponent(code.trim())}`));
    } catch (e) {
      setB(null);
      setError(e instanceof ApiError ? e.message : '查询失败');
    }
  };
  const cancel = async () => {
    try {
      setB(await api<BookingView>(`/api/v1/appointments/bookings/${b!.code}/cancel`, { method: 'POST', body: {} }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '取消失败');
    }
  };
  return (
    <Card title="我的预约">
      <Form layout="vertical" onFinish={(v: { code: string }) => void find(v.code)} requiredMark={false}>
        <Form.Item name="code" label="预约码" rules={[{ required: true, message: '请输入预约码' }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" block>
          查询
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {b && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="场次">{b.slot.title}</Descriptions.Item>
            <Descriptions.Item label="时间">{beijingDateTime(b.slot.startsAt)}</Descriptions.Item>
            <Descriptions.Item label="人数">{b.people}</Descriptions.Item>
            <Descriptions.Item label="状态">{b.statusLabel}</Descriptions.Item>
          </Descriptions>
          {b.status === 'booked' && (
            <Button danger block onClick={() => void cancel()}>
              取消预约
            </Button>
          )}
          {b.canEvaluate && (
            <Link to={`/evaluate?matterType=appointment&matterId=${encodeURIComponent(b.code)}`}>
              <Button type="primary" block>
                评价本次参观
              </Button>
            </Link>
          )}
        </Space>
      )}
    </Card>
  );
}
