import type { CreditRecordView, CreditUnitView } from '@fep/contracts';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { CreditView } from './CreditView.tsx';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The unit's credit in the portal (CRD-01 … CRD-03): its level with the reasons, what the level means for
 * inspections, its records, and its repair and objection requests with their due dates.
 */
export function MyCreditPage() {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [acting, setActing] = useState<{ record: CreditRecordView; kind: 'repair' | 'objection' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const usci = !loading && me?.kind === 'applicant' ? me.usci : null;
  const credit = useApi<CreditUnitView>(usci ? `/api/v1/credit/units/${usci}` : null);
  const write = useApiMutation();
  // Not data fetching: a visitor who is not a signed-in applicant is sent to the login page.
  useEffect(() => {
    if (!loading && me?.kind !== 'applicant') navigate('/login');
  }, [me, loading, navigate]);

  async function submit(v: { reason: string; corrected?: boolean; penaltyFulfilled?: boolean; commitmentSigned?: boolean }) {
    setError(null);
    try {
      await write.mutateAsync({
        url: '/api/v1/credit/requests',
        body: {
          kind: acting!.kind,
          recordId: acting!.record.id,
          reason: v.reason,
          evidenceFileIds: [],
          ...(acting!.kind === 'repair'
            ? { conditions: { corrected: !!v.corrected, penaltyFulfilled: !!v.penaltyFulfilled, commitmentSigned: !!v.commitmentSigned } }
            : {}),
        },
      });
      message.success(acting!.kind === 'repair' ? '信用修复申请已提交' : '异议已提交');
      setActing(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    }
  }
  const pending = new Set((credit.data?.requests ?? []).filter((q) => q.status === 'pending').map((q) => `${q.recordId}|${q.kind}`));
  return (
    <PortalPage>
      <Typography.Title level={3}>信用信息</Typography.Title>
      {credit.error ? (
        <ApiErrorResult error={credit.error} />
      ) : !credit.data ? (
        <Skeleton active />
      ) : (
        <CreditView
          c={credit.data}
          recordAction={(r) =>
            r.status === 'active' && r.points < 0 ? (
              <Space wrap>
                {r.counted && today() >= r.repairFrom && !pending.has(`${r.id}|repair`) && (
                  <Button type="primary" className="touch" onClick={() => setActing({ record: r, kind: 'repair' })}>
                    申请信用修复
                  </Button>
                )}
                {!pending.has(`${r.id}|objection`) && (
                  <Button className="touch" onClick={() => setActing({ record: r, kind: 'objection' })}>
                    提出异议
                  </Button>
                )}
              </Space>
            ) : null
          }
        />
      )}
      <Modal
        open={!!acting}
        title={acting?.kind === 'repair' ? '申请信用修复' : '对信用记录提出异议'}
        footer={null}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={(v) => void submit(v)}>
          {acting?.kind === 'repair' && (
            <>
              <Typography.Paragraph type="secondary">
                依《失信行为纠正后的信用信息修复管理办法（试行）》，修复须已纠正失信行为、履行行政处罚并签署信用承诺书。
              </Typography.Paragraph>
              <Form.Item name="corrected" valuePropName="checked">
                <Checkbox className="touch-check">失信行为已纠正（隐患已整改）</Checkbox>
              </Form.Item>
              <Form.Item name="penaltyFulfilled" valuePropName="checked">
                <Checkbox className="touch-check">行政处罚已履行完毕（罚款已缴纳）</Checkbox>
              </Form.Item>
              <Form.Item name="commitmentSigned" valuePropName="checked">
                <Checkbox className="touch-check">已签署信用承诺书</Checkbox>
              </Form.Item>
            </>
          )}
          <Form.Item
            name="reason"
            label={acting?.kind === 'repair' ? '修复理由' : '异议理由及证据说明'}
            rules={[{ required: true, min: 2, message: '请填写理由' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit">
            提交
          </Button>
        </Form>
      </Modal>
    </PortalPage>
  );
}
