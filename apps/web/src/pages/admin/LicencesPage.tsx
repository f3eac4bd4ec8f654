import type { PendingLicenceRequestView as ChangeRequest } from '@fep/contracts';
import { LICENCE_CHANGE_FIELD_LABELS } from '@fep/domain';
import { Button, Card, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { usePost } from '../../components/usePost.ts';
import { LICENCE_COLORS, type LicenceView } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** Permits of the agency: change and reissue requests (LIC-08/09), delivery (LIC-10), revocation (LIC-09). */
export function LicencesPage() {
  const { can } = useAuth();
  const rows = useApi<LicenceView[]>('/api/v1/licences').data ?? null;
  const requests = useApi<ChangeRequest[]>(can('licensing:licence:manage') ? '/api/v1/licence-requests' : null).data ?? [];
  const [delivering, setDelivering] = useState<LicenceView | null>(null);
  const [revoking, setRevoking] = useState<LicenceView | null>(null);
  const post = usePost(
    useCallback(() => {
      setDelivering(null);
      setRevoking(null);
    }, []),
  );
  const FIELD: Record<string, string> = LICENCE_CHANGE_FIELD_LABELS;
  return (
    <div>
      <Typography.Title level={4}>许可证</Typography.Title>
      {requests.length > 0 && (
        <Card title="待办：变更、补发申请（即时办理，不作实质审查）" style={{ marginBottom: 16 }}>
          <Table<ChangeRequest>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={requests}
            columns={[
              { title: '许可证号', dataIndex: 'number' },
              { title: '场所', dataIndex: 'venue' },
              { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'amend' ? <Tag color="blue">变更</Tag> : <Tag color="orange">补发</Tag>) },
              {
                title: '内容',
                render: (_, r) =>
                  r.kind === 'amend'
                    ? Object.entries(r.changes)
                        .map(([k, v]) => `${FIELD[k] ?? k} → ${v}`)
                        .join('；')
                    : r.reason,
              },
              {
                title: '操作',
                render: (_, r) => (
                  <Space>
                    <Button size="small" type="primary" onClick={() => void post(`/api/v1/licence-requests/${r.id}/decision`, { approve: true }, '已换发新证')}>
                      办理
                    </Button>
                    <Button
                      size="small"
                      onClick={() => void post(`/api/v1/licence-requests/${r.id}/decision`, { approve: false, reason: '材料与登记信息不符' }, '已退回')}
                    >
                      退回
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card>
        <Table<LicenceView>
          rowKey="id"
          loading={rows === null}
          dataSource={rows ?? []}
          pagination={pageWithTotal({ cap: 200 })}
          locale={{ emptyText: '暂无许可证' }}
          columns={[
            {
              title: '许可证号',
              dataIndex: 'number',
              render: (v: string, l) => (l.applicationId ? <Link to={`/admin/applications/${l.applicationId}`}>{v}</Link> : v),
            },
            { title: '版次', dataIndex: 'revision' },
            { title: '单位', dataIndex: 'holder' },
            { title: '场所', dataIndex: 'venue' },
            { title: '发证日期', dataIndex: 'issuedAt' },
            { title: '送达', render: (_, l) => (l.delivery ? (l.delivery.method === 'post' ? `邮寄 ${l.delivery.trackingNo}` : '直接送达') : '—') },
            { title: '状态', dataIndex: 'status', render: (s: string, l) => <Tag color={LICENCE_COLORS[s]}>{l.statusLabel}</Tag> },
            {
              title: '操作',
              render: (_, l) =>
                l.status === 'valid' && (
                  <Space>
                    {can('licensing:licence:manage') && (
                      <Button size="small" onClick={() => setDelivering(l)}>
                        登记送达
                      </Button>
                    )}
                    {can('licensing:licence:revoke') && (
                      <Button size="small" danger onClick={() => setRevoking(l)}>
                        撤销
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={!!delivering} title="登记送达" footer={null} onCancel={() => setDelivering(null)} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ method: 'post', carrier: 'EMS' }}
          onFinish={(v) => void post(`/api/v1/licences/${delivering!.id}/delivery`, v, '已登记送达')}
        >
          <Form.Item name="method" label="送达方式">
            <Radio.Group
              options={[
                { value: 'post', label: '免费邮寄' },
                { value: 'in_person', label: '直接送达' },
              ]}
            />
          </Form.Item>
          <Form.Item name="recipient" label="收件人" rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('method') === 'post' && (
                <>
                  <Form.Item name="address" label="收件地址" rules={[{ required: true, message: '请填写收件地址' }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="carrier" label="快递公司">
                    <Input />
                  </Form.Item>
                  <Form.Item name="trackingNo" label="快递单号" rules={[{ required: true, pattern: /^[A-Za-z0-9-]{6,40}$/, message: '请填写正确的快递单号' }]}>
                    <Input />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
      </Modal>
      <Modal open={!!revoking} title={`撤销许可：${revoking?.number ?? ''}`} footer={null} onCancel={() => setRevoking(null)} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(v) => void post(`/api/v1/licences/${revoking!.id}/revoke`, v, '已撤销并公告')}
          initialValues={{ legalBasis: '《中华人民共和国行政许可法》第六十九条' }}
        >
          <Form.Item name="reason" label="撤销理由（将公告）" rules={[{ required: true, min: 4, message: '请填写撤销理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true, min: 4 }]}>
            <Input />
          </Form.Item>
          <Button danger type="primary" htmlType="submit">
            撤销并公告
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
