import type { OfficerComplaintReceipt, OfficerComplaintRequest, OfficerComplaintStatusView } from '@fep/contracts';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Result, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { beijingDateTime } from '../../licensing.ts';

type FormValues = Omit<OfficerComplaintRequest, 'occurredOn'> & { occurredOn?: Dayjs | null };

const STATUS_COLORS: Record<OfficerComplaintStatusView['status'], string> = {
  submitted: 'orange',
  accepted: 'processing',
  concluded: 'success',
  declined: 'default',
};

/**
 * 投诉举报执法人员 (OVS-03; 消防法第五十七条: 任何单位和个人都有权对消防救援机构及其工作人员在执法中的违法
 * 行为进行检举、控告). No login: the complainant gets a 16-character tracking code and follows the complaint
 * with it on the same page. Hazards are reported elsewhere; this channel is for officers' conduct only.
 */
export function OfficerComplaintPage() {
  const [form] = Form.useForm<FormValues>();
  const [receipt, setReceipt] = useState<OfficerComplaintReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => `officer-complaint-${crypto.randomUUID()}`);

  async function submit(v: FormValues) {
    setBusy(true);
    setError(null);
    try {
      const body: OfficerComplaintRequest = {
        regionCode: v.regionCode,
        officerName: v.officerName || null,
        officerBadge: v.officerBadge || null,
        occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : null,
        account: v.account,
        complainantName: v.complainantName || null,
        complainantPhone: v.complainantPhone || null,
      };
      setReceipt(await api<OfficerComplaintReceipt>('/api/v1/public/officer-complaints', { method: 'POST', body, headers: { 'idempotency-key': key } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>投诉举报执法人员</Typography.Title>
        <Typography.Paragraph type="secondary">
          对消防救援机构工作人员在执法中的违法违纪行为（如吃拿卡要、指定维保单位、滥用职权），任何单位和个人都可以检举、控告（《中华人民共和国消防法》第五十七条）。
          举报火灾隐患请使用 96119 或“随手拍”。无需登录；提交后请保存查询码，凭码查看办理进度和答复。
        </Typography.Paragraph>
        {receipt ? (
          <Card style={{ marginBottom: 16 }}>
            <Result
              status="success"
              title="已收到您的投诉举报"
              subTitle={`受理机构：${receipt.agencyName} · ${beijingDateTime(receipt.submittedAt)}`}
              extra={
                <div>
                  <Typography.Text>请保存查询码（只显示这一次）：</Typography.Text>
                  <Typography.Title level={3} copyable data-testid="tracking-code" style={{ letterSpacing: 2 }}>
                    {receipt.trackingCode}
                  </Typography.Title>
                </div>
              }
            />
          </Card>
        ) : (
          <Card style={{ marginBottom: 16 }} title="填写投诉举报">
            <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
              <Form.Item name="regionCode" label="发生地点" rules={[{ required: true, message: '请选择发生地的省、市、区县' }]}>
                <RegionPicker />
              </Form.Item>
              <Form.Item name="officerName" label="被投诉人姓名（如知道）">
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
              <Form.Item name="officerBadge" label="执法证号或工号（如知道）">
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
              <Form.Item name="occurredOn" label="发生日期">
                <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="account" label="反映的问题" rules={[{ required: true, min: 10, message: '请具体说明发生了什么（至少 10 个字）' }]}>
                <Input.TextArea rows={5} maxLength={3000} showCount />
              </Form.Item>
              <Form.Item name="complainantName" label="您的姓名（可匿名）">
                <Input maxLength={40} autoComplete="name" />
              </Form.Item>
              <Form.Item
                name="complainantPhone"
                label="联系电话（可不填；仅办理人员可见）"
                rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: '请填写正确的电话号码' }]}
              >
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
              <Button type="primary" htmlType="submit" loading={busy} block>
                提交投诉举报
              </Button>
            </Form>
          </Card>
        )}
        <ComplaintLookup initialCode={receipt?.trackingCode} />
      </div>
    </PortalPage>
  );
}

function ComplaintLookup({ initialCode }: { initialCode?: string | undefined }) {
  const [result, setResult] = useState<OfficerComplaintStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function look(v: { code: string }) {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<OfficerComplaintStatusView>(`/api/v1/public/officer-complaints/${encodeURIComponent(v.code.trim())}`));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : '查询失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="查询办理进度">
      <Form
        layout="vertical"
        onFinish={(v: { code: string }) => void look(v)}
        requiredMark={false}
        initialValues={{ code: initialCode ?? '' }}
        key={initialCode ?? ''}
      >
        <Form.Item name="code" label="查询码" rules={[{ required: true, message: '请输入查询码' }]}>
          <Input placeholder="16 位查询码，如 ABCD-EFGH-JKLM-NPQR" autoComplete="off" maxLength={24} />
        </Form.Item>
        <Button htmlType="submit" loading={busy} block>
          查询
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {result && (
        <Descriptions className="lookup-facts" size="small" column={1} bordered style={{ marginTop: 16 }}>
          <Descriptions.Item label="受理机构">{result.agencyName}</Descriptions.Item>
          <Descriptions.Item label="当前状态">
            <Tag color={STATUS_COLORS[result.status]}>{result.statusLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="说明">{result.step}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{beijingDateTime(result.submittedAt)}</Descriptions.Item>
          {result.acceptedAt && <Descriptions.Item label="受理时间">{beijingDateTime(result.acceptedAt)}</Descriptions.Item>}
          {result.closedAt && <Descriptions.Item label="办结时间">{beijingDateTime(result.closedAt)}</Descriptions.Item>}
          {result.findingLabel && <Descriptions.Item label="调查结论">{result.findingLabel}</Descriptions.Item>}
          {result.reply && <Descriptions.Item label="答复意见">{result.reply}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}
