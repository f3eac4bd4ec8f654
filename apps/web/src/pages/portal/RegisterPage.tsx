import type { LicenceRegisterView, LicenceRegisterItemView as RegisterRow } from '@fep/contracts';
import { Card, Input, List, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PortalPage } from '../../components/PortalHeader.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { LICENCE_COLORS } from '../../licensing.ts';
import { useApi } from '../../query.ts';

/** ENF-07 (licensing half): granted and revoked permits, personal data masked, and revocation notices. */
export function RegisterPage() {
  const [q, setQ] = useState('');
  // A new search keeps the previous results on screen until its answer arrives.
  const data =
    useApi<LicenceRegisterView>(`/api/v1/licences/register${q ? `?q=${encodeURIComponent(q)}` : ''}`, { placeholderData: (prev) => prev }).data ?? null;
  return (
    <PortalPage>
      <Typography.Title level={3}>行政许可公示</Typography.Title>
      <Typography.Paragraph type="secondary">公众聚集场所投入使用、营业前消防安全检查的准予许可和撤销许可信息。自然人信息已依法脱敏。</Typography.Paragraph>
      <Input.Search placeholder="按单位、场所或许可证号查找" allowClear onSearch={setQ} style={{ maxWidth: 420, marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }}>
        <Table<RegisterRow>
          rowKey={(r) => `${r.number}-${r.verifyCode}`}
          loading={!data}
          dataSource={data?.items ?? []}
          pagination={pageWithTotal({ cap: 50 })}
          locale={{ emptyText: '暂无公示信息' }}
          columns={[
            { title: '许可证号', dataIndex: 'number' },
            { title: '单位', dataIndex: 'holder' },
            { title: '法定代表人', dataIndex: 'legalRepresentative' },
            { title: '场所', dataIndex: 'venue' },
            { title: '类别', dataIndex: 'venueKind' },
            { title: '日期', render: (_, r) => r.revokedAt?.slice(0, 10) ?? r.issuedAt },
            { title: '状态', dataIndex: 'status', render: (s: string, r) => <Tag color={LICENCE_COLORS[s]}>{r.statusLabel}</Tag> },
            { title: '核验', dataIndex: 'verifyCode', render: (c: string) => <Link to={`/verify/${c}`}>核验</Link> },
          ]}
        />
      </Card>
      <Card title="撤销许可公告">
        <List
          dataSource={data?.notices ?? []}
          locale={{ emptyText: '暂无公告' }}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta title={`${n.title}（${n.publishedAt.slice(0, 10)}）`} description={n.body} />
            </List.Item>
          )}
        />
      </Card>
    </PortalPage>
  );
}
