import type { CaseCreateBody, CaseView, DiscretionView, OfficerList, ReferralList, ViolationsView } from '@fep/contracts';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, newIdempotencyKey } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useApi } from '../../../query.ts';
import { ProposalCard } from './ProposalCard.tsx';

interface FormValues {
  partyKind: 'unit' | 'person';
  partyName: string;
  usci?: string;
  idNumber?: string;
  violationCode?: string;
  facts: string;
  procedure: 'ordinary' | 'on_the_spot' | 'fast_track';
  coOfficerId?: string;
  /** 快速办理: the conditions the officers confirm (the API refuses the path without them). */
  fastTrack?: { factsClear?: boolean; partyAdmits?: boolean; noObjection?: boolean; vulnerableParty?: boolean };
  circumstances: Record<string, boolean | number | null | undefined>;
}

/** Only the circumstances the officer answered reach the engine (an unchecked box is "no", an empty number unknown). */
function answered(c: FormValues['circumstances'] | undefined): CaseCreateBody['circumstances'] {
  const out: CaseCreateBody['circumstances'] = {};
  for (const [k, v] of Object.entries(c ?? {})) if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  return out;
}

/**
 * 新建案件 (ENF-01, ENF-02): the officer names the party, the violation from the published benchmark and the
 * circumstances; the engine's proposal and its reasons show as they are entered, before anything is filed.
 * From a referral (?referral=) the party and the reason are filled in.
 */
