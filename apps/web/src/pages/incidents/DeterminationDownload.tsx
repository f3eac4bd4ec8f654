import { DownloadOutlined, FileProtectOutlined } from '@ant-design/icons';
import type { IncidentView } from '@fep/contracts';
import { App, Button, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { downloadWithAuth } from '../../licensing.ts';

type Doc = NonNullable<NonNullable<IncidentView['determination']>['document']>;

/** The sealed 火灾事故认定书 of a fire (FIR-03): number, date, verification code and its download — the party's in the portal, staff's in the file. */
export function DeterminationDownload({ incidentId, doc, portal }: { incidentId: string; doc: Doc; portal: boolean }) {
  const { message } = App.useApp();
  const url = portal ? `/api/v1/portal/incidents/${incidentId}/determination.pdf` : `/api/v1/incidents/${incidentId}/determination.pdf`;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 12 }}>
      <Space wrap size={4}>
        <FileProtectOutlined style={{ color: '#c8102e' }} />
        <Typography.Text strong>{doc.title}</Typography.Text>
        <Typography.Text type="secondary">
          {doc.number} · {doc.issuedOn} · 核验码 <Link to={`/verify/${doc.verifyCode}`}>{doc.verifyCode}</Link>
        </Typography.Text>
      </Space>
      <Button
        icon={<DownloadOutlined />}
        aria-label={`下载${doc.title}`}
        onClick={() =>
          downloadWithAuth(url, `${doc.title}-${doc.number}.pdf`).catch((e: unknown) => message.error(e instanceof Error ? e.message : '下载失败'))
        }
      >
        下载{doc.title}（电子印章）
      </Button>
    </Space>
  );
}
