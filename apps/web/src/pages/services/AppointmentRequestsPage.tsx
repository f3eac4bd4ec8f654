import type { AppointmentRequestInput, AppointmentRequestList, AppointmentRequestView } from '@fep/contracts';
import { APPOINTMENT_REQUEST_KIND_LABELS } from '@fep/domain';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, InputNumber, List, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApi } from '../../query.ts';

type Kind = AppointmentRequestInput['kind'];
type FormValues = Omit<AppointmentRequestInput, 'kind' | 'proposedTimes'> & { time1: string; time2?: string; time3?: string };

const isoOf = (local: string) => new Date(local).toISOString();

/**
 * 预约演练培训 (SVC-03; 辽阳 003 #16): the unit proposes the times that suit it for a fire drill or a training by the
 * fire agency, or asks for a service outside office hours; it sees the agency's answer and reply deadline, accepts
 * another time the agency proposes, or cancels.
 */
export function AppointmentRequestsPage() {
  const mine = useApi<AppointmentRequestList>('/api/v1/appointments/requests/mine');
  const [kind, setKind] = useState<Kind>('drill');
  const [formKey, setFormKey] = useState(0);
  const reset = useCallback(() => setFormKey((k) => k + 1), []);
  const post = usePost(reset);
  const act = usePost(useCallback(() => undefined, []));
  const offHours = kind === 'off_hours';
  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>预约演练培训</Typography.Title>
        <Typography.Paragraph type="secondary">
          消防救援机构到单位组织消防演练或消防知识培训，按单位方便的时间预约，不影响正常生产经营；工作时间以外需要办事的，可预约非工作时间服务。
        </Typography.Paragraph>
        <Card style={{ marginBottom: 16 }}>
          <Segmented<Kind>
            block
            value={kind}
            onChange={(v) => setKind(v)}
            options={(Object.keys(APPOINTMENT_REQUEST_KIND_LABELS) as Kind[]).map((value) => ({ value, label: APPOINTMENT_REQUEST_KIND_LABELS[value] }))}
            style={{ marginBottom: 16 }}
          />
          <Form<FormValues>
            key={formKey}
            layout="vertical"
            onFinish={(v) =>
              void post(
                '/api/v1/appointments/requests',
                {
                  kind,
                  regionCode: v.regionCode,
                  unitName: v.unitName,
                  topic: v.topic,
                  place: v.place,
                  people: v.people,
                  contact: v.contact,
                  proposedTimes: [v.time1, v.time2, v.time3].filter((x): x is string => !!x).map(isoOf),
                },
                '已提交预约',
              )
            }
          >
            <Form.Item name="unitName" label="单位名称" rules={[{ required: true, min: 2, message: '请填写单位名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label="所在地区代码"
              extra="六位行政区划代码，如 440106"
              rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写六位地区代码' }]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="topic" label={offHours ? '需要办理的事项' : '演练或培训内容'} rules={[{ required: true, min: 2, message: '请填写内容' }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="place" label="地点" rules={[{ required: true, min: 2, message: '请填写地点' }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="people" label="参加人数" rules={[{ required: true, message: '请填写人数' }]}>
              <InputNumber min={1} max={5000} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="contact" label="联系电话" rules={[{ required: true, pattern: /^[0-9+\- ]{5,20}$/, message: '请填写正确的电话号码' }]}>
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name="time1" label={offHours ? '希望办理的时间（工作时间以外）' : '方便的时间一'} rules={[{ required: true, message: '请选择时间' }]}>
              <Input type="datetime-local" />
            </Form.Item>
            {!offHours && (
              <>
                <Form.Item name="time2" label="方便的时间二（可选）">
                  <Input type="datetime-local" />
                </Form.Item>
                <Form.Item name="time3" label="方便的时间三（可选）">
                  <Input type="datetime-local" />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" block>
              提交预约
            </Button>
          </Form>
        </Card>
        <Typography.Title level={4}>我的预约</Typography.Title>
        <List<AppointmentRequestView>
          loading={mine.isLoading}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无预约" /> }}
          renderItem={(r) => (
            <Card key={r.id} size="small" style={{ marginBottom: 12 }} title={r.kindLabel} extra={<Tag>{r.statusLabel}</Tag>}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="内容">{r.topic}</Descriptions.Item>
                <Descriptions.Item label="地点">{r.place}</Descriptions.Item>
                <Descriptions.Item label="提出的时间">{r.proposedTimes.map(beijingDateTime).join('；')}</Descriptions.Item>
                <Descriptions.Item label="受理机构">{r.agencyName}</Descriptions.Item>
                {r.replyDue && <Descriptions.Item label="答复期限">{r.replyDue}</Descriptions.Item>}
                {r.startsAt && <Descriptions.Item label="确定时间">{beijingDateTime(r.startsAt)}</Descriptions.Item>}
                {r.status === 'counter_proposed' && r.counterAt && <Descriptions.Item label="机构另提时间">{beijingDateTime(r.counterAt)}</Descriptions.Item>}
                {r.answer && <Descriptions.Item label="机构说明">{r.answer}</Descriptions.Item>}
              </Descriptions>
              {r.status === 'confirmed' && r.startsAt && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginTop: 8 }}
                  message={`已确认：${beijingDateTime(r.startsAt)}，${r.reminded ? '已发送开始前提醒' : '开始前会发送提醒'}`}
                />
              )}
              <Space wrap style={{ marginTop: 8 }}>
                {r.status === 'counter_proposed' && (
                  <Button
                    type="primary"
                    onClick={() => void act(`/api/v1/appointments/requests/${r.id}/accept`, { version: r.version }, '已同意机构提出的时间')}
                  >
                    同意该时间
                  </Button>
                )}
                {r.status === 'confirmed' && r.startsAt && new Date(r.startsAt).getTime() <= Date.now() && (
                  <Link to={`/evaluate?matterType=appointment_request&matterId=${encodeURIComponent(r.id)}`}>评价本次服务</Link>
                )}
                {(r.status === 'proposed' ||
                  r.status === 'counter_proposed' ||
                  (r.status === 'confirmed' && (!r.startsAt || new Date(r.startsAt).getTime() > Date.now()))) && (
                  <Button danger onClick={() => void act(`/api/v1/appointments/requests/${r.id}/cancel`, { version: r.version }, '已取消预约')}>
                    取消预约
                  </Button>
                )}
              </Space>
            </Card>
          )}
        />
      </div>
    </PortalPage>
  );
}
