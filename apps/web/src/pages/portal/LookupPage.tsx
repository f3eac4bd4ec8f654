import type { ApplicationLookupRequest, ApplicationLookupView } from '@fep/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { DocumentList, documentRows } from '../../components/DocumentDownloads.tsx';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { downloadWithBody } from '../../licensing.ts';

/**
 * 办件查询 (LIC-01): progress, time limit and documents of an application by its number and the code on the
 * 受理回执, without signing in. A wrong code and an unknown number get the same answer from the server.
 */
export function LookupPage() {
  const [asked, setAsked] = useState<ApplicationLookupRequest | null>(null);
  const [result, setResult] = useState<ApplicationLookupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (v: ApplicationLookupRequest) => {
    const body = { reference: v.reference.trim(), code: v.code.trim().toUpperCase() };
    setBusy(true);
    setError(null);
    try {
      setResult(await api<ApplicationLookupView>('/api/v1/public/application-lookup', { method: 'POST', body }));
      setAsked(body);
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : '查询失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>办件查询</Typography.Title>
        <Typography.Paragraph type="secondary">
          输入受理回执上的申请编号和 8 位办件查询码，无需登录即可查看办理进度、办理时限并下载受理类文书。
        </Typography.Paragraph>
        <Card style={{ marginBottom: 16 }}>
          <Form<ApplicationLookupRequest> layout="vertical" onFinish={(v) => void search(v)} requiredMark={false}>
            <Form.Item name="reference" label="申请编号" rules={[{ required: true, message: '请输入申请编号' }]}>
              <Input placeholder="如 XK440106202600001" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="code"
              label="办件查询码"
              rules={[
                { required: true, message: '请输入办件查询码' },
                { pattern: /^[A-Za-z0-9]{8}$/, message: '查询码为 8 位字母或数字' },
              ]}
            >
              <Input placeholder="受理回执上的 8 位查询码" autoComplete="off" maxLength={8} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              查询
            </Button>
          </Form>
        </Card>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {result && asked && (
          <>
            <Card title="办理进度" style={{ marginBottom: 16 }}>
              <Descriptions className="lookup-facts" size="small" column={1} bordered>
                <Descriptions.Item label="申请编号">{result.reference}</Descriptions.Item>
                <Descriptions.Item label="申请人">{result.applicant}</Descriptions.Item>
                <Descriptions.Item label="场所">{result.venue}</Descriptions.Item>
                <Descriptions.Item label="办理机关">{result.agency}</Descriptions.Item>
                <Descriptions.Item label="提交日期">{result.submittedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="当前状态">
                  <Tag color="processing">{result.statusLabel}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label="当前环节">{result.step}</Descriptions.Item>
                {result.deadline && (
                  <Descriptions.Item label="办理时限">
                    {result.deadline.dueDate ? `${result.deadline.dueDate} 前` : '—'}（{result.deadline.statusLabel}
                    {result.deadline.provisional ? '，按暂定日历计算' : ''}）
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card title="文书下载">
              <DocumentList
                rows={documentRows(result.documents, (d) =>
                  downloadWithBody(`/api/v1/public/application-lookup/documents/${d.id}/pdf`, asked, `${d.title}-${d.number}.pdf`),
                )}
              />
            </Card>
          </>
        )}
      </div>
    </PortalPage>
  );
}
