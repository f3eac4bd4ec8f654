import { CheckCircleTwoTone, CloseCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import type { LicenceFileCheckView, PublicCaseDocumentStatusView, PublicDocumentStatusView, VerifyCodeView } from '@fep/contracts';
import { Alert, Button, Card, Descriptions, Input, Result, Space, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { LICENCE_COLORS } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/**
 * LIC-07, ENF-04: the public verification page a permit's, an intake document's (受理回执, 受理/补正/不予受理
 * 通知书) or a penalty case's document's (行政处罚告知书, 决定书) QR code opens, and the offline check of a PDF file.
 */
export function VerifyPage() {
  const { code } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const s = search.get('s');
  const status = useApi<VerifyCodeView>(code ? `/api/v1/verify/${code}${s ? `?s=${encodeURIComponent(s)}` : ''}` : null);
  const data = status.data?.licence ?? null;
  const document = status.data?.document ?? null;
  const penaltyDocument = status.data?.penaltyDocument ?? null;
  const error = status.error ? (status.error instanceof ApiError ? status.error.message : '核验失败') : null;
  const [fileResult, setFileResult] = useState<LicenceFileCheckView | null>(null);
  const [input, setInput] = useState(code ?? '');

  return (
    <PortalPage>
      <div className="verify-result">
        <Typography.Title level={3}>电子证照与文书核验</Typography.Title>
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Input
            placeholder="输入许可证或文书上的 12 位核验码"
            value={input}
            onChange={(e) => setInput(e.target.value.trim().toUpperCase())}
            aria-label="核验码"
          />
          <Button type="primary" onClick={() => navigate(`/verify/${input}`)} disabled={!/^[A-Z0-9]{12}$/.test(input)}>
            核验
          </Button>
        </Space.Compact>
        {error && <Alert type="error" showIcon message={error} />}
        {document && <DocumentStatus d={document} />}
        {penaltyDocument && <PenaltyDocumentStatus d={penaltyDocument} />}
        {data && (
          <Card>
            <Verdict
              valid={data.valid}
              title={data.valid ? '许可证有效' : `许可证${data.statusLabel}`}
              tag={<Tag color={LICENCE_COLORS[data.status]}>{data.statusLabel}</Tag>}
              qrSignatureValid={data.qrSignatureValid}
            />
            {data.current && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={
                  <span>
                    本证已换发第 {data.current.revision} 版，请以新证为准：<Link to={`/verify/${data.current.verifyCode}`}>{data.current.verifyCode}</Link>
                  </span>
                }
              />
            )}
            {data.revocation && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                message={`撤销理由：${data.revocation.reason}`}
                description={`依据：${data.revocation.legalBasis}`}
              />
            )}
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label="许可证号">{data.number}</Descriptions.Item>
              <Descriptions.Item label="单位名称">{data.holder}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">{data.usci}</Descriptions.Item>
              <Descriptions.Item label="法定代表人">{data.legalRepresentative}</Descriptions.Item>
              <Descriptions.Item label="场所">{data.venue}</Descriptions.Item>
              <Descriptions.Item label="地址">{data.venueAddress}</Descriptions.Item>
              <Descriptions.Item label="使用性质">{data.venueKind}</Descriptions.Item>
              <Descriptions.Item label="建筑面积">{data.floorArea} ㎡</Descriptions.Item>
              <Descriptions.Item label="发证机关">{data.issuer}</Descriptions.Item>
              <Descriptions.Item label="发证日期">{data.issuedAt}</Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        <Card title="上传 PDF 核验电子印章" style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">在本机核对文件的 SM3 摘要和 SM2 电子印章签名，任何改动都会导致核验失败。</Typography.Paragraph>
          <Upload
            accept="application/pdf"
            showUploadList={false}
            customRequest={async ({ file, onSuccess }) => {
              const form = new FormData();
              form.append('file', file as File);
              const res = await fetch('/api/v1/licences/verify', { method: 'POST', body: form });
              setFileResult(await res.json());
              onSuccess?.({});
            }}
          >
            <Button icon={<UploadOutlined />}>选择许可证或文书 PDF</Button>
          </Upload>
          {fileResult && (
            <Alert
              style={{ marginTop: 12 }}
              type={fileResult.sealValid ? (fileResult.status === 'valid' ? 'success' : 'warning') : 'error'}
              showIcon
              message={
                fileResult.sealValid
                  ? `电子印章有效${fileResult.licence ? `；许可证当前状态：${fileResult.licence.statusLabel}` : ''}${
                      fileResult.document ? `；${fileResult.document.title} ${fileResult.document.number}：${fileResult.document.statusLabel}` : ''
                    }${
                      fileResult.penaltyDocument
                        ? `；${fileResult.penaltyDocument.title} ${fileResult.penaltyDocument.number}：${fileResult.penaltyDocument.statusLabel}`
                        : ''
                    }`
                  : `核验不通过：${fileResult.message}`
              }
            />
          )}
        </Card>
      </div>
    </PortalPage>
  );
}

/** An intake document found by its code: the facts printed on it, to compare with the paper in hand. */
function DocumentStatus({ d }: { d: PublicDocumentStatusView }) {
  return (
    <Card>
      <Verdict
        valid={d.valid}
        title={`${d.title}${d.valid ? '真实有效' : d.statusLabel}`}
        tag={<Tag color={d.valid ? 'success' : 'default'}>{d.statusLabel}</Tag>}
        qrSignatureValid={d.qrSignatureValid}
      />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="文书">{d.title}</Descriptions.Item>
        <Descriptions.Item label="文号">{d.number}</Descriptions.Item>
        <Descriptions.Item label="申请编号">{d.reference}</Descriptions.Item>
        <Descriptions.Item label="申请人">{d.applicant}</Descriptions.Item>
        <Descriptions.Item label="场所">{d.venue}</Descriptions.Item>
        <Descriptions.Item label="出具机关">{d.issuer}</Descriptions.Item>
        <Descriptions.Item label="出具日期">{d.issuedOn}</Descriptions.Item>
        <Descriptions.Item label="申请当前状态">{d.applicationStatusLabel}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** A penalty case's document found by its code: the facts printed on it and its standing now (a person's name masked). */
function PenaltyDocumentStatus({ d }: { d: PublicCaseDocumentStatusView }) {
  return (
    <Card>
      <Verdict
        valid={d.valid}
        title={`${d.title}${d.valid ? '真实有效' : d.statusLabel}`}
        tag={<Tag color={d.valid ? 'success' : 'default'}>{d.statusLabel}</Tag>}
        qrSignatureValid={d.qrSignatureValid}
      />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="文书">{d.title}</Descriptions.Item>
        <Descriptions.Item label="文号">{d.number}</Descriptions.Item>
        {d.caseNumber && <Descriptions.Item label="案号">{d.caseNumber}</Descriptions.Item>}
        <Descriptions.Item label="当事人">{d.party}</Descriptions.Item>
        <Descriptions.Item label="出具机关">{d.issuer}</Descriptions.Item>
        <Descriptions.Item label="出具日期">{d.issuedOn}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The verdict over a permit or a document: valid or not, its status, and whether the QR code's signature holds. */
function Verdict({ valid, title, tag, qrSignatureValid }: { valid: boolean; title: string; tag: ReactNode; qrSignatureValid: boolean | null }) {
  return (
    <Result
      style={{ padding: 16 }}
      icon={valid ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#cf1322" />}
      title={title}
      subTitle={
        <>
          {tag}
          {qrSignatureValid === true && <Tag color="success">二维码签名有效（SM2）</Tag>}
          {qrSignatureValid === false && <Tag color="error">二维码签名无效，谨防伪造</Tag>}
        </>
      }
    />
  );
}
