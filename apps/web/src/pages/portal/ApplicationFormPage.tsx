import { UploadOutlined } from '@ant-design/icons';
import type { ApplicationRequest } from '@fep/contracts';
import type { VenueKind } from '@fep/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, newIdempotencyKey } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { RegionPicker, regionPath, useRegions, useRememberedPlace } from '../../components/RegionPicker.tsx';
import { useFormDraft } from '../../components/useFormDraft.tsx';
import { VENUE_LABELS } from '../../labels.ts';
import { type ApplicationView, type LicensingGuide, targetLabel, uploadFile } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';

/** The form's fields (UI state): the request's fields flattened, the commitment and preference as inputs. */
interface FormValues {
  regionCode: string;
  venueKind: VenueKind;
  floorArea: number;
  /** Blank is unknown (null), never 0 CNY. */
  investment?: number | null;
  companyName: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  venueName: string;
  venueAddress: string;
  path: 'commitment' | 'inspection';
  signerName?: string;
  accepted?: boolean;
  preferredDate?: string;
  preferredPeriod?: 'morning' | 'afternoon' | 'evening' | 'weekend';
  applyDespiteExemption?: boolean;
}

type MaterialFiles = Record<string, { id: string; name: string }[]>;

/**
 * LIC-01: the application form. Everything it asks for comes from the guide in force for the venue's
 * place (materials, which may come later, the commitment text); nothing else is asked. The place is
 * picked as 省 → 市 → 区 and the agency that will handle the application is shown from it before
 * submitting. What is typed is kept in this browser (useFormDraft) until it is saved or submitted.
 */