export function CaseNewPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const referralId = params.get('referral');
  const region = me?.agency?.regionCode ?? null;
  const [form] = Form.useForm<FormValues>();
  const violations = useApi<ViolationsView>(region ? `/api/v1/enforcement/violations?region=${region}` : null);
  const officers = useApi<OfficerList>('/api/v1/enforcement/officers').data?.items.filter((o) => o.userId !== me?.id) ?? [];
  const referral = useApi<ReferralList>(referralId ? '/api/v1/enforcement/referrals' : null).data?.items.find((r) => r.id === referralId);
  const [proposal, setProposal] = useState<DiscretionView | null>(null);
  const [proposalError, setProposalError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const item = useMemo(() => violations.data?.items.find((i) => i.code === values?.violationCode), [violations.data, values?.violationCode]);

  useEffect(() => {
    if (referral) form.setFieldsValue({ partyKind: 'unit', partyName: referral.subjectName, usci: referral.usci, facts: referral.reason });
  }, [referral, form]);

  // The engine's proposal follows the violation, the party kind and the circumstances as they are entered
  // (the request is compared as text, so typing the same answer again asks nothing new).
  const request =
    region && values?.violationCode
      ? JSON.stringify({ regionCode: region, violationCode: values.violationCode, partyKind: values.partyKind, circumstances: answered(values.circumstances) })
      : null;
  useEffect(() => {
    if (!request) {
      setProposal(null);
      return;
    }
    const timer = setTimeout(() => {
      api<DiscretionView>('/api/v1/enforcement/discretion', { method: 'POST', body: JSON.parse(request) as unknown }).then(
        (p) => {
          setProposal(p);
          setProposalError(null);
        },
        (e: unknown) => setProposalError(e instanceof ApiError ? e.message : '暂时无法给出裁量建议'),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [request]);

  const submit = async (v: FormValues) => {
    if (!region) return;
    setSubmitting(true);
    try {
      const party: CaseCreateBody['party'] =
        v.partyKind === 'unit'
          ? { kind: 'unit', name: v.partyName, usci: (v.usci ?? '').trim().toUpperCase() }
          : { kind: 'person', name: v.partyName, idNumber: (v.idNumber ?? '').trim().toUpperCase() };
      const body: CaseCreateBody = {
        regionCode: region,
        party,
        violationCode: v.violationCode ?? '',
        facts: v.facts,
        circumstances: answered(v.circumstances),
        procedure: v.procedure,
        ...(v.procedure === 'fast_track'
          ? {
              fastTrack: {
                factsClear: !!v.fastTrack?.factsClear,
                partyAdmits: !!v.fastTrack?.partyAdmits,
                noObjection: !!v.fastTrack?.noObjection,
                vulnerableParty: !!v.fastTrack?.vulnerableParty,
              },
            }
          : {}),
        ...(v.coOfficerId ? { coOfficerId: v.coOfficerId } : {}),
        ...(referralId ? { referralId } : {}),
      };
      const created = await api<CaseView>('/api/v1/enforcement/cases', { method: 'POST', body, headers: { 'idempotency-key': key } });
      message.success(v.procedure === 'on_the_spot' ? '当场处罚案件已建立' : '立案申请已提交，待审批');
      navigate(`/admin/cases/${created.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '提交失败');
    } finally {
      setSubmitting(false);
    }
  };

  if (violations.isLoading) return <Skeleton active />;
  return (
    <div>
      <Typography.Title level={4}>{referralId ? '移送案件：提出立案申请' : '新建案件'}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card style={{ marginBottom: 16 }}>
            <Form<FormValues>
              form={form}
              layout="vertical"
              initialValues={{ partyKind: 'unit', procedure: 'ordinary', circumstances: {} }}
              onFinish={(v) => void submit(v)}
              scrollToFirstError
            >
              <Form.Item name="partyKind" label="当事人类型">
                <Radio.Group
                  options={[
                    { value: 'unit', label: '单位' },
                    { value: 'person', label: '个人' },
                  ]}
                  optionType="button"
                />
              </Form.Item>
              <Form.Item
                name="partyName"
                label={values?.partyKind === 'person' ? '姓名' : '单位名称'}
                rules={[{ required: true, min: 2, message: '请填写当事人名称' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              {values?.partyKind === 'person' ? (
                <Form.Item name="idNumber" label="公民身份号码" rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: '请填写 18 位公民身份号码' }]}>
                  <Input maxLength={18} inputMode="text" autoComplete="off" />
                </Form.Item>
              ) : (
                <Form.Item
                  name="usci"
                  label="统一社会信用代码"
                  rules={[{ required: true, pattern: /^[0-9A-HJ-NP-RT-UW-Ya-hj-np-rt-uw-y]{18}$/, message: '请填写 18 位统一社会信用代码' }]}
                >
                  <Input maxLength={18} autoComplete="off" />
                </Form.Item>
              )}
              <Form.Item name="violationCode" label="违法行为（按现行裁量基准）" rules={[{ required: true, message: '请选择违法行为' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder="输入关键词查找，如：安全出口"
                  options={(violations.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.conduct}（${i.law}${i.provision}）` }))}
                  onChange={() => form.setFieldValue('circumstances', {})}
                />
              </Form.Item>
              {item && (
                <Card size="small" title="情节" style={{ marginBottom: 16 }}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {item.circumstances.map((c) =>
                      c.type === 'boolean' ? (
                        <Form.Item key={c.key} name={['circumstances', c.key]} valuePropName="checked" noStyle>
                          <Checkbox className="touch-check">{c.label}</Checkbox>
                        </Form.Item>
                      ) : (
                        <Form.Item key={c.key} name={['circumstances', c.key]} label={c.label} style={{ marginBottom: 8 }}>
                          <InputNumber min={0} addonAfter={c.unit} style={{ width: 220 }} />
                        </Form.Item>
                      ),
                    )}
                  </Space>
                </Card>
              )}
              <Form.Item name="facts" label="违法事实" rules={[{ required: true, min: 2, message: '请写明违法事实' }]}>
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
              <Form.Item name="procedure" label="程序">
                <Radio.Group
                  options={[
                    { value: 'ordinary', label: '普通程序（立案审批）' },
                    { value: 'on_the_spot', label: '简易程序（当场处罚）' },
                    { value: 'fast_track', label: '快速办理' },
                  ]}
                />
              </Form.Item>
              {values?.procedure === 'fast_track' && (
                <Card size="small" title="快速办理的条件" style={{ marginBottom: 16 }}>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    事实清楚，当事人书面申请、自愿认错认罚且对违法事实和法律适用没有异议的，可以快速办理；依法应当听证的案件和拟罚款达到本地限额的案件不适用。
                  </Typography.Paragraph>
                  <Form.Item name={['fastTrack', 'factsClear']} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox>事实清楚</Checkbox>
                  </Form.Item>
                  <Form.Item name={['fastTrack', 'partyAdmits']} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox>当事人书面申请，自愿认错认罚</Checkbox>
                  </Form.Item>
                  <Form.Item name={['fastTrack', 'noObjection']} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox>对违法事实和法律适用没有异议</Checkbox>
                  </Form.Item>
                  <Form.Item name={['fastTrack', 'vulnerableParty']} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>当事人系盲、聋、哑人，未成年人或者疑似精神病人</Checkbox>
                  </Form.Item>
                </Card>
              )}
              <Form.Item
                name="coOfficerId"
                label="第二名承办人员"
                extra="双人执法：普通程序须两名持有执法证件的人员承办；与当事人存在应当回避情形的人员不能承办。"
                rules={[{ required: values?.procedure !== 'on_the_spot', message: '请选择第二名承办人员' }]}
              >
                <Select allowClear options={officers.map((o) => ({ value: o.userId, label: `${o.name}（${o.agencyName}）` }))} placeholder="选择持证执法人员" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={submitting}>
                {values?.procedure === 'on_the_spot' ? '建立当场处罚案件' : '提交立案申请'}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {proposalError && <Alert type="warning" showIcon message={proposalError} style={{ marginBottom: 16 }} />}
          {proposal ? (
            <ProposalCard proposal={proposal} />
          ) : (
            <Alert type="info" showIcon message="选择违法行为并填写情节后，系统按现行裁量基准给出处罚建议和理由。" />
          )}
        </Col>
      </Row>
    </div>
  );
}
