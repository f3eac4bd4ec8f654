import { UploadOutlined } from '@ant-design/icons';
import type { EngineerRegistrationBody, EngineerRegistrationList, EngineerRegistrationView } from '@fep/contracts';
import { ENGINEER_COMMITMENT_TEXT, ENGINEER_LEVEL_LABELS } from '@fep/domain';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { uploadFile } from '../../licensing.ts';
import { useApi } from '../../query.ts';

type FormValues = Omit<EngineerRegistrationBody, 'materials' | 'commitmentAccepted'> & { commitmentAccepted?: boolean };

/**
 * 注册消防工程师注册（告知承诺制, LIC-12): apply online with the commitment ticked and the materials uploaded,
 * then follow the decision, the certificate number and the courier's tracking number.
 */
export function EngineerRegistrationPage() {
  const { message } = App.useApp();
  const mine = useApi<EngineerRegistrationList>('/api/v1/engineers/registrations/mine');
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => `engineer-${crypto.randomUUID()}`);
  const [form] = Form.useForm<FormValues>();
  async function submit(v: FormValues) {
    if (!files.length) {
      setError('请上传资格证书、身份证明、聘用证明等材料');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api<EngineerRegistrationView>('/api/v1/engineers/registrations', {
        method: 'POST',
        body: { ...v, commitmentAccepted: true, materials: files.map((f) => f.id) },
        headers: { 'idempotency-key': key },
      });
      message.success('申请已提交');
      form.resetFields();
      setFiles([]);
      setKey(`engineer-${crypto.randomUUID()}`);
      await mine.refetch();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  return (
    <PortalPage>
      <Typography.Title level={3}>注册消防工程师注册（告知承诺制）</Typography.Title>
      <Typography.Paragraph type="secondary">
        全程网上办理：勾选告知承诺、上传材料，审核通过后核发注册证书编号，注册证书和执业印章通过快递寄送，可在下方查看快递单号。
      </Typography.Paragraph>
      <Card title="我的申请" style={{ marginBottom: 16 }}>
        <List<EngineerRegistrationView>
          loading={mine.isLoading}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: '还没有申请' }}
          renderItem={(r) => (
            <List.Item>
              <Descriptions size="small" column={1} title={`${r.name} · ${r.levelLabel}`} extra={<Tag>{r.statusLabel}</Tag>}>
                <Descriptions.Item label="受理机构">{r.agencyName}</Descriptions.Item>
                {r.dueDate && <Descriptions.Item label="审核期限">{r.dueDate}</Descriptions.Item>}
                {r.certificateNo && <Descriptions.Item label="注册证书编号">{r.certificateNo}</Descriptions.Item>}
                {r.reasons && <Descriptions.Item label={r.status === 'refused' ? '不予注册理由' : '审核意见'}>{r.reasons}</Descriptions.Item>}
                {r.trackingNo && (
                  <Descriptions.Item label="寄递">
                    {r.courier} {r.trackingNo}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </List.Item>
          )}
        />
      </Card>
      <Card title="提出申请">
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
          <Form.Item name="regionCode" label="注册审核机构所在地区" rules={[{ required: true, message: '请选择省、市、区县' }]}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, pattern: /^[0-9]{17}[0-9Xx]$/, message: '请填写 18 位身份证号' }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
            <Select options={Object.entries(ENGINEER_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="qualificationNo" label="资格证书编号" rules={[{ required: true, min: 4, message: '请填写资格证书编号' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="employer" label="聘用单位" rules={[{ required: true, min: 2, message: '请填写聘用单位' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="employerUsci"
            label="聘用单位统一社会信用代码"
            rules={[{ required: true, pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: '请填写 18 位统一社会信用代码' }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, min: 5, message: '请填写联系电话' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="mailingAddress" label="证书和印章收件地址" rules={[{ required: true, min: 5, message: '请填写收件地址' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label="申请材料（资格证书、身份证明、聘用证明等）" required>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Upload
                showUploadList={false}
                accept="image/jpeg,image/png,image/webp,application/pdf"
                customRequest={async ({ file, onSuccess, onError }) => {
                  try {
                    const id = await uploadFile(file as File);
                    setFiles((s) => [...s, { id, name: (file as File).name }]);
                    onSuccess?.({});
                  } catch (e) {
                    message.error(e instanceof Error ? e.message : '上传失败');
                    onError?.(e as Error);
                  }
                }}
              >
                <Button icon={<UploadOutlined />}>上传材料</Button>
              </Upload>
              {files.map((f) => (
                <Tag key={f.id} closable onClose={() => setFiles((s) => s.filter((x) => x.id !== f.id))}>
                  {f.name}
                </Tag>
              ))}
            </Space>
          </Form.Item>
          <Alert type="info" message="告知承诺书" description={ENGINEER_COMMITMENT_TEXT} style={{ marginBottom: 12 }} />
          <Form.Item
            name="commitmentAccepted"
            valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并勾选告知承诺书'))) }]}
          >
            <Checkbox>我已阅读并作出上述承诺</Checkbox>
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy} block>
            提交申请
          </Button>
        </Form>
      </Card>
    </PortalPage>
  );
}