export function ApplicationFormPage() {
  const { id } = useParams();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const regions = useRegions();
  const [rememberedPlace] = useRememberedPlace();
  const [materials, setMaterials] = useState<MaterialFiles>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idemKey] = useState(newIdempotencyKey);
  const region = Form.useWatch('regionCode', form);
  const path = Form.useWatch('path', form);

  const existing = useApi<ApplicationView>(id ? `/api/v1/licensing/applications/${id}` : null, { staleTime: Number.POSITIVE_INFINITY }).data ?? null;
  const guide = useApi<LicensingGuide>(region ? `/api/v1/licensing/guide?region=${region}` : null).data ?? null;
  const save_ = useApiMutation<ApplicationView, ApplicationRequest>('/api/v1/licensing/applications');
  // Not data fetching: once the application being corrected has arrived, it fills the form (once per record).
  useEffect(() => {
    const a = existing;
    if (!a) return;
    form.setFieldsValue({
      ...a,
      venueKind: a.venueKind as VenueKind,
      investment: a.investment ?? undefined,
      signerName: a.commitment?.signerName,
      accepted: a.commitment?.accepted,
      preferredDate: a.appointmentPreference?.date,
      preferredPeriod: a.appointmentPreference?.period as FormValues['preferredPeriod'],
    });
    setMaterials(Object.fromEntries(Object.entries(a.materials).map(([k, ids]) => [k, ids.map((x) => ({ id: x, name: '已上传' }))])));
  }, [existing, form]);
  // After the record above: a draft kept in this browser (e.g. before the session timed out) goes over it.
  const draft = useFormDraft<FormValues, MaterialFiles>(form, {
    ready: !!me && !!regions && (!id || !!existing),
    extra: materials,
    onRestoreExtra: setMaterials,
    onDiscard: () => setMaterials({}),
  });
  // Not data fetching: the region's guide, once arrived, proposes the commitment path where it is offered.
  useEffect(() => {
    if (guide && !form.getFieldValue('path')) form.setFieldValue('path', guide.commitmentOffered ? 'commitment' : 'inspection');
  }, [guide, form]);

  const notice = existing?.notices.at(-1);
  const listed = useMemo(() => new Set(notice && !notice.resolvedAt ? notice.items.map((i) => i.target) : []), [notice]);
  const correcting = existing?.status === 'correction_requested';
  const locked = (target: string) => correcting && !listed.has(target);
  const uploads = (guide?.materials ?? []).filter((m) => m.paths.includes(path ?? 'inspection'));
  const later = (code: string) => guide && (guide.pending.mode === 'any' || (guide.pending.mode === 'listed' && guide.pending.documents.includes(code)));

  async function save(submit: boolean) {
    setError(null);
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: ApplicationRequest = {
      regionCode: v.regionCode,
      venueKind: v.venueKind,
      floorArea: v.floorArea,
      investment: v.investment ?? null,
      companyName: v.companyName,
      legalRepresentative: v.legalRepresentative,
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      venueName: v.venueName,
      venueAddress: v.venueAddress,
      path: v.path,
      materials: Object.fromEntries(
        Object.entries(materials)
          .filter(([, f]) => f.length)
          .map(([k, f]) => [k, f.map((x) => x.id)]),
      ),
      commitment: v.path === 'commitment' ? { signerName: v.signerName ?? '', accepted: !!v.accepted } : null,
      appointmentPreference: v.path === 'inspection' && v.preferredDate ? { date: v.preferredDate, period: v.preferredPeriod ?? 'morning' } : null,
      applyDespiteExemption: !!v.applyDespiteExemption,
      submit,
    };
    setBusy(true);
    try {
      const r = id
        ? await save_.mutateAsync({ url: `/api/v1/licensing/applications/${id}`, method: 'PUT', body })
        : await save_.mutateAsync({ url: '/api/v1/licensing/applications', body, headers: { 'idempotency-key': idemKey } });
      draft.clear();
      message.success(submit ? (correcting ? '已重新提交补正材料' : '申请已提交') : '草稿已保存');
      navigate(`/portal/applications/${r.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  if ((id && !existing) || !regions || !me)
    return (
      <PortalPage>
        <Skeleton active />
      </PortalPage>
    );
  return (
    <PortalPage>
      <Typography.Title level={3}>{correcting ? '按一次性告知补正' : '公众聚集场所投入使用、营业前消防安全检查申请'}</Typography.Title>
      {correcting && notice && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="请按一次性告知书补正以下事项（其余事项已审查，无需也不能修改）"
          description={
            <ul style={{ margin: 0 }}>
              {notice.items.map((i) => (
                <li key={i.target}>
                  {targetLabel(i.target, guide?.materials)}：{i.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {draft.notice}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={draft.changed}
        // The place chosen on the portal, else the registration region inside the USCI (positions 3–8),
        // the usual place of business; the person confirms or changes it.
        initialValues={{
          regionCode: [rememberedPlace, me.usci?.slice(2, 8)].find((c) => regionPath(regions, c)) ?? undefined,
          venueKind: 'restaurant',
          companyName: me.displayName,
        }}
      >
        <Card title="一、场所信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="场所所在地"
                name="regionCode"
                rules={[{ required: true, message: '请选择场所所在的省、市、区县' }]}
                extra={
                  <span aria-live="polite">
                    {guide ? (
                      <>
                        受理机构：<Typography.Text strong>{guide.agency.name}</Typography.Text>
                      </>
                    ) : (
                      '选择到区县后显示受理机构'
                    )}
                  </span>
                }
              >
                <RegionPicker disabled={!!id} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label="场所类别" name="venueKind" rules={[{ required: true }]}>
                <Select disabled={locked('field:venueKind')} options={Object.entries(VENUE_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item label="建筑面积（㎡）" name="floorArea" rules={[{ required: true, message: '请填写建筑面积' }]}>
                <InputNumber disabled={locked('field:floorArea')} min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item label="工程投资额（元，选填）" name="investment" tooltip="不填视为未知，不按 0 元计算">
                <InputNumber disabled={locked('field:investment')} min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="场所名称" name="venueName" rules={[{ required: true, min: 2, message: '请填写场所名称' }]}>
                <Input disabled={locked('field:venueName')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="场所地址" name="venueAddress" rules={[{ required: true, min: 4, message: '请填写详细地址' }]}>
                <Input disabled={locked('field:venueAddress')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="二、申请单位" style={{ marginBottom: 16 }}>
          {/* In the body, not the card's header: the line wraps on a phone instead of widening the page. */}
          <Typography.Paragraph type="secondary">统一社会信用代码 {me.usci}（营业执照网络核验，无需上传）</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="单位名称" name="companyName" rules={[{ required: true, min: 2 }]}>
                <Input disabled={locked('field:companyName')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="法定代表人" name="legalRepresentative" rules={[{ required: true, min: 2, message: '请填写法定代表人' }]}>
                <Input disabled={locked('field:legalRepresentative')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="联系人" name="contactName" rules={[{ required: true, min: 2, message: '请填写联系人' }]}>
                <Input disabled={locked('field:contactName')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="联系电话"
                name="contactPhone"
                rules={[{ required: true, pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '请填写正确的手机号或固定电话' }]}
              >
                <Input disabled={locked('field:contactPhone')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="三、办理方式" style={{ marginBottom: 16 }}>
          {!guide ? (
            <Skeleton active />
          ) : (
            <>
              <Form.Item name="path" rules={[{ required: true }]}>
                <Radio.Group disabled={!!existing && existing.status !== 'draft'}>
                  <Radio value="commitment" disabled={!guide.commitmentOffered}>
                    告知承诺：签署承诺书，受理即发证，{guide.commitment.verificationWorkingDays} 个工作日内核查{!guide.commitmentOffered && '（本地未实行）'}
                  </Radio>
                  <Radio value="inspection">
                    现场检查：受理后 {guide.inspection.checkWorkingDays} 个工作日内检查，检查后 {guide.inspection.decisionWorkingDays} 个工作日内决定
                  </Radio>
                </Radio.Group>
              </Form.Item>
              {path === 'inspection' && (
                <Space wrap>
                  {/* antd's picker in Chinese (zh_CN, dayjs), not the browser's own date field that speaks the OS language. */}
                  <Form.Item
                    label="希望的检查日期（可选非工作时间）"
                    name="preferredDate"
                    getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
                    normalize={(d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
                  >
                    <DatePicker style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item label="时段" name="preferredPeriod">
                    <Select
                      style={{ width: 200 }}
                      options={[
                        { value: 'morning', label: '上午' },
                        { value: 'afternoon', label: '下午' },
                        { value: 'evening', label: '晚间（错时）' },
                        { value: 'weekend', label: '周末（预约）' },
                      ]}
                    />
                  </Form.Item>
                </Space>
              )}
            </>
          )}
        </Card>
        <Card title="四、申请材料（以现行办事指南为准）" style={{ marginBottom: 16 }}>
          {uploads.map((m) => (
            <Row key={m.code} align="middle" style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Col flex="auto">
                <Typography.Text strong={m.required}>{m.name}</Typography.Text> {m.required ? <Tag color="red">必需</Tag> : <Tag>如有</Tag>}
                {m.source === 'upload' && later(m.code) && <Tag color="green">可容缺后补</Tag>}
                {m.source === 'data' && <Tag color="blue">数据共享，无需提交</Tag>}
                {m.source === 'signed_online' && <Tag color="blue">在线填写/签署</Tag>}
                {listed.has(`material:${m.code}`) && <Tag color="orange">需补正</Tag>}
                {m.sampleForm && (
                  <a href={`/api/v1/licensing/sample-forms/${m.code}`} download>
                    下载示范文本
                  </a>
                )}
                <div>
                  {(materials[m.code] ?? []).map((f) => (
                    <Tag
                      key={f.id}
                      closable={!locked(`material:${m.code}`)}
                      onClose={() => {
                        setMaterials((s) => ({ ...s, [m.code]: (s[m.code] ?? []).filter((x) => x.id !== f.id) }));
                        draft.changed();
                      }}
                    >
                      {f.name}
                    </Tag>
                  ))}
                </div>
              </Col>
              <Col>
                {m.source === 'upload' && (
                  <Upload
                    showUploadList={false}
                    accept="image/jpeg,image/png,image/webp,application/pdf"
                    disabled={locked(`material:${m.code}`)}
                    customRequest={async ({ file, onSuccess, onError }) => {
                      try {
                        const fid = await uploadFile(file as File);
                        setMaterials((s) => ({ ...s, [m.code]: [...(s[m.code] ?? []), { id: fid, name: (file as File).name }] }));
                        draft.changed();
                        onSuccess?.({});
                      } catch (e) {
                        message.error(e instanceof Error ? e.message : '上传失败');
                        onError?.(e as Error);
                      }
                    }}
                  >
                    <Button icon={<UploadOutlined />} disabled={locked(`material:${m.code}`)} aria-label={`上传${m.name}`}>
                      上传
                    </Button>
                  </Upload>
                )}
              </Col>
            </Row>
          ))}
        </Card>
        {path === 'commitment' && guide && (
          <Card title={`五、${guide.commitment.template.title}`} style={{ marginBottom: 16 }}>
            <div className="commitment-text">
              {guide.commitment.template.clauses.map((c, i) => (
                <p key={c}>
                  {i + 1}. {c}
                </p>
              ))}
            </div>
            <Divider />
            <Space wrap>
              <Form.Item label="承诺人（法定代表人或授权人）" name="signerName" rules={[{ required: true, min: 2, message: '请填写承诺人姓名' }]}>
                <Input style={{ width: 240 }} />
              </Form.Item>
              <Form.Item
                name="accepted"
                valuePropName="checked"
                rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意承诺书'))) }]}
              >
                <Checkbox>我已阅读并签署上述承诺，承诺内容真实</Checkbox>
              </Form.Item>
            </Space>
          </Card>
        )}
        <Form.Item name="applyDespiteExemption" valuePropName="checked">
          <Checkbox>如场所属于免检范围，仍自愿申请检查</Checkbox>
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Space>
          {(!existing || existing.status === 'draft') && (
            <Button onClick={() => void save(false)} loading={busy}>
              保存草稿
            </Button>
          )}
          <Button type="primary" onClick={() => void save(true)} loading={busy}>
            {correcting ? '提交补正' : '提交申请'}
          </Button>
        </Space>
      </Form>
    </PortalPage>
  );
}
