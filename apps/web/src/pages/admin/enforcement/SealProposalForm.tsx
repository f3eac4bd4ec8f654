import { UploadOutlined } from '@ant-design/icons';
import type { OfficerList, SealCreateBody, SealView } from '@fep/contracts';
import { SEAL_SITUATION_LABELS } from '@fep/domain';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Switch, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, uploadFile } from '../../../api.ts';
import { useApiMutation } from '../../../mutation.ts';
import { useApi } from '../../../query.ts';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** What the form starts from: a case's party and place, or nothing (from the seals list). */
export interface SealProposalDefaults {
  caseId?: string;
  regionCode?: string;
  usci?: string | null;
  unitName?: string;
}

/**
 * 提出临时查封 (ENF-05; 消防法 art. 54, 消防监督检查规定 arts 22–23): the proposing officer names the unit, the
 * situation, the parts to seal (with photos), the inspection day, the term and the second officer (picked from
 * the certified officers, /api/v1/enforcement/officers); an emergency seal records the head's oral approval and
 * must then be confirmed collectively within the policy's hours. One column: usable on a phone.
 */
export function SealProposalForm({ defaults, onClose }: { defaults: SealProposalDefaults; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const create = useApiMutation<SealView>('/api/v1/enforcement/seals');
  const officers = useApi<OfficerList>('/api/v1/enforcement/officers').data?.items ?? [];
  const emergency = Form.useWatch('emergency', form) as boolean | undefined;
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      const files = ((v.photos as { originFileObj?: File }[] | undefined) ?? []).map((f) => f.originFileObj).filter((f): f is File => !!f);
      const photoIds: string[] = [];
      for (const f of files) photoIds.push(await uploadFile(f, f.name));
      const body: SealCreateBody = {
        regionCode: String(v.regionCode),
        usci: String(v.usci),
        unitName: String(v.unitName),
        situation: v.situation as SealCreateBody['situation'],
        scope: String(v.scope),
        photoIds,
        inspectedOn: String(v.inspectedOn),
        termDays: Number(v.termDays),
        coOfficerId: String(v.coOfficerId),
        ...(defaults.caseId ? { caseId: defaults.caseId } : {}),
        ...(v.emergency ? { emergency: true, oralApproval: String(v.oralApproval) } : {}),
      };
      const seal = await create.mutateAsync({ url: '/api/v1/enforcement/seals', body });
      message.success(v.emergency ? '已实施紧急查封，请按时集体研究确认' : '已提出临时查封，待集体研究决定');
      onClose();
      navigate(`/admin/seals/${seal.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '提交失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="提出临时查封" okText="提交" cancelText="取消" onOk={() => void submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: defaults.regionCode,
          usci: defaults.usci ?? undefined,
          unitName: defaults.unitName,
          inspectedOn: today(),
          termDays: 30,
          emergency: false,
        }}
      >
        <Form.Item name="unitName" label="单位名称" rules={[{ required: true, min: 2, message: '请填写单位名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="usci"
          label="统一社会信用代码"
          rules={[{ required: true, pattern: /^[0-9A-HJ-NP-RT-UW-Y]{18}$/, message: '请填写18位统一社会信用代码' }]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="regionCode" label="所在地行政区划代码" rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写6位行政区划代码' }]}>
          <Input maxLength={6} style={{ maxWidth: 160 }} />
        </Form.Item>
        <Form.Item name="situation" label="查封情形" rules={[{ required: true, message: '请选择查封情形' }]}>
          <Select options={Object.entries(SEAL_SITUATION_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="scope" label="查封的场所、部位" rules={[{ required: true, min: 2, message: '请写明查封的场所、部位' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="photos" label="查封部位照片" valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}>
          <Upload beforeUpload={() => false} multiple maxCount={20} accept="image/*">
            <Button icon={<UploadOutlined />}>选择照片</Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="inspectedOn"
          label="检查日期"
          rules={[{ required: true, message: '请填写检查日期' }]}
          extra="临时查封决定书应自检查之日起三个工作日内送达。"
        >
          <Input type="date" style={{ maxWidth: 200 }} />
        </Form.Item>
        <Form.Item name="termDays" label="查封期限（日）" rules={[{ required: true }]} extra="最长三十日，可经批准延长一次。">
          <InputNumber min={1} max={30} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="coOfficerId" label="第二名执法人员" rules={[{ required: true, message: '请选择第二名执法人员' }]}>
          <Select showSearch optionFilterProp="label" options={officers.map((o) => ({ value: o.userId, label: `${o.name}（${o.agencyName}）` }))} />
        </Form.Item>
        <Form.Item name="emergency" label="紧急查封" valuePropName="checked">
          <Switch />
        </Form.Item>
        {emergency && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="紧急查封须经负责人口头批准，并在规定时限内集体研究确认，逾期未确认的应当解除。"
            />
            <Form.Item name="oralApproval" label="口头批准的负责人及时间" rules={[{ required: true, min: 2, message: '请填写口头批准的负责人及时间' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
