import { DownloadOutlined, FileProtectOutlined } from '@ant-design/icons';
import type { ApplicationDocumentsView, IntakeDocumentView, LicenceView } from '@fep/contracts';
import { Alert, App, Button, Card, Grid, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { downloadWithAuth } from '../licensing.ts';
import { useApi } from '../query.ts';

/**
 * 文书下载: the sealed documents of a case in one list — 受理回执, 受理/补正/不予受理通知书 and, where there is
 * one, the e-licence — each with its number, date, verification code and a download button. The applicant's
 * portal, the back office and the public 办件查询 page use it; only the download differs (signed in, or by
 * application number and code).
 */
export interface DocumentEntry {
  key: string;
  title: string;
  number: string;
  issuedOn: string;
  purpose?: string;
  verifyCode: string;
  statusLabel: string;
  /** False for a permit no longer in force (amended, reissued, revoked). */
  valid?: boolean;
  download: () => Promise<void>;
}

export function DocumentList({ rows, empty = '暂无文书' }: { rows: DocumentEntry[]; empty?: string }) {
  const { message } = App.useApp();
  // On a phone the button goes under the document's facts, so that they keep the line's width.
  const wide = Grid.useBreakpoint().sm !== false;
  const button = (d: DocumentEntry) => (
    <Button
      key="download"
      icon={<DownloadOutlined />}
      aria-label={`下载${d.title}`}
      onClick={() => d.download().catch((e: unknown) => message.error(e instanceof Error ? e.message : '下载失败'))}
    >
      下载
    </Button>
  );
  return (
    <List
      className="document-list"
      dataSource={rows}
      locale={{ emptyText: empty }}
      renderItem={(d) => (
        <List.Item actions={wide ? [button(d)] : undefined}>
          <List.Item.Meta
            avatar={<FileProtectOutlined style={{ fontSize: 22, color: '#c8102e' }} />}
            title={
              <Space wrap size={4}>
                <span>{d.title}</span>
                <Tag color={d.valid === false ? 'default' : 'success'}>{d.statusLabel}</Tag>
              </Space>
            }
            description={
              <Space direction="vertical" size={0}>
                <Typography.Text type="secondary">
                  {d.number} · {d.issuedOn}
                </Typography.Text>
                {d.purpose && <Typography.Text type="secondary">{d.purpose}</Typography.Text>}
                <span>
                  核验码 <Link to={`/verify/${d.verifyCode}`}>{d.verifyCode}</Link>
                </span>
                {!wide && <div style={{ marginTop: 8 }}>{button(d)}</div>}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** Rows of intake documents downloaded by `download(doc)`. */
export function documentRows(docs: IntakeDocumentView[], download: (d: IntakeDocumentView) => Promise<void>): DocumentEntry[] {
  return docs.map((d) => ({
    key: d.id,
    title: d.title,
    number: d.number,
    issuedOn: d.issuedOn,
    purpose: d.purpose,
    verifyCode: d.verifyCode,
    statusLabel: d.statusLabel,
    download: () => download(d),
  }));
}

/** The 文书下载 card of an application for a signed-in user (applicant or staff), with the permit when issued. */
export function ApplicationDocuments({ applicationId, licence }: { applicationId: string; licence?: LicenceView | null }) {
  const q = useApi<ApplicationDocumentsView>(`/api/v1/licensing/applications/${applicationId}/legal-documents`);
  const rows = documentRows(q.data?.documents ?? [], (d) => downloadWithAuth(`/api/v1/licensing/legal-documents/${d.id}/pdf`, `${d.title}-${d.number}.pdf`));
  if (licence) {
    rows.push({
      key: licence.id,
      title: '电子许可证',
      number: licence.number,
      issuedOn: licence.issuedAt,
      purpose: '营业前消防安全检查合格证（电子证照）',
      verifyCode: licence.verifyCode,
      statusLabel: licence.statusLabel,
      valid: licence.status === 'valid',
      download: () => downloadWithAuth(`/api/v1/licences/${licence.id}/pdf`, `${licence.number}.pdf`),
    });
  }
  return (
    <Card title="文书下载" style={{ marginBottom: 16 }} loading={q.isLoading}>
      {q.data?.lookupCode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={
            <span>
              办件查询码：
              <Typography.Text strong copyable>
                {q.data.lookupCode}
              </Typography.Text>
            </span>
          }
          description={
            <span>
              凭申请编号和查询码，可在<Link to="/track">办件查询</Link>免登录查看进度、下载文书（查询码也印在受理回执上）。
            </span>
          }
        />
      )}
      <DocumentList rows={rows} />
    </Card>
  );
}
