import { CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldDraft as Draft, FieldRecordRequest, FieldRecordResponse, FieldHazardDraft as HazardDraft, TaskDetailView } from '@fep/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Result, Segmented, Skeleton, Space, Switch, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { uploadFile } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { SignaturePad } from './SignaturePad.tsx';

const KEY = (id: string) => `fep.field.${id}`;

/** Photo previews are object URLs of this page's life; after a reload only the uploaded ids remain. */
function withoutDeadPreviews(d: Draft): Draft {
  return { ...d, hazards: d.hazards.map((h) => ({ ...h, photos: h.photos.map((p) => ({ ...p, url: '' })) })) };
}

/**
 * SUP-09/12: the inspector's phone page. Checklist from the task, hazards with photos and the major-hazard
 * flag (GB 35181), signatures of both inspectors and the unit's representative, on site or by video. The
 * draft is kept on the phone and on the server, so a reload or a lost signal loses nothing.
 */
export function FieldInspectionPage() {
  const { id } = useParams();
  const { me, loading } = useAuth();
  const { message } = App.useApp();
  // Read once: the page then works from its own draft, and a refetch must not reset what is being typed.
  const taskQuery = useApi<TaskDetailView>(`/api/v1/inspection-tasks/${id}`, { staleTime: Number.POSITIVE_INFINITY, refetchOnReconnect: false });
  const task = taskQuery.data ?? null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [sigs, setSigs] = useState<{ a?: string; b?: string; rep?: string }>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [done, setDone] = useState<FieldRecordResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const loadError = taskQuery.error ? (taskQuery.error instanceof ApiError ? taskQuery.error.message : '加载失败') : null;
  const error = loadError ?? submitError;
  const record = useApiMutation<FieldRecordResponse, FieldRecordRequest>('/api/v1/inspection-tasks', '/api/v1/rectification-orders', '/api/v1/clocks');
  // The server copy of the draft: no read to invalidate (the page keeps its own).
  const saveDraft = useMutation({ mutationFn: (d: Draft) => api(`/api/v1/inspection-tasks/${id}/draft`, { method: 'PUT', body: { draft: d } }) });

  // Not data fetching: another task's page starts from that task's draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the task in the address changes
  useEffect(() => setDraft(null), [id]);
  // Not data fetching: when the task has arrived, the draft starts from the phone's copy, else the server's, else the checklist.
  useEffect(() => {
    const t = task;
    if (!t) return;
    setDraft((current) => {
      if (current) return current;
      const saved = localStorage.getItem(KEY(id!));
      const server = t.draft && typeof t.draft === 'object' && 'results' in t.draft ? (t.draft as Draft) : null;
      return saved
        ? withoutDeadPreviews(JSON.parse(saved) as Draft)
        : server
          ? { ...server, hazards: server.hazards.map((h) => ({ ...h, photos: h.photos.map((p) => ({ ...p, url: '' })) })) }
          : {
              mode: 'onsite',
              results: Object.fromEntries((t.checklist ?? []).map((i) => [i.code, true])),
              hazards: [],
              findings: '',
              deadline: 10,
              guidance: '',
              representativeName: '',
            };
    });
  }, [task, id]);

  const update = useCallback(
    (patch: Partial<Draft>) => {
      setDraft((d) => {
        const next = { ...d!, ...patch };
        localStorage.setItem(KEY(id!), JSON.stringify(next));
        return next;
      });
    },
    [id],
  );
  // A timer, not a read: the server copy follows the phone's, a few seconds after the last change.
  const { mutate: putDraft } = saveDraft;
  useEffect(() => {
    if (!draft || done) return;
    const t = setTimeout(() => putDraft(draft), 3000);
    return () => clearTimeout(t);
  }, [draft, done, putDraft]);

  const mine = useMemo(() => task?.inspectors.findIndex((i) => i.id === me?.id) ?? -1, [task, me]);
  if (!loading && !me) return <Navigate to="/admin/login" replace />;
  if (error) return <Result status="404" title={error} extra={<Link to="/admin/tasks">返回任务</Link>} />;
  if (!task || !draft) return <Skeleton active style={{ padding: 16 }} />;
  if (done)
    return (
      <Result
        status="success"
        title="检查记录已提交"
        subTitle={done.orderId ? '已下达责令改正通知，单位可在办事大厅查看并在线反馈' : '未发现问题'}
        extra={<Link to="/admin/tasks">返回任务列表</Link>}
      />
    );

  const sign = (slot: 'a' | 'b' | 'rep') => async (png: Blob | null) => {
    if (!png) return setSigs((s) => ({ ...s, [slot]: undefined }));
    const fid = await uploadFile(new File([png], `signature-${slot}.png`, { type: 'image/png' }));
    setSigs((s) => ({ ...s, [slot]: fid }));
  };
  async function submit() {
    setSubmitError(null);
    setBusy(true);
    try {
      const r = await record.mutateAsync({
        url: `/api/v1/inspection-tasks/${id}/record`,
        body: {
          mode: draft!.mode,
          checklist: (task!.checklist ?? []).map((i) => ({ code: i.code, passed: draft!.results[i.code] ?? true })),
          hazards: draft!.hazards.map((h) => ({ itemCode: h.itemCode, description: h.description, major: h.major, photoIds: h.photos.map((p) => p.id) })),
          findings: draft!.findings,
          signatures: {
            inspectors: [sigs.a, sigs.b].filter((x): x is string => !!x),
            representative: sigs.rep ?? null,
            representativeName: draft!.representativeName || null,
          },
          order: draft!.hazards.length ? { deadlineWorkingDays: draft!.deadline, guidance: draft!.guidance } : null,
        },
      });
      localStorage.removeItem(KEY(id!));
      setDone(r);
      message.success('已提交');
    } catch (e) {
      setSubmitError(e instanceof ApiError ? e.message : '提交失败，草稿已保留');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="field-page">
      <div className="field-head">
        <Link to="/admin/tasks" style={{ color: '#fff' }}>
          ‹ 任务
        </Link>
        <b>监督检查记录</b>
        <Tag color="gold">{task.purposeLabel}</Tag>
      </div>
      <Card size="small">
        <Typography.Text strong>{task.subject}</Typography.Text>
        <div className="muted">{task.venueAddress}</div>
        <div className="muted">检查人员：{task.inspectors.map((i) => i.name).join('、')}</div>
        {mine < 0 && <Alert type="warning" showIcon message="您不是本任务的检查人员，只能查看" style={{ marginTop: 8 }} />}
      </Card>
      <Card size="small" title="检查方式">
        <Segmented
          block
          value={draft.mode}
          onChange={(v) => update({ mode: v as Draft['mode'] })}
          options={[
            { value: 'onsite', label: '现场检查' },
            { value: 'remote', label: '远程视频检查' },
          ]}
        />
      </Card>
      <Card size="small" title="检查项目">
        {(task.checklist ?? []).map((i) => (
          <div key={i.code} className="check-row">
            <div>
              <div>{i.name}</div>
              <div className="muted small">{i.legalBasis}</div>
            </div>
            <Switch
              checkedChildren="符合"
              unCheckedChildren="不符合"
              checked={draft.results[i.code] ?? true}
              onChange={(v) => update({ results: { ...draft.results, [i.code]: v } })}
              aria-label={i.name}
            />
          </div>
        ))}
      </Card>
      <Card
        size="small"
        title={`发现的隐患（${draft.hazards.length}）`}
        extra={
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => update({ hazards: [...draft.hazards, { key: Date.now(), description: '', major: false, photos: [] }] })}
          >
            添加隐患
          </Button>
        }
      >
        {draft.hazards.length === 0 && <div className="muted">未发现隐患可直接提交</div>}
        {draft.hazards.map((h, n) => {
          const set = (patch: Partial<HazardDraft>) => update({ hazards: draft.hazards.map((x) => (x.key === h.key ? { ...x, ...patch } : x)) });
          return (
            <div key={h.key} className="hazard-box">
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <b>隐患 {n + 1}</b>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => update({ hazards: draft.hazards.filter((x) => x.key !== h.key) })}
                  aria-label="删除隐患"
                />
              </Space>
              <Input.TextArea
                rows={2}
                placeholder="隐患描述（部位、情况）"
                value={h.description}
                onChange={(e) => set({ description: e.target.value })}
                aria-label={`隐患${n + 1}描述`}
              />
              <Checkbox checked={h.major} onChange={(e) => set({ major: e.target.checked })} style={{ margin: '8px 0' }}>
                重大火灾隐患（GB 35181）
              </Checkbox>
              <div>
                {h.photos.map((p) =>
                  p.url.startsWith('blob:') ? <img key={p.id} src={p.url} alt="隐患照片" className="thumb" /> : <Tag key={p.id}>照片已上传</Tag>,
                )}
                <Upload
                  accept="image/*"
                  showUploadList={false}
                  customRequest={async ({ file, onSuccess, onError }) => {
                    try {
                      const fid = await uploadFile(file as File);
                      set({ photos: [...h.photos, { id: fid, url: URL.createObjectURL(file as File) }] });
                      onSuccess?.({});
                    } catch (e) {
                      message.error(e instanceof Error ? e.message : '照片上传失败');
                      onError?.(e as Error);
                    }
                  }}
                >
                  <Button icon={<CameraOutlined />} aria-label={`隐患${n + 1}拍照`}>
                    拍照
                  </Button>
                </Upload>
              </div>
            </div>
          );
        })}
        {draft.hazards.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text strong>责令改正</Typography.Text>
            <Space style={{ display: 'flex', margin: '6px 0' }}>
              整改期限
              <InputNumber min={1} max={60} value={draft.deadline} onChange={(v) => update({ deadline: v ?? 10 })} aria-label="整改期限" />
              个工作日
            </Space>
            <Input.TextArea
              rows={2}
              placeholder="整改指导（怎么改、改到什么标准）"
              value={draft.guidance}
              onChange={(e) => update({ guidance: e.target.value })}
              aria-label="整改指导"
            />
          </div>
        )}
      </Card>
      <Card size="small" title="检查意见">
        <Input.TextArea rows={3} value={draft.findings} onChange={(e) => update({ findings: e.target.value })} aria-label="检查意见" />
      </Card>
      <Card size="small" title="签名">
        <Space direction="vertical" style={{ width: '100%' }}>
          <SignaturePad label={`检查人员：${task.inspectors[0]?.name ?? ''}`} onChange={sign('a')} />
          <SignaturePad label={`检查人员：${task.inspectors[1]?.name ?? ''}`} onChange={sign('b')} />
          {draft.mode === 'onsite' && (
            <>
              <Input
                placeholder="被检查单位代表姓名"
                value={draft.representativeName}
                onChange={(e) => update({ representativeName: e.target.value })}
                aria-label="单位代表姓名"
              />
              <SignaturePad label="被检查单位代表" onChange={sign('rep')} />
            </>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ margin: 8 }} />}
      <div style={{ padding: 12 }}>
        <Button type="primary" block size="large" loading={busy} disabled={mine < 0} onClick={() => void submit()}>
          提交检查记录
        </Button>
        <div className="muted small" style={{ textAlign: 'center', marginTop: 6 }}>
          草稿自动保存在本机和服务器
        </div>
      </div>
    </div>
  );
}
