import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import type { UnitImportReport as ImportReport, UnitView as Unit, UnitPageView } from '@fep/contracts';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { apiFetch } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { pageWithTotal } from '../components/pagination.ts';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { RISK_COLORS, RISK_LEVEL_LABELS, VENUE_LABELS } from '../labels.ts';
import { downloadWithAuth } from '../licensing.ts';
import { invalidateApi, useApi } from '../query.ts';
import { UnitPositionModal } from './UnitPositionModal.tsx';

/**
 * SUP-01: the unit directory — search, import from CSV/XLSX with a report of rejected rows, export; staff place a
 * unit on the map (MON-02). Cards on a phone (ResponsiveTable).
 */
export function UnitsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [q, setQ] = useState('');
  const [placing, setPlacing] = useState<Unit | null>(null);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  // The page on screen: its keyset cursor (the last of `pages`) and the search term.
  const params = new URLSearchParams({ limit: '20' });
  const after = pages.at(-1) ?? null;
  if (after) params.set('after', after);
  if (q) params.set('q', q);
  const page = useApi<UnitPageView>(`/api/v1/units?${params}`, { placeholderData: (prev) => prev });
  const items: Unit[] = page.data?.items ?? [];
  const next = page.data?.next ?? null;
  const loading = page.isFetching;

  return (
    <Card
      className="list-frame"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          社会单位
        </Typography.Title>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        {can('unit:unit:import') && (
          <Upload
            accept=".csv,.xlsx"
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              const form = new FormData();
              form.append('file', file as File);
              const res = await apiFetch('/api/v1/units/import', { method: 'POST', body: form });
              const body = (await res.json()) as ImportReport & { message?: string };
              if (!res.ok) {
                message.error(body.message ?? '导入失败');
                onError?.(new Error(body.message));
                return;
              }
              setReport(body);
              onSuccess?.({});
              setPages([null]);
              void invalidateApi('/api/v1/units');
            }}
          >
            <Button icon={<UploadOutlined />}>导入（CSV / XLSX）</Button>
          </Upload>
        )}
        {can('unit:unit:import') && (
          <Tooltip title="与导出文件相同的列，附填写说明；导出的名录可原样导入（脱敏的联系人、电话保留原值）">
            <Button icon={<FileExcelOutlined />} onClick={() => void downloadWithAuth('/api/v1/units/import-template', '社会单位导入模板.xlsx')}>
              下载导入模板
            </Button>
          </Tooltip>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => void downloadWithAuth('/api/v1/units/export', '社会单位名录.csv')}>
          导出
        </Button>
        <Input.Search
          placeholder="单位名称或统一社会信用代码"
          allowClear
          enterButton="查询"
          style={{ width: '100%', maxWidth: 360 }}
          onSearch={(v) => {
            setQ(v);
            setPages([null]);
          }}
        />
      </Space>
      <ResponsiveTable<Unit>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        columns={[
          { title: '单位名称', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'usci', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: '场所类别', dataIndex: 'venueKind', render: (v: string | null) => (v ? (VENUE_LABELS[v as keyof typeof VENUE_LABELS] ?? v) : '—') },
          { title: '建筑面积（㎡）', dataIndex: 'floorArea' },
          {
            title: '风险',
            dataIndex: 'riskLevel',
            render: (v: string) => <Tag color={RISK_COLORS[v as keyof typeof RISK_COLORS]}>{RISK_LEVEL_LABELS[v as keyof typeof RISK_LEVEL_LABELS] ?? v}</Tag>,
          },
          { title: '信用', dataIndex: 'creditLevel', render: (v: string) => <Tag>{v} 级</Tag> },
          { title: '重点单位', dataIndex: 'keyUnit', render: (v: boolean) => (v ? <Tag color="red">是</Tag> : '否') },
          { title: '联系人', render: (_, u) => `${u.contactName} ${u.contactPhone}` },
          { title: '地图位置', render: (_, u) => (u.position ? <Tag color="blue">已标注</Tag> : <Tag>未标注</Tag>) },
          ...(can('unit:unit:create')
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  render: (_: unknown, u: Unit) => (
                    <Button size="small" aria-label={`标注位置：${u.name}`} onClick={() => setPlacing(u)}>
                      标注位置
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space style={{ marginTop: 16 }} wrap>
        <Button
          disabled={pages.length <= 1}
          onClick={() => {
            setPages(pages.slice(0, -1));
          }}
        >
          上一页
        </Button>
        <Button
          disabled={!next}
          onClick={() => {
            setPages([...pages, next]);
          }}
        >
          下一页
        </Button>
        <Typography.Text type="secondary">
          第 {pages.length} 页 · 本页 {items.length} 条{next ? '' : '，已是最后一页'} · 联系人信息已脱敏
        </Typography.Text>
      </Space>
      <UnitPositionModal unit={placing} onClose={() => setPlacing(null)} />
      <Modal open={!!report} title="导入结果" footer={null} width={760} onCancel={() => setReport(null)}>
        {report && (
          <>
            <Alert
              type={report.rejected ? 'warning' : 'success'}
              showIcon
              message={`共 ${report.rows} 行：新增 ${report.inserted}，更新（按统一社会信用代码合并）${report.updated}，未导入 ${report.rejected}`}
              style={{ marginBottom: 12 }}
            />
            {report.rejections.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.line}-${r.usci}`}
                dataSource={report.rejections}
                pagination={pageWithTotal()}
                columns={[
                  { title: '行号', dataIndex: 'line', width: 70 },
                  { title: '统一社会信用代码', dataIndex: 'usci' },
                  { title: '原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </Card>
  );
}
