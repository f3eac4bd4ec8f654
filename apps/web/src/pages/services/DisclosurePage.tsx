import type { DisclosureRequestBody, DisclosureView } from '@fep/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { beijingDateTime } from '../../licensing.ts';

/**
 * 政府信息公开申请 (SVC-06, 依申请公开): answered within 20 working days (政府信息公开条例第三十三条), extendable once
 * by up to 20 with approval. No login: the query code follows the request to its reply.
 */
export function DisclosurePage() {
  const [done, setDone] = useState<DisclosureView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => `disclosure-${crypto.randomUUID()}`);
  async function submit(v: DisclosureRequestBody) {
    setBusy(true);
    setError(null);
    try {
      setDone(await api<DisclosureView>('/api/v1/disclosure/requests', { method: 'POST', body: v, headers: { 'idempotency-key': key } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>政府信息公开申请</Typography.Title>
        <Typography.Paragraph type="secondary">
          消防救援机构自收到申请之日起 20 个工作日内答复；需要延长的，经负责人同意可延长一次，最长不超过 20
          个工作日（《中华人民共和国政府信息公开条例》第三十三条）。
        </Typography.Paragraph>
        {done ? (
          <Card style={{ marginBottom: 16 }}>
            <Result
              status="success"
              title="申请已提交"
              subTitle={`受理机构：${done.agencyName} · 答复期限：${done.dueDate ?? ''}`}
              extra={
                <div>
                  <Typography.Text>查询码（请保存）：</Typography.Text>
                  <Typography.Title level={4} copyable data-testid="disclosure-code">
                    {done.code}
                  </Typography.Title>
                </div>
              }
            />
          </Card>
        ) : (
          <Card style={{ marginBottom: 16 }} title="填写申请">
            <Form<DisclosureRequestBody> layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
              <Form.Item name="regionCode" label="向哪个地区的消防救援机构申请" rules={[{ required: true, message: '请选择省、市、区县' }]}>
                <RegionPicker />
              </Form.Item>
              <Form.Item name="name" label="申请人姓名或单位名称" rules={[{ required: true, message: '请填写申请人' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="contact" label="联系方式（电话或邮箱）" rules={[{ required: true, min: 5, message: '请填写联系方式' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="content" label="申请公开的政府信息内容" rules={[{ required: true, min: 5, message: '请具体描述所需信息（至少 5 个字）' }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount />
              </Form.Item>
              <Form.Item name="purpose" label="用途（可不填）">
                <Input maxLength={500} />
              </Form.Item>
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
              <Button type="primary" htmlType="submit" loading={busy} block>
                提交申请
              </Button>
            </Form>
          </Card>
        )}
        <DisclosureLookup />
      </div>
    </PortalPage>
  );
}

function DisclosureLookup() {
  const [r, setR] = useState<DisclosureView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = async (code: string) => {
    setError(null);
    try {
      setR(await api<DisclosureView>(`/api/v1/disclosure/requests/by-code/${encodeURIComponent(code.trim())}`));
    } catch (e) {
      setR(null);
      setError(e instanceof ApiError ? e.message : '查询失败');
    }
  };
  return (
    <Card title="查询办理进度">
      <Form layout="vertical" onFinish={(v: { code: string }) => void find(v.code)} requiredMark={false}>
        <Form.Item name="code" label="查询码" rules={[{ required: true, message: '请输入查询码' }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" block>
          查询
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {r && (
        <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
          <Descriptions.Item label="状态">{r.statusLabel}</Descriptions.Item>
          <Descriptions.Item label="答复期限">{r.dueDate ?? ''}</Descriptions.Item>
          {r.extended && <Descriptions.Item label="延期理由">{r.extensionReason}</Descriptions.Item>}
          {r.outcomeLabel && <Descriptions.Item label="答复结果">{r.outcomeLabel}</Descriptions.Item>}
          {r.reply && <Descriptions.Item label="答复内容">{r.reply}</Descriptions.Item>}
          {r.repliedAt && <Descriptions.Item label="答复时间">{beijingDateTime(r.repliedAt)}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}
