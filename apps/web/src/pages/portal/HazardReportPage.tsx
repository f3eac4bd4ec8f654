import type { ComplaintCategoriesView, PublicComplaintReceipt, PublicComplaintRequest, PublicComplaintStatusView } from '@fep/contracts';
import { ANONYMITY_EXPLANATIONS, ANONYMITY_LABELS, type AnonymityLevel } from '@fep/domain';
import { Alert, Button, Card, Descriptions, Form, Input, List, Radio, Result, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, apiFetch } from '../../api.ts';
import { MapView } from '../../components/MapView.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { beijingDateTime } from '../../licensing.ts';

interface FormValues {
  regionCode: string;
  category: string;
  description: string;
  address?: string;
  unitUsci?: string;
  level: AnonymityLevel;
  name?: string;
  phone?: string;
}

/** Tracking codes this browser sent (我的举报): only the codes, kept on this phone; nothing is sent anywhere. */
const MINE = 'fep.myReports';
function myCodes(): { code: string; at: string }[] {
  try {
    const v = JSON.parse(localStorage.getItem(MINE) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as { code: string; at: string }[]).filter((x) => typeof x?.code === 'string') : [];
  } catch {
    return [];
  }
}
function remember(code: string) {
  localStorage.setItem(MINE, JSON.stringify([{ code, at: new Date().toISOString() }, ...myCodes().filter((c) => c.code !== code)].slice(0, 20)));
}

const STATUS_COLORS: Record<PublicComplaintStatusView['status'], string> = {
  received: 'orange',
  verifying: 'processing',
  verified: 'cyan',
  closed: 'success',
  duplicate: 'default',
};

async function uploadPublicPhoto(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name || 'photo.jpg');
  const res = await apiFetch('/api/v1/public/complaints/photos', { method: 'POST', body: form });
  const data = (await res.json().catch(() => ({}))) as { id?: string; message?: string };
  if (!res.ok || !data.id) throw new ApiError(res.status, 'UPLOAD', data.message ?? '照片上传失败', null);
  return data.id;
}

/**
 * 举报火灾隐患 and 随手拍 (CMP-01, CMP-04), phone first, no login: the category with its statutory verification
 * limit, a photo taken or chosen, the location from the device (WGS84, GPS), and one of three anonymity levels
 * explained in plain words. The receipt shows the tracking code once; 我的举报 keeps the codes on this phone.
 */
