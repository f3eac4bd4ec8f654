import type { PartnerCertificateBody, PartnerCreateBody, PartnerCreatedView, PartnerListView, PartnerView } from '@fep/contracts';
import { DEFAULT_PARTNER_SCOPES, PARTNER_KIND_LABELS, PARTNER_SCOPE_LABELS, type PartnerKindId } from '@fep/domain';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { usePost } from '../../components/usePost.ts';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';

/** A SHA-256 fingerprint as tools print it (colons optional, any case); the API checks it again. */
const FINGERPRINT = /^\s*([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}\s*$/;
const FINGERPRINT_RULE = { pattern: FINGERPRINT, message: '客户端证书指纹须为 SHA-256 指纹（64 位十六进制字符，可用冒号分隔）' };

/**
 * 对接平台 (MON-03): the government systems connected through the gateway, each with its key, the scopes it holds
 * and its receiving address. Registering shows the signing secret once; 停用 stops the key at once. A partner may
 * authenticate by mutual TLS behind the proxy: its client certificate's SHA-256 fingerprint, set at registration
 * or later (客户端证书), replaces request signatures.
 */
export function PartnersPage() {
  const { message } = App.useApp();
  const list = useApi<PartnerListView>('/api/v1/gateway/partners');
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<PartnerCreatedView | null>(null);
  const [certFor, setCertFor] = useState<PartnerView | null>(null);
  const [certForm] = Form.useForm<{ clientCertSha256: string }>();
  const cert = useApiMutation<PartnerView, PartnerCertificateBody>();
  const saveCertificate = async (p: PartnerView, value: string | null) => {
    try {
      await cert.mutateAsync({ url: `/api/v1/gateway/partners/${p.id}/certificate`, method: 'PUT', body: { version: p.version, clientCertSha256: value } });
      message.success(value ? '已登记客户端证书指纹' : '已清除客户端证书指纹，该平台改用请求签名');
      setCertFor(null);
      await list.refetch();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  const [form] = Form.useForm<PartnerCreateBody>();
  const { mutateAsync, isPending } = useApiMutation<PartnerCreatedView, PartnerCreateBody>();
  const post = usePost(useCallback(() => undefined, []));
  const submit = async (v: PartnerCreateBody) => {
    try {
      const r = await mutateAsync({
        url: '/api/v1/gateway/partners',
        body: { ...v, callbackUrl: v.callbackUrl || null, clientCertSha256: v.clientCertSha256?.trim() || null },
      });
      setAdding(false);
      form.resetFields();
      setCreated(r);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '登记失败');
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3}>对接平台</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          登记对接平台
        </Button>
      </Space>
      <Card className="list-frame">
        <ResponsiveTable<PartnerView>
          rowKey="id"
          cardHead={1}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '尚未登记对接平台' }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kindLabel' },
            { title: '接口密钥编号', dataIndex: 'keyId', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
            { title: '授权范围', dataIndex: 'scopeLabels', render: (v: string[]) => (v.length ? v.join('；') : '—') },
            { title: '回调地址', dataIndex: 'callbackUrl', render: (v: string | null) => v ?? '—' },
            { title: '认证方式', dataIndex: 'authLabel' },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, r) => <Tag color={r.status === 'active' ? 'success' : 'default'}>{v}</Tag> },
            { title: '登记时间', dataIndex: 'createdAt', render: (v: string) => beijingDateTime(v) },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r) =>
                r.status === 'active' ? (
                  <Space wrap>
                    <Button
                      onClick={() => {
                        certForm.setFieldsValue({ clientCertSha256: r.clientCertSha256 ?? '' });
                        setCertFor(r);
                      }}
                    >
                      客户端证书
                    </Button>
                    <Popconfirm
                      title="停用后该平台的接口密钥立即失效，排队中的推送不再发送。确定停用？"
                      okText="停用"
                      cancelText="取消"
                      onConfirm={() => void post(`/api/v1/gateway/partners/${r.id}/revoke`, { version: r.version }, '已停用')}
                    >
                      <Button danger>停用</Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal open={adding} title="登记对接平台" footer={null} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form<PartnerCreateBody>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          onValuesChange={(changed: Partial<PartnerCreateBody>) => {
            if (changed.kind) form.setFieldValue('scopes', DEFAULT_PARTNER_SCOPES[changed.kind as PartnerKindId]);
          }}
        >
          <Form.Item name="kind" label="平台类型" rules={[{ required: true, message: '请选择平台类型' }]}>
            <Select options={Object.entries(PARTNER_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="name" label="平台名称" rules={[{ required: true, min: 2, message: '请填写平台名称' }]}>
            <Input placeholder="如：赣服通" />
          </Form.Item>
          <Form.Item name="scopes" label="授权范围">
            <Checkbox.Group options={Object.entries(PARTNER_SCOPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="callbackUrl" label="接收推送的地址（https）">
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="clientCertSha256"
            label="客户端证书指纹（SHA-256，选填）"
            extra="填写后该平台经 TLS 代理以双向 TLS 客户端证书认证，不再使用请求签名"
            rules={[FINGERPRINT_RULE]}
          >
            <Input placeholder="如 50:9D:B1:…（openssl x509 -noout -fingerprint -sha256）" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending}>
            登记并签发密钥
          </Button>
        </Form>
      </Modal>
      <Modal open={!!certFor} title={`客户端证书：${certFor?.name ?? ''}`} footer={null} onCancel={() => setCertFor(null)} destroyOnHidden>
        {certFor && (
          <Form<{ clientCertSha256: string }> form={certForm} layout="vertical" onFinish={(v) => void saveCertificate(certFor, v.clientCertSha256.trim())}>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message="登记证书指纹后，该平台须经平台的 TLS 代理以此证书双向认证调用接口，请求签名不再被接受；清除后恢复请求签名。"
            />
            <Form.Item
              name="clientCertSha256"
              label="客户端证书指纹（SHA-256）"
              rules={[{ required: true, message: '请填写客户端证书指纹' }, FINGERPRINT_RULE]}
            >
              <Input placeholder="64 位十六进制，可用冒号分隔" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={cert.isPending}>
                保存
              </Button>
              {certFor.clientCertSha256 && (
                <Button danger loading={cert.isPending} onClick={() => void saveCertificate(certFor, null)}>
                  清除证书，改用请求签名
                </Button>
              )}
            </Space>
          </Form>
        )}
      </Modal>
      <Modal open={!!created} title="接口密钥已签发" footer={null} onCancel={() => setCreated(null)}>
        {created && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message="签名密钥只显示这一次，请立即交给对方平台妥善保存。" />
            <Typography.Text>接口密钥编号：</Typography.Text>
            <Typography.Text copyable code>
              {created.keyId}
            </Typography.Text>
            <Typography.Text copyable={{ text: created.secret }}>签名密钥：</Typography.Text>
            <Input.TextArea readOnly aria-label="签名密钥" value={created.secret} autoSize style={{ fontFamily: 'monospace' }} />
          </Space>
        )}
      </Modal>
    </Space>
  );
}
