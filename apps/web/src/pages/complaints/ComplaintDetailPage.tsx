import type { ComplaintView, DuplicateSuggestionsView, InspectorView } from '@fep/contracts';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_OUTCOME_LABELS } from '@fep/domain';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, List, Radio, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { MapView } from '../../components/MapView.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { dueText } from './ComplaintsPage.tsx';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The file of a report (CMP-02 … CMP-04): facts, photos and place, the verification clock, the reporter (only
 * for the intake role; the view is recorded), duplicates, and the next step of its handling — category,
 * duplicate link, two inspectors to verify, the outcome, feedback, return visit and reward.
 */
export function ComplaintDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const q = useApi<ComplaintView>(`/api/v1/complaints/${id}`);
  const intake = can('complaints:complaint:intake');
  const dupes = useApi<DuplicateSuggestionsView>(intake && q.data?.status === 'received' ? `/api/v1/complaints/${id}/duplicates` : null);
  const inspectors = useApi<InspectorView[]>(intake && q.data?.status === 'received' ? '/api/v1/inspectors' : null).data ?? [];
  const write = useApiMutation<ComplaintView>('/api/v1/complaints');
  const [error, setError] = useState<string | null>(null);
  const here = useMemo(
    () =>
      q.data?.location
        ? [{ id: q.data.id, lat: q.data.location.lat, lng: q.data.location.lng, color: '#cf1322', title: q.data.address ?? q.data.categoryName }]
        : [],
    [q.data],
  );
  if (q.error) return <ApiErrorResult error={q.error} what="举报" />;
  const c = q.data;
  if (!c) return <Skeleton active />;

  async function step(path: string, body: unknown, done: string) {
    setError(null);
    try {
      await write.mutateAsync({ url: `/api/v1/complaints/${id}/${path}`, body });
      message.success(done);
      await q.refetch();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败');
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  }
  const action = (title: string, body: ReactNode) => (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );

  return (
    <div>
      <Typography.Title level={4}>
        {c.categoryName} <Tag>{c.statusLabel}</Tag>
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="核查时限" style={{ marginBottom: 16 }}>
            <Typography.Text strong data-testid="clock">
              {c.clock.label} · {dueText(c.clock)} · {c.clock.stateLabel}
            </Typography.Text>
          </Card>
          <Card title="举报内容" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="内容">{c.description}</Descriptions.Item>
              <Descriptions.Item label="来源">{c.channelLabel}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{beijingDateTime(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="受理机构">{c.agencyName}</Descriptions.Item>
              {c.reportedCategory !== c.category && (
                <Descriptions.Item label="举报人所选类别">
                  {COMPLAINT_CATEGORY_LABELS[c.reportedCategory as keyof typeof COMPLAINT_CATEGORY_LABELS]}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="地址">{c.address ?? '—'}</Descriptions.Item>
              {c.location && (
                <Descriptions.Item label="位置（WGS84）">
                  {c.location.lat.toFixed(6)}, {c.location.lng.toFixed(6)}（{c.location.receivedAs}）
                </Descriptions.Item>
              )}
              {c.unitUsci && <Descriptions.Item label="被举报单位">{c.unitUsci}</Descriptions.Item>}
              {c.externalRef && <Descriptions.Item label="12345 工单号">{c.externalRef}</Descriptions.Item>}
              <Descriptions.Item label="身份">{c.anonymityLabel}</Descriptions.Item>
              {c.photos.length > 0 && <Descriptions.Item label="照片">{c.photos.length} 张</Descriptions.Item>}
              {c.duplicateOf && <Descriptions.Item label="已并入">{c.duplicateOf}</Descriptions.Item>}
              {c.duplicates.length > 0 && <Descriptions.Item label="并案的重复举报">{c.duplicates.length} 件</Descriptions.Item>}
            </Descriptions>
          </Card>
          {c.location && (
            <Card title="位置" style={{ marginBottom: 16 }}>
              <MapView aria-label="举报位置地图" height={240} points={here} />
            </Card>
          )}
          {c.reporter && (
            <Card title="举报人（仅受理岗可见）" style={{ marginBottom: 16 }}>
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="本次查看已记入执法记录。举报人信息不得告知被举报单位、检查人员或他人。" />
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="姓名">{c.reporter.name ?? '未留'}</Descriptions.Item>
                <Descriptions.Item label="电话">{c.reporter.phone ?? '未留'}</Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          {(c.outcome || c.feedback || c.feedbackImpossible) && (
            <Card title="核查与答复" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={1} bordered>
                {c.outcomeLabel && <Descriptions.Item label="核查结论">{c.outcomeLabel}</Descriptions.Item>}
                {c.findings && <Descriptions.Item label="核查情况">{c.findings}</Descriptions.Item>}
                {c.verifiedAt && <Descriptions.Item label="核查时间">{beijingDateTime(c.verifiedAt)}</Descriptions.Item>}
                {c.feedback && <Descriptions.Item label="告知举报人">{c.feedback}</Descriptions.Item>}
                {c.feedbackImpossible && <Descriptions.Item label="无法告知的原因">{c.feedbackImpossible}</Descriptions.Item>}
                {c.satisfactionLabel && <Descriptions.Item label="回访满意度">{c.satisfactionLabel}</Descriptions.Item>}
                {c.reward && (
                  <Descriptions.Item label="举报奖励">
                    {c.reward.statusLabel}
                    {c.reward.amount != null ? ` · ${c.reward.amount} 元` : ''}
                    {c.reward.reason ? `（${c.reward.reason}）` : ''}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          {intake && c.status === 'received' && (
            <>
              {action(
                '派员核查',
                <Form
                  layout="vertical"
                  initialValues={{ usci: c.unitUsci ?? '' }}
                  onFinish={(v: { usci: string; inspectorIds: string[] }) =>
                    void step('verification', { usci: v.usci || null, inspectorIds: v.inspectorIds }, '已派员核查')
                  }
                >
                  <Form.Item name="usci" label="被举报单位统一社会信用代码" rules={[{ required: true, len: 18, message: '请确认 18 位统一社会信用代码' }]}>
                    <Input maxLength={18} />
                  </Form.Item>
                  <Form.Item name="inspectorIds" label="两名执法人员" rules={[{ required: true, type: 'array', len: 2, message: '请选择两名执法人员' }]}>
                    <Select mode="multiple" maxCount={2} options={inspectors.map((i) => ({ value: i.userId, label: i.name }))} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block loading={write.isPending}>
                    派员核查
                  </Button>
                </Form>,
              )}
              {action(
                '确认或更正类别',
                <Form
                  name="category"
                  layout="vertical"
                  onFinish={(v: { category: string; reason: string }) => void step('category', v, '已更正类别，核查时限已重新计算')}
                >
                  <Form.Item name="category" label="类别" rules={[{ required: true }]}>
                    <Select options={options(COMPLAINT_CATEGORY_LABELS)} />
                  </Form.Item>
                  <Form.Item name="reason" label="更正理由" rules={[{ required: true, min: 2 }]}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Button htmlType="submit" block>
                    更正类别
                  </Button>
                </Form>,
              )}
              {action(
                '移交有管辖权的机构',
                <Form
                  name="transfer"
                  layout="vertical"
                  onFinish={async (v: { regionCode: string; reason: string }) => {
                    setError(null);
                    try {
                      const moved = await write.mutateAsync({ url: `/api/v1/complaints/${id}/transfer`, body: v });
                      // The report has left this agency's jurisdiction: back to the queue, which no longer lists it.
                      message.success(`已移交${moved.agencyName}，核查时限继续计算`);
                      navigate('/admin/complaints');
                    } catch (e) {
                      setError(e instanceof ApiError ? e.message : '操作失败');
                      message.error(e instanceof ApiError ? e.message : '操作失败');
                    }
                  }}
                >
                  <Typography.Paragraph type="secondary">
                    移交后由接收机构核查，时限仍自受理时起计算，不因移交而延长；本机构不再能查看该举报。
                  </Typography.Paragraph>
                  <Form.Item name="regionCode" label="被举报地点所在地区" rules={[{ required: true, message: '请选择地区' }]}>
                    <RegionPicker aria-label="被举报地点所在地区" />
                  </Form.Item>
                  <Form.Item name="reason" label="移交理由" rules={[{ required: true, min: 2, message: '请说明移交理由' }]}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Button htmlType="submit" block loading={write.isPending}>
                    移交
                  </Button>
                </Form>,
              )}
              {(dupes.data?.items.length ?? 0) > 0 &&
                action(
                  '疑似重复举报',
                  <List
                    dataSource={dupes.data?.items ?? []}
                    renderItem={(d) => (
                      <List.Item
                        actions={[
                          <Button key="link" size="small" onClick={() => void step('duplicate-of', { originalId: d.id }, '已并案')}>
                            并入该举报
                          </Button>,
                        ]}
                      >
                        <List.Item.Meta title={`${d.reasonLabel} · ${d.statusLabel}`} description={`${beijingDateTime(d.receivedAt)} ${d.description}`} />
                      </List.Item>
                    )}
                  />,
                )}
            </>
          )}
          {intake &&
            c.status === 'verifying' &&
            action(
              '核查结论',
              <Form
                layout="vertical"
                initialValues={{ outcome: 'founded' }}
                onFinish={(v: { outcome: string; findings: string }) => void step('outcome', v, '已作出核查结论')}
              >
                <Form.Item name="outcome" label="结论" rules={[{ required: true }]}>
                  <Radio.Group options={options(COMPLAINT_OUTCOME_LABELS)} />
                </Form.Item>
                <Form.Item name="findings" label="核查情况" rules={[{ required: true, min: 2 }]}>
                  <Input.TextArea rows={3} maxLength={3000} />
                </Form.Item>
                <Typography.Paragraph type="secondary">须待两名执法人员在检查任务中录入核查记录后作出。</Typography.Paragraph>
                <Button type="primary" htmlType="submit" block>
                  作出结论
                </Button>
              </Form>,
            )}
          {intake &&
            c.status === 'verified' &&
            action(
              '告知举报人并办结',
              <Form
                layout="vertical"
                onFinish={(v: { feedback?: string; impossibleReason?: string }) =>
                  void step('feedback', { feedback: v.feedback || null, impossibleReason: v.impossibleReason || null }, '已答复办结')
                }
              >
                <Form.Item name="feedback" label="告知举报人的处理情况（举报人凭查询码可见）">
                  <Input.TextArea rows={3} maxLength={3000} />
                </Form.Item>
                <Form.Item name="impossibleReason" label="无法告知的，注明原因">
                  <Input maxLength={500} />
                </Form.Item>
                <Button type="primary" htmlType="submit" block>
                  答复办结
                </Button>
              </Form>,
            )}
          {intake &&
            c.status === 'closed' &&
            action(
              '电话回访',
              <Form
                layout="vertical"
                initialValues={{ satisfied: true }}
                onFinish={(v: { satisfied: boolean; note?: string }) => void step('return-visits', v, '已记录回访')}
              >
                <Form.Item name="satisfied" label="满意度">
                  <Radio.Group
                    options={[
                      { value: true, label: '满意' },
                      { value: false, label: '不满意（重新办理）' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="note" label="回访记录">
                  <Input maxLength={1000} />
                </Form.Item>
                <Button htmlType="submit" block>
                  记录回访
                </Button>
              </Form>,
            )}
          {can('complaints:reward:decide') && c.outcome && !c.reward && (
            <Space style={{ marginBottom: 16 }}>
              <Button onClick={() => void step('reward', { excludedPerson: false }, '已按本地规定决定奖励')}>决定举报奖励</Button>
            </Space>
          )}
        </Col>
      </Row>
    </div>
  );
}
