import type { TaskQueueRow } from '@fep/contracts';
import { DUE_FILTER_LABELS, INSPECTION_RESULT_LABELS, TASK_PURPOSE_LABELS, TASK_STATUS_LABELS } from '@fep/domain';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { DueCell } from '../../components/DueTag.tsx';
import { type ListColumn, ListPage } from '../../components/ListPage.tsx';
import { beijingDateTime } from '../../licensing.ts';
import { useApiMutation } from '../../mutation.ts';
import { FIELD_PURPOSES, isOpeningCheck } from '../field/fieldDraft.ts';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const taskFileOf = (t: TaskQueueRow) => (t.applicationId ? `/admin/applications/${t.applicationId}` : `/admin/tasks/${t.id}`);
const PURPOSE_COLORS: Record<string, string> = { opening_check: 'blue', commitment_verification: 'gold', random: 'purple', re_inspection: 'cyan' };

/** Inspection tasks: opening checks, verification of commitments (LIC-03), supervision checks and re-inspections. */
export function TasksPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [verifying, setVerifying] = useState<TaskQueueRow | null>(null);
  const write = useApiMutation();
  async function assign(t: TaskQueueRow) {
    try {
      await write.mutateAsync({ url: `/api/v1/inspection-tasks/${t.id}/assign`, body: {} });
      message.success('已随机指派两名持证检查人员');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '指派失败');
    }
  }
  async function reinspect(t: TaskQueueRow, fixed: boolean) {
    try {
      await write.mutateAsync({
        url: `/api/v1/inspection-tasks/${t.id}/reinspection`,
        body: { fixed, findings: fixed ? '经复查，隐患已整改' : '经复查，隐患未整改' },
      });
      message.success(fixed ? '已销案' : '已移送执法办案');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  const columns: ListColumn<TaskQueueRow>[] = [
    {
      title: '类型',
      dataIndex: 'purposeLabel',
      render: (v: string, t) => <Tag color={PURPOSE_COLORS[t.purpose] ?? 'orange'}>{v}</Tag>,
    },
    // A licensing check is worked from its application (the check is recorded there); other tasks open their own page.
    { title: '对象', dataIndex: 'subject', hideOnCard: true, render: (v: string, t) => <Link to={taskFileOf(t)}>{v}</Link> },
    { title: '地址', dataIndex: 'venueAddress' },
    { title: '检查人员', key: 'inspectors', render: (_, t) => t.inspectors.map((i) => i.name).join('、') || '—' },
    { title: '预约', key: 'appointment', render: (_, t) => (t.appointmentAt ? `${beijingDateTime(t.appointmentAt)}${t.offHours ? '（错时）' : ''}` : '—') },
    { title: '生成时间', dataIndex: 'createdAt', sortKey: 'createdAt', render: (v: string) => beijingDateTime(v) },
    { title: '办理期限 / 剩余工作日', key: 'due', sortKey: 'dueDate', render: (_, t) => <DueCell due={t.due} /> },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      render: (v: string, t) => (
        <Tag color={t.status === 'done' ? 'success' : 'processing'}>
          {v}
          {t.result ? ` · ${INSPECTION_RESULT_LABELS[t.result] ?? t.result}` : ''}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, t) => (
        <>
          {t.status === 'unassigned' && can('licensing:inspection:assign') && (
            <Button size="small" onClick={() => void assign(t)}>
              随机指派
            </Button>
          )}
          {t.purpose === 'commitment_verification' && t.status === 'assigned' && can('licensing:inspection:record') && (
            <Button size="small" type="primary" onClick={() => setVerifying(t)}>
              录入核查结果
            </Button>
          )}
          {FIELD_PURPOSES.includes(t.purpose) &&
            t.status === 'assigned' &&
            can(isOpeningCheck(t) ? 'licensing:inspection:record' : 'supervision:inspection:record') && (
              <Link to={`/field/tasks/${t.id}`}>
                <Button size="small" type="primary">
                  现场检查
                </Button>
              </Link>
            )}
          {t.purpose === 're_inspection' && t.status === 'assigned' && can('supervision:inspection:record') && (
            <Space>
              <Button size="small" type="primary" onClick={() => void reinspect(t, true)}>
                已整改
              </Button>
              <Button size="small" danger onClick={() => void reinspect(t, false)}>
                未整改
              </Button>
            </Space>
          )}
        </>
      ),
    },
  ];
  return (
    <>
      <ListPage<TaskQueueRow>
        listKey="tasks"
        title="检查任务"
        endpoint="/api/v1/inspection-task-queue"
        exportName="检查任务"
        searchPlaceholder="单位、场所、地址或信用代码"
        defaults={{ mine: can('licensing:inspection:record') ? 'true' : '' }}
        filters={[
          {
            param: 'mine',
            label: '范围',
            kind: 'segmented',
            options: [
              { value: 'true', label: '指派给我的' },
              { value: '', label: '辖区全部' },
            ],
          },
          { param: 'purpose', label: '任务类型', options: options(TASK_PURPOSE_LABELS) },
          { param: 'status', label: '任务状态', options: options(TASK_STATUS_LABELS) },
          { param: 'due', label: '时限状态', options: options(DUE_FILTER_LABELS) },
        ]}
        columns={columns}
        rowKey={(t) => t.id}
        cardTitle={(t) => <Link to={taskFileOf(t)}>{t.subject}</Link>}
        emptyText="暂无检查任务"
      />
      <VerificationModal task={verifying} onClose={() => setVerifying(null)} />
    </>
  );
}

function VerificationModal({ task, onClose }: { task: TaskQueueRow | null; onClose(): void }) {
  const { message } = App.useApp();
  const write = useApiMutation();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  async function submit() {
    const v = (await form.validateFields()) as { outcome: string; findings: string; serious?: boolean; items?: string; days?: number; failed?: string[] };
    setError(null);
    try {
      await write.mutateAsync({
        url: `/api/v1/inspection-tasks/${task!.id}/verification`,
        body: {
          outcome: v.outcome,
          findings: v.findings,
          serious: !!v.serious,
          checklist: (task!.checklist ?? []).map((i) => ({ code: i.code, passed: v.outcome === 'confirmed' })),
          ...(v.outcome === 'rectification'
            ? { rectification: { items: (v.items ?? '').split('\n').filter((x) => x.trim().length >= 2), deadlineWorkingDays: v.days ?? 10 } }
            : {}),
        },
      });
      message.success('核查结果已记录');
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  return (
    <Modal open={!!task} title={`告知承诺核查：${task?.subject ?? ''}`} onCancel={onClose} onOk={() => void submit()} okText="提交" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ outcome: 'confirmed', days: 10 }}>
        <Form.Item name="outcome" label="核查结论">
          <Radio.Group
            options={[
              { value: 'confirmed', label: '承诺属实' },
              { value: 'rectification', label: '责令限期整改' },
              { value: 'false_commitment', label: '虚假承诺' },
            ]}
          />
        </Form.Item>
        {outcome === 'rectification' && (
          <>
            <Form.Item name="items" label="整改事项（每行一项）" rules={[{ required: true, message: '请列明整改事项' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="days" label="整改期限（工作日）">
              <InputNumber min={1} max={60} />
            </Form.Item>
          </>
        )}
        {outcome === 'false_commitment' && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="将移送执法办案并记入信用；情节严重的撤销许可并公告" />
            <Form.Item name="serious" label="情节严重（撤销许可）" valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        <Form.Item name="findings" label="核查情况" rules={[{ required: true, min: 2, message: '请填写核查情况' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