export function HazardReportPage() {
  const [form] = Form.useForm<FormValues>();
  const region = Form.useWatch('regionCode', form);
  const level = Form.useWatch('level', form) ?? 'anonymous';
  const [categories, setCategories] = useState<ComplaintCategoriesView['categories']>([]);
  const [photos, setPhotos] = useState<{ id: string; name: string }[]>([]);
  const [location, setLocation] = useState<{ lat: number; lng: number; source: 'device' | 'map' } | null>(null);
  const [picking, setPicking] = useState(false);
  const [locating, setLocating] = useState(false);
  const [receipt, setReceipt] = useState<PublicComplaintReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => `hazard-report-${crypto.randomUUID()}`);

  useEffect(() => {
    if (!region) return;
    api<ComplaintCategoriesView>(`/api/v1/complaints/categories?region=${region}`)
      .then((v) => setCategories(v.categories))
      .catch(() => setCategories([]));
  }, [region]);

  async function addPhoto(files: FileList | null) {
    if (!files?.length) return;
    setError(null);
    try {
      for (const f of [...files].slice(0, 9 - photos.length)) {
        const id = await uploadPublicPhoto(f);
        setPhotos((p) => [...p, { id, name: f.name || '照片' }]);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '照片上传失败');
    }
  }
  function locate() {
    if (!navigator.geolocation) return setError('此设备无法定位，请填写地址');
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocation({ lat: Number(p.coords.latitude.toFixed(6)), lng: Number(p.coords.longitude.toFixed(6)), source: 'device' });
        setLocating(false);
      },
      () => {
        setError('未能取得位置，请允许定位或填写地址');
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  async function submit(v: FormValues) {
    setBusy(true);
    setError(null);
    try {
      const body: PublicComplaintRequest = {
        regionCode: v.regionCode,
        category: v.category,
        description: v.description,
        address: v.address || null,
        unitUsci: v.unitUsci || null,
        // The browser's Geolocation API answers in WGS84 (GPS); the map hands back WGS84 whatever its tiles use.
        location: location ? { lat: location.lat, lng: location.lng, system: 'wgs84' } : null,
        photos: photos.map((p) => p.id),
        anonymous: v.level !== 'real_name',
        reporter: v.level === 'anonymous' ? null : { ...(v.name ? { name: v.name } : {}), ...(v.phone ? { phone: v.phone } : {}) },
      };
      const r = await api<PublicComplaintReceipt>('/api/v1/public/complaints', { method: 'POST', body, headers: { 'idempotency-key': key } });
      remember(r.trackingCode);
      setReceipt(r);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试或拨打 96119');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>举报火灾隐患 · 随手拍</Typography.Title>
        <Typography.Paragraph type="secondary">
          发现安全出口锁闭、疏散通道堵塞、消防设施停用等火灾隐患，可在此举报，无需登录。紧急情况请立即拨打 119。投诉执法人员请选择类别“投诉执法人员”。
        </Typography.Paragraph>
        {receipt ? (
          <Card style={{ marginBottom: 16 }}>
            <Result
              status="success"
              title={receipt.routedTo === 'oversight' ? '已转执法监督部门办理' : '举报已受理'}
              subTitle={`受理机构：${receipt.agencyName}${receipt.verifyBy ? ` · 核查期限：${beijingDateTime(receipt.verifyBy)} 前` : ''}`}
              extra={
                <div>
                  <Typography.Text>请保存查询码（只显示这一次），凭码查看核查结果和答复：</Typography.Text>
                  <Typography.Title level={3} copyable data-testid="tracking-code" style={{ letterSpacing: 2 }}>
                    {receipt.trackingCode}
                  </Typography.Title>
                </div>
              }
            />
          </Card>
        ) : (
          <Card style={{ marginBottom: 16 }} title="填写举报">
            <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional" initialValues={{ level: 'anonymous' }}>
              <Form.Item name="regionCode" label="隐患所在地" rules={[{ required: true, message: '请选择省、市、区县' }]}>
                <RegionPicker />
              </Form.Item>
              <Form.Item name="category" label="隐患类别" rules={[{ required: true, message: '请选择隐患类别' }]}>
                <Select
                  placeholder={region ? '请选择' : '请先选择所在地'}
                  options={[
                    ...categories.map((c) => ({ value: c.code, label: `${c.name}（${c.limit.label}）` })),
                    ...(categories.length ? [{ value: 'officer_conduct', label: '投诉执法人员（转执法监督）' }] : []),
                  ]}
                />
              </Form.Item>
              <Form.Item name="description" label="隐患情况" rules={[{ required: true, min: 5, message: '请描述看到的情况（至少 5 个字）' }]}>
                <Input.TextArea rows={4} maxLength={3000} showCount placeholder="如：某商场后门安全出口被铁链锁住" />
              </Form.Item>
              <Form.Item label="现场照片（可拍照或从相册选择，最多 9 张）">
                <Space direction="vertical" style={{ width: '100%' }}>
                  <input
                    type="file"
                    accept="image/*"
                    capture="environment"
                    aria-label="拍照或选择照片"
                    data-testid="photo-input"
                    onChange={(e) => void addPhoto(e.target.files)}
                  />
                  {photos.length > 0 && <Typography.Text type="success">已上传 {photos.length} 张照片</Typography.Text>}
                </Space>
              </Form.Item>
              <Form.Item label="位置" extra="可使用手机定位，或打开地图点选隐患所在位置；也可只填写地址。">
                <Space wrap>
                  <Button onClick={locate} loading={locating}>
                    使用当前位置
                  </Button>
                  <Button onClick={() => setPicking((v) => !v)} aria-expanded={picking}>
                    {picking ? '收起地图' : '在地图上选点'}
                  </Button>
                  {location && (
                    <>
                      <Typography.Text type="secondary" data-testid="location">
                        {location.source === 'map' ? '已选位置' : '已定位'} {location.lat.toFixed(5)}, {location.lng.toFixed(5)}
                      </Typography.Text>
                      <Button type="link" size="small" onClick={() => setLocation(null)}>
                        清除
                      </Button>
                    </>
                  )}
                </Space>
                {picking && (
                  <div style={{ marginTop: 8 }}>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                      点按地图上的隐患位置（可拖动、缩放地图）。
                    </Typography.Paragraph>
                    <MapView aria-label="点选隐患位置的地图" height={300} picked={location} onPick={(p) => setLocation({ ...p, source: 'map' })} />
                  </div>
                )}
              </Form.Item>
              <Form.Item name="address" label="地址或场所名称">
                <Input maxLength={200} placeholder="如：白塔区中华大街 1 号某商场" />
              </Form.Item>
              <Form.Item name="unitUsci" label="单位统一社会信用代码（如知道）" rules={[{ pattern: /^[0-9A-Za-z]{18}$/, message: '应为 18 位' }]}>
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
              <Form.Item name="level" label="身份信息">
                <Radio.Group>
                  <Space direction="vertical">
                    {(['anonymous', 'anonymous_with_contact', 'real_name'] as const).map((l) => (
                      <Radio key={l} value={l}>
                        {ANONYMITY_LABELS[l]}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Alert type="info" showIcon style={{ marginBottom: 16 }} message={ANONYMITY_EXPLANATIONS[level]} />
              {level !== 'anonymous' && (
                <>
                  <Form.Item name="name" label="姓名" rules={[{ required: level === 'real_name', message: '实名举报请填写姓名' }]}>
                    <Input maxLength={40} autoComplete="name" />
                  </Form.Item>
                  <Form.Item name="phone" label="联系电话" rules={[{ required: true, pattern: /^[0-9+\- ]{5,20}$/, message: '请填写正确的电话号码' }]}>
                    <Input maxLength={20} inputMode="tel" autoComplete="tel" />
                  </Form.Item>
                </>
              )}
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
              <Button type="primary" htmlType="submit" loading={busy} block>
                提交举报
              </Button>
            </Form>
          </Card>
        )}
        <ReportLookup initialCode={receipt?.trackingCode} />
        <MyReports />
      </div>
    </PortalPage>
  );
}

/** 我的举报: the codes sent from this phone, each opening its status. */
function MyReports() {
  const [codes] = useState(myCodes);
  if (!codes.length) return null;
  return (
    <Card title="我的举报（本机记录）" style={{ marginTop: 16 }}>
      <List
        dataSource={codes}
        renderItem={(c) => (
          <List.Item>
            <Typography.Text copyable>{c.code}</Typography.Text>
            <Typography.Text type="secondary">{beijingDateTime(c.at)}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 查询举报: status, verification limit, outcome, feedback, reward claim and 仍未解决 by tracking code. */
export function ReportLookup({ initialCode }: { initialCode?: string | undefined }) {
  const [code, setCode] = useState(initialCode ?? '');
  const [result, setResult] = useState<PublicComplaintStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function look(c: string) {
    setBusy(true);
    setError(null);
    try {
      setCode(c.trim());
      setResult(await api<PublicComplaintStatusView>(`/api/v1/public/complaints/${encodeURIComponent(c.trim())}`));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : '查询失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  async function claim(v: { payeeName: string; account: string }) {
    try {
      await api(`/api/v1/public/complaints/${encodeURIComponent(code)}/reward-claim`, { method: 'POST', body: v });
      setNotice('已申领奖励，发放后可在此查看');
      await look(code);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '申领失败');
    }
  }
  async function reopen(v: { reason: string }) {
    try {
      setResult(await api<PublicComplaintStatusView>(`/api/v1/public/complaints/${encodeURIComponent(code)}/reopen`, { method: 'POST', body: v }));
      setNotice('已重新办理，消防救援机构将再次核查');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  return (
    <Card title="查询举报办理情况">
      <Form
        layout="vertical"
        onFinish={(v: { code: string }) => void look(v.code)}
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
      {notice && <Alert type="success" showIcon message={notice} style={{ marginTop: 16 }} />}
      {result && (
        <>
          <Descriptions className="lookup-facts" size="small" column={1} bordered style={{ marginTop: 16 }}>
            <Descriptions.Item label="受理机构">{result.agencyName}</Descriptions.Item>
            <Descriptions.Item label="类别">{result.categoryName}</Descriptions.Item>
            <Descriptions.Item label="当前状态">
              <Tag color={STATUS_COLORS[result.status]}>{result.statusLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="受理时间">{beijingDateTime(result.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label="核查期限">{beijingDateTime(result.verifyBy)}</Descriptions.Item>
            {result.verifiedAt && <Descriptions.Item label="核查时间">{beijingDateTime(result.verifiedAt)}</Descriptions.Item>}
            {result.outcomeLabel && <Descriptions.Item label="核查结论">{result.outcomeLabel}</Descriptions.Item>}
            {result.feedback && (
              <Descriptions.Item label="处理情况">
                <span data-testid="feedback">{result.feedback}</span>
              </Descriptions.Item>
            )}
            {result.reward && (
              <Descriptions.Item label="举报奖励">
                {result.reward.statusLabel}
                {result.reward.amount != null ? ` · ${result.reward.amount} 元` : ''}
                {result.reward.reason ? `（${result.reward.reason}）` : ''}
                {result.reward.claimBy ? ` · 请于 ${result.reward.claimBy} 前申领` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          {result.reward?.statusLabel === '可领取奖励' && (
            <Form layout="vertical" style={{ marginTop: 16 }} onFinish={(v: { payeeName: string; account: string }) => void claim(v)}>
              <Form.Item name="payeeName" label="收款人姓名" rules={[{ required: true, message: '请填写收款人姓名' }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="account" label="收款账户" rules={[{ required: true, min: 4, message: '请填写收款账户' }]}>
                <Input maxLength={60} inputMode="numeric" />
              </Form.Item>
              <Button htmlType="submit" block>
                申领奖励
              </Button>
            </Form>
          )}
          {result.status === 'closed' && (
            <Form layout="vertical" style={{ marginTop: 16 }} onFinish={(v: { reason: string }) => void reopen(v)}>
              <Form.Item name="reason" label="问题仍未解决？" rules={[{ required: true, min: 4, message: '请说明现在的情况' }]}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Button htmlType="submit" block>
                反映仍未解决
              </Button>
            </Form>
          )}
        </>
      )}
    </Card>
  );
}
