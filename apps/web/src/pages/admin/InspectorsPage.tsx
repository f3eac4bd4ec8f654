import type { InspectorConflictView as Conflict, InspectorView as Inspector, InspectorConflictRequest } from '@fep/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { pageWithTotal } from '../../components/pagination.ts';
import { invalidateApi, useApi } from '../../query.ts';

/** SUP-01/03: the inspector directory (certified law-enforcement officers) and the conflicts they declared. */
export function InspectorsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const inspectors = useApi<Inspector[]>(can('licensing:inspection:assign') ? '/api/v1/inspectors' : null).data ?? null;
  const conflicts = useApi<Conflict[]>('/api/v1/inspector-conflicts').data ?? null;
  const [error, setError] = useState<string | null>(null);
  const declare = useMutation({
    mutationFn: (body: InspectorConflictRequest) => api('/api/v1/inspector-conflicts', { method: 'POST', body }),
    onSuccess: () => invalidateApi('/api/v1/inspector-conflicts'),
  });
  return (
    <div>
      <Typography.Title level={4}>执法人员名录</Typography.Title>
      {inspectors && (
        <Card title="持证执法人员（可被抽取或指派）" style={{ marginBottom: 16 }}>
          <Table<Inspector>
            rowKey="userId"
            size="small"
            dataSource={inspectors}
            pagination={pageWithTotal()}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '执法证号', dataIndex: 'certificateNo' },
              { title: '有效期至', dataIndex: 'certifiedUntil' },
              { title: '所属机构', dataIndex: 'agencyName' },
            ]}
          />
        </Card>
      )}
      {can('supervision:conflict:declare') && (
        <Card title="申报回避事项" style={{ marginBottom: 16 }}>
          <Form
            layout="inline"
            onFinish={async (v: InspectorConflictRequest) => {
              setError(null);
              try {
                await declare.mutateAsync(v);
                message.success('已申报：抽取和指派时将自动回避');
              } catch (e) {
                setError(e instanceof ApiError ? e.message : '申报失败');
              }
            }}
            initialValues={{ kind: 'relative' }}
          >
            <Form.Item name="usci" rules={[{ required: true, len: 18, message: '请填写 18 位统一社会信用代码' }]}>
              <Input placeholder="单位统一社会信用代码" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'relative', label: '近亲属' },
                  { value: 'former_employer', label: '原任职单位' },
                  { value: 'declared', label: '其他应回避情形' },
                ]}
              />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder="说明（选填）" style={{ width: 220 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              申报
            </Button>
          </Form>
          {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
        </Card>
      )}
      <Card title="回避事项">
        <Table<Conflict>
          rowKey="id"
          size="small"
          loading={conflicts === null}
          dataSource={conflicts ?? []}
          pagination={pageWithTotal({ cap: 500 })}
          locale={{ emptyText: '暂无申报' }}
          columns={[
            { title: '执法人员', dataIndex: 'inspector' },
            { title: '单位', render: (_, c) => c.unit ?? c.usci },
            { title: '情形', dataIndex: 'kindLabel', render: (v: string) => <Tag>{v}</Tag> },
            { title: '说明', dataIndex: 'note' },
            { title: '申报时间', dataIndex: 'declaredAt', render: (v: string) => v.slice(0, 10) },
          ]}
        />
      </Card>
    </div>
  );
}
