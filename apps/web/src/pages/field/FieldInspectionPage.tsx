import { CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldDraft as Draft, FieldRecordResponse, FieldHazardDraft as HazardDraft, TaskDetailView } from '@fep/contracts';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  ConfigProvider,
  Input,
  InputNumber,
  Radio,
  Result,
  Segmented,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, uploadFile } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { NetworkBadge } from '../../components/NetworkBadge.tsx';
import { discard, enqueue, localFile, useOutbox } from '../../offline/outbox.ts';
import { registerFieldApp } from '../../offline/register.ts';
import { dropDraft, type LocalDraft, loadDraft, type SignatureSlot, saveLocalDraft } from '../../offline/store.ts';
import { useApi } from '../../query.ts';
import { initialDraft, isOpeningCheck, recordRequest, serverDraft } from './fieldDraft.ts';
import { SignaturePad } from './SignaturePad.tsx';

/** A photo of the phone's draft: its own image while the phone has it, else a note that the server has it. */
function Thumb({ blob }: { blob?: Blob }) {
  const [src, setSrc] = useState<string | null>(null);
  // Not data fetching: an object URL for the kept image, released when the thumbnail goes.
  useEffect(() => {
    if (!blob) return;
    const u = URL.createObjectURL(blob);
    setSrc(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return blob ? src && <img src={src} alt="隐患照片" className="thumb" /> : <Tag>照片已上传</Tag>;
}

/**
 * SUP-09/12 and LIC-04: the inspector's phone page. Checklist from the task; for supervision checks hazards
 * with photos and the major-hazard flag (GB 35181) and signatures of both inspectors and the unit's
 * representative, on site or by video. Works without network: the draft (photos and signatures included)
 * is kept in the phone's IndexedDB, a submitted record waits in the outbox until the network is back, and
 * the server's refusal keeps the form with its message and 重试.
 */
export function FieldInspectionPage() {
  const { id } = useParams();
  const { me, loading } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const outbox = useOutbox();
  // Read once: the page then works from its own draft, and a refetch must not reset what is being typed.
  const taskQuery = useApi<TaskDetailView>(`/api/v1/inspection-tasks/${id}`, { staleTime: Number.POSITIVE_INFINITY, refetchOnReconnect: false });
  const task = taskQuery.data ?? null;
  const [local, setLocal] = useState<LocalDraft | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // The server copy of the draft: no read to invalidate (the page keeps its own).
  const saveDraft = useMutation({ mutationFn: (d: Draft) => api(`/api/v1/inspection-tasks/${id}/draft`, { method: 'PUT', body: { draft: d } }) });

  // Not data fetching: the installable field app's service worker, so that this page opens without network.
  useEffect(() => registerFieldApp([`/api/v1/inspection-tasks/${id}`]), [id]);
  // Not data fetching: another task's page starts from that task's draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the task in the address changes
  useEffect(() => setLocal(null), [id]);
  // Not data fetching: once the task is known, the draft starts from the phone's copy, else the server's, else the checklist.
  useEffect(() => {
    if (!task) return;
    let live = true;
    void loadDraft(task.id).then((saved) => live && setLocal((cur) => cur ?? saved ?? initialDraft(task)));
    return () => {
      live = false;
    };
  }, [task]);

  const update = useCallback((change: (d: LocalDraft) => Partial<LocalDraft>) => {
    setLocal((d) => {
      if (!d) return d;
      const next = { ...d, ...change(d), updatedAt: new Date().toISOString() };
      void saveLocalDraft(next);
      return next;
    });
  }, []);
  const patch = useCallback((p: Partial<Draft>) => update((d) => ({ draft: { ...d.draft, ...p } })), [update]);

  const queuedHere = outbox.records.find((r) => r.taskId === id) ?? null;
  const sent = id ? (outbox.sent[id] as FieldRecordResponse | undefined) : undefined;
  const locked = !!queuedHere && queuedHere.state !== 'refused';

  // A timer, not a read: the server copy follows the phone's a few seconds after the last change, while online.
  const { mutate: putDraft } = saveDraft;
  useEffect(() => {
    if (!local || !task || isOpeningCheck(task) || queuedHere || sent || !outbox.online) return;
    const t = setTimeout(() => putDraft(serverDraft(local)), 3000);
    return () => clearTimeout(t);
  }, [local, task, queuedHere, sent, outbox.online, putDraft]);
  // Not data fetching: what became of a submitted record is brought into view next to the button that sent it.
  const queuedState = queuedHere?.state;
  useEffect(() => {
    if (queuedState) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [queuedState]);

  const mine = useMemo(() => task?.inspectors.findIndex((i) => i.id === me?.id) ?? -1, [task, me]);
  if (!loading && !me) return <Navigate to="/admin/login" replace />;
  if (taskQuery.error)
    return (
      <Result
        status="warning"
        title={taskQuery.error instanceof ApiError ? taskQuery.error.message : '检查任务加载失败'}
        extra={
          <Space>
            <Button className="touch" onClick={() => void taskQuery.refetch()}>
              重试
            </Button>
            <Link to="/admin/tasks">返回任务</Link>
          </Space>
        }
      />
    );
  if (sent)
    return (
      <Result
        status="success"
        title={isOpeningCheck(task ?? { purpose: '' }) ? '现场检查结果已提交' : '检查记录已提交'}
        subTitle={
          isOpeningCheck(task ?? { purpose: '' })
            ? '许可决定时限已开始计算'
            : sent.orderId
              ? '已下达责令改正通知，单位可在办事大厅查看并在线反馈'
              : '未发现问题'
        }
        extra={
          <Link to="/admin/tasks">
            <Button type="primary" size="large" style={{ minHeight: 44 }}>
              返回任务列表
            </Button>
          </Link>
        }
      />
    );
  if (!task || !local || !outbox.ready) return <Skeleton active style={{ padding: 16 }} />;
  if (task.status === 'done' && !queuedHere)
    return <Result status="info" title="该任务已办结" subTitle="检查记录已在服务器上" extra={<Link to="/admin/tasks">返回任务列表</Link>} />;

  const opening = isOpeningCheck(task);
  const { draft } = local;

  /** Keeps a photo or signature on the phone and sends it at once when there is network (the outbox sends it otherwise). */
  async function keep(blob: Blob, attach: (ref: string) => (d: LocalDraft) => Partial<LocalDraft>) {
    const [ref, file] = localFile(blob);
    update((d) => ({ ...attach(ref)(d), files: { ...d.files, [ref]: file } }));
    if (!navigator.onLine) return;
    try {
      const fileId = await uploadFile(blob, file.name ?? `${ref}.png`, file.key);
      update((d) => (d.files[ref] ? { files: { ...d.files, [ref]: { ...d.files[ref], fileId } } } : {}));
    } catch (e) {
      // Without an answer the photo waits for the record; a refusal (not an image, too large) is told at once.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) message.error(e.message);
    }
  }
  const sign = (slot: SignatureSlot) => (png: Blob | null) => {
    if (!png) return update((d) => ({ signatures: { ...d.signatures, [slot]: undefined } }));
    void keep(png, (ref) => (d) => ({ signatures: { ...d.signatures, [slot]: ref } }));
  };
  async function submit() {
    const req = recordRequest(task!, local!);
    await enqueue({ taskId: task!.id, subject: task!.subject, ...req });
  }
  async function giveUp() {
    if (queuedHere) await discard(queuedHere.id);
    await dropDraft(task!.id);
    navigate('/admin/tasks');
  }

  return (
    <main id="main" className="field-page">
      <div className="field-head">
        <Link to="/admin/tasks" className="field-back">
          ‹ 任务
        </Link>
        <b className="field-title">{opening ? '现场检查记录' : '监督检查记录'}</b>
        <NetworkBadge />
      </div>
      <Card size="small">
        <Space size={6} wrap>
          <Tag color="gold">{task.purposeLabel}</Tag>
          <Typography.Text strong>{task.subject}</Typography.Text>
        </Space>
        <div className="muted">{task.venueAddress}</div>
        <div className="muted">检查人员：{task.inspectors.map((i) => i.name).join('、')}</div>
        {mine < 0 && <Alert type="warning" showIcon message="您不是本任务的检查人员，只能查看" style={{ marginTop: 8 }} />}
      </Card>
      <ConfigProvider componentDisabled={locked || mine < 0}>
        <div className={locked ? 'field-locked' : undefined}>
          {!opening && (
            <Card size="small" title="检查方式">
              <Segmented
                block
                size="large"
                value={draft.mode}
                onChange={(v) => patch({ mode: v as Draft['mode'] })}
                options={[
                  { value: 'onsite', label: '现场检查' },
                  { value: 'remote', label: '远程视频检查' },
                ]}
              />
            </Card>
          )}
          <Card size="small" title="检查项目">
            {(task.checklist ?? []).map((i) => (
              <div key={i.code} className="check-row">
                <div>
                  <div>{i.name}</div>
                  <div className="muted small">{i.legalBasis}</div>
                </div>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  aria-label={i.name}
                  value={(draft.results[i.code] ?? true) ? 'pass' : 'fail'}
                  onChange={(e) => patch({ results: { ...draft.results, [i.code]: e.target.value === 'pass' } })}
                  options={[
                    { value: 'pass', label: '符合' },
                    { value: 'fail', label: '不符合' },
                  ]}
                />
              </div>
            ))}
          </Card>
          {!opening && (
            <Card
              size="small"
              title={`发现的隐患（${draft.hazards.length}）`}
              extra={
                <Button
                  className="touch"
                  icon={<PlusOutlined />}
                  onClick={() => patch({ hazards: [...draft.hazards, { key: Date.now(), description: '', major: false, photos: [] }] })}
                >
                  添加隐患
                </Button>
              }
            >
              {draft.hazards.length === 0 && <div className="muted">未发现隐患可直接提交</div>}
              {draft.hazards.map((h, n) => {
                const set = (p: Partial<HazardDraft>) => patch({ hazards: draft.hazards.map((x) => (x.key === h.key ? { ...x, ...p } : x)) });
                return (
                  <div key={h.key} className="hazard-box">
                    <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                      <b>隐患 {n + 1}</b>
                      <Button
                        className="touch"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => patch({ hazards: draft.hazards.filter((x) => x.key !== h.key) })}
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
                    <Checkbox className="touch-check" checked={h.major} onChange={(e) => set({ major: e.target.checked })}>
                      重大火灾隐患（GB 35181）
                    </Checkbox>
                    <div className="photos">
                      {h.photos.map((p) => (
                        <span key={p.id} className="photo">
                          <Thumb blob={local.files[p.id]?.blob} />
                          {local.files[p.id] && !local.files[p.id]?.fileId && <Tag color="gold">待上传</Tag>}
                        </span>
                      ))}
                      <Upload
                        accept="image/*"
                        showUploadList={false}
                        customRequest={({ file, onSuccess }) => {
                          // The photo is kept on the phone first: with or without network nothing is lost.
                          void keep(file as File, (ref) => (d) => ({
                            draft: {
                              ...d.draft,
                              hazards: d.draft.hazards.map((x) => (x.key === h.key ? { ...x, photos: [...x.photos, { id: ref, url: '' }] } : x)),
                            },
                          }));
                          onSuccess?.({});
                        }}
                      >
                        <Button className="touch" icon={<CameraOutlined />} aria-label={`隐患${n + 1}拍照`}>
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
                    <InputNumber size="large" min={1} max={60} value={draft.deadline} onChange={(v) => patch({ deadline: v ?? 10 })} aria-label="整改期限" />
                    个工作日
                  </Space>
                  <Input.TextArea
                    rows={2}
                    placeholder="整改指导（怎么改、改到什么标准）"
                    value={draft.guidance}
                    onChange={(e) => patch({ guidance: e.target.value })}
                    aria-label="整改指导"
                  />
                </div>
              )}
            </Card>
          )}
          <Card size="small" title={opening ? '检查情况' : '检查意见'}>
            <Input.TextArea rows={3} value={draft.findings} onChange={(e) => patch({ findings: e.target.value })} aria-label="检查意见" />
            {opening && (
              <Checkbox
                className="touch-check"
                checked={!!local.documentsVerifiedOnSite}
                onChange={(e) => update(() => ({ documentsVerifiedOnSite: e.target.checked }))}
              >
                容缺材料已现场核验
              </Checkbox>
            )}
          </Card>
          {!opening && (
            <Card size="small" title="签名">
              <Space direction="vertical" style={{ width: '100%' }}>
                <SignaturePad label={`检查人员：${task.inspectors[0]?.name ?? ''}`} value={local.files[local.signatures.a ?? '']?.blob} onChange={sign('a')} />
                <SignaturePad label={`检查人员：${task.inspectors[1]?.name ?? ''}`} value={local.files[local.signatures.b ?? '']?.blob} onChange={sign('b')} />
                {draft.mode === 'onsite' && (
                  <>
                    <Input
                      size="large"
                      placeholder="被检查单位代表姓名"
                      value={draft.representativeName}
                      onChange={(e) => patch({ representativeName: e.target.value })}
                      aria-label="单位代表姓名"
                    />
                    <SignaturePad label="被检查单位代表" value={local.files[local.signatures.rep ?? '']?.blob} onChange={sign('rep')} />
                  </>
                )}
              </Space>
            </Card>
          )}
        </div>
      </ConfigProvider>
      <div ref={errorRef}>
        {queuedHere && (queuedHere.state === 'queued' || queuedHere.state === 'sending') && (
          <Alert
            className="field-status"
            type="info"
            showIcon
            message={outbox.online ? '正在提交检查记录…' : '已保存在本机，联网后自动提交'}
            description={queuedHere.message && outbox.online ? queuedHere.message : '照片和签名已一并保存，请勿清除浏览器数据'}
          />
        )}
        {queuedHere?.state === 'refused' && (
          <Alert
            className="field-status"
            type="error"
            showIcon
            message="提交未成功，表单已保留"
            description={queuedHere.message}
            action={
              <Button className="touch" danger onClick={() => void submit()}>
                重试
              </Button>
            }
          />
        )}
        {queuedHere?.state === 'conflict' && (
          <Alert
            className="field-status"
            type="warning"
            showIcon
            message="服务器上的任务已有变化，本机记录未提交"
            description={`${queuedHere.message ?? ''}。本机记录仍保留在上方供查看；如已由他人录入，可放弃本机记录。`}
            action={
              <Button className="touch" onClick={() => void giveUp()}>
                放弃本机记录
              </Button>
            }
          />
        )}
      </div>
      <div style={{ padding: 12 }}>
        <Button type="primary" block size="large" loading={queuedHere?.state === 'sending'} disabled={mine < 0 || locked} onClick={() => void submit()}>
          {opening ? '提交检查结果' : '提交检查记录'}
        </Button>
        <div className="muted small" style={{ textAlign: 'center', marginTop: 6 }}>
          {!outbox.online ? '离线：草稿、照片和签名保存在本机，联网后提交' : opening ? '草稿自动保存在本机' : '草稿自动保存在本机和服务器'}
        </div>
      </div>
    </main>
  );
}
