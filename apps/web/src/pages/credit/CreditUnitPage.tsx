import type { CommendationBody, CreditUnitView, UnitPageView, UnitResponsiblePersonsBody, UnitView } from '@fep/contracts';
import { CREDIT_RECORD_STATUS_LABELS } from '@fep/domain';
import { App, Button, Card, Descriptions, Form, Input, List, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { useApiMutation } from '../../mutation.ts';
import { useApi } from '../../query.ts';
import { CreditView } from './CreditView.tsx';

/**
 * A unit's credit for staff (CRD-01, CRD-04): level with its rule and records, effects, risk factors, history,
 * requests; and, for the head of the agency, good conduct to record (CRD-02 守信激励: a commendation or reward,
 * once per document).
 */
export function CreditUnitPage() {
  const { usci } = useParams();
  const { can } = useAuth();
  const c = useApi<CreditUnitView>(`/api/v1/credit/units/${encodeURIComponent(usci ?? '')}`);
  if (c.error) return <ApiErrorResult error={c.error} what="单位信用" />;
  if (!c.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={3}>
        {c.data.name}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
          {c.data.usci}
        </Typography.Text>
      </Typography.Title>
      <CreditView c={c.data} staff />
      <ResponsiblePersons c={c.data} canEdit={can('unit:unit:create')} />
      {can('credit:commendation:record') && <CommendationForm usci={c.data.usci} />}
    </>
  );
}

function CommendationForm({ usci }: { usci: string }) {
  const [form] = Form.useForm<Omit<CommendationBody, 'usci'>>();
  const { message } = App.useApp();
  const write = useApiMutation<CreditUnitView, CommendationBody>('/api/v1/credit');
  return (
    <Card title="登记表彰、奖励（守信激励）" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        单位受到政府或消防救援机构表彰、奖励的，按表彰文件登记一次，信用分按现行政策增加；同一文件不能重复登记。
      </Typography.Paragraph>
      <Form
        name="commendation"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'commendation' }}
        onFinish={async (v) => {
          try {
            await write.mutateAsync({ url: '/api/v1/credit/commendations', body: { ...v, usci } });
            message.success('已登记，信用分已重新计算');
            form.resetFields();
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : '登记失败');
          }
        }}
      >
        <Form.Item name="kind" label="类别">
          <Radio.Group
            options={[
              { value: 'commendation', label: '表彰' },
              { value: 'reward', label: '奖励' },
            ]}
          />
        </Form.Item>
        <Form.Item name="documentNo" label="表彰、奖励文件文号" rules={[{ required: true, min: 2, message: '请填写文件文号' }]}>
          <Input maxLength={100} placeholder="如：辽阳市消防安全委员会〔2026〕12号" />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[{ required: true, min: 2, message: '请填写事由' }]}>
          <Input maxLength={500} placeholder="如：2026 年度消防安全工作先进单位" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={write.isPending}>
          登记
        </Button>
      </Form>
    </Card>
  );
}

/**
 * The unit's 消防安全责任人 and 消防安全管理人 with their own credit (CRD-01), and for staff who keep the directory
 * the form to set them (the ID number is checked and kept only as a one-way key).
 */
function ResponsiblePersons({ c, canEdit }: { c: CreditUnitView; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title="责任人员信用"
      style={{ marginTop: 16 }}
      extra={canEdit && !editing ? <Button onClick={() => setEditing(true)}>{c.persons.length ? '变更责任人员' : '登记责任人员'}</Button> : null}
    >
      {editing ? (
        <ResponsiblePersonsForm usci={c.usci} onDone={() => setEditing(false)} />
      ) : c.persons.length === 0 ? (
        <Typography.Text type="secondary">尚未登记消防安全责任人、消防安全管理人。登记后，单位的严重失信记录按政策同时记入其名下。</Typography.Text>
      ) : (
        <List
          dataSource={c.persons}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{p.credit.name}</Typography.Text>
                  <Tag>{p.roleLabel}</Tag>
                  <Tag color={p.credit.level === 'A' ? 'green' : p.credit.level === 'B' ? 'blue' : 'red'}>信用等级 {p.credit.level}</Tag>
                  <Typography.Text type="secondary">信用分 {p.credit.score}</Typography.Text>
                </Space>
                {p.credit.records.length === 0 ? (
                  <Typography.Text type="secondary">无信用记录</Typography.Text>
                ) : (
                  <Descriptions size="small" column={1} bordered>
                    {p.credit.records.map((r) => (
                      <Descriptions.Item key={r.id} label={r.at.slice(0, 10)}>
                        {r.reason}（{r.points > 0 ? '+' : ''}
                        {r.points} 分{r.status === 'active' ? '' : `，${CREDIT_RECORD_STATUS_LABELS[r.status]}`}）
                      </Descriptions.Item>
                    ))}
                  </Descriptions>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

type PersonFields = { responsibleName?: string; responsibleId?: string; managerName?: string; managerId?: string };

function ResponsiblePersonsForm({ usci, onDone }: { usci: string; onDone: () => void }) {
  const [form] = Form.useForm<PersonFields>();
  const { message } = App.useApp();
  const unit = useApi<UnitPageView>(`/api/v1/units?q=${encodeURIComponent(usci)}`);
  const write = useApiMutation<UnitView, UnitResponsiblePersonsBody>('/api/v1/credit', '/api/v1/units');
  const target = unit.data?.items.find((u) => u.usci === usci);
  if (unit.error) return <ApiErrorResult error={unit.error} what="单位" />;
  if (!unit.data) return <Skeleton active />;
  if (!target) return <Typography.Text type="secondary">该单位不在社会单位名录中，无法登记责任人员。</Typography.Text>;
  const ID = /^\d{17}[\dXx]$/;
  const person = (name?: string, id?: string) => (name?.trim() && id?.trim() ? { name: name.trim(), idNumber: id.trim() } : null);
  return (
    <Form
      name="responsible-persons"
      form={form}
      layout="vertical"
      onFinish={async (v) => {
        try {
          await write.mutateAsync({
            url: `/api/v1/units/${target.id}/responsible-persons`,
            method: 'PUT',
            body: { responsible: person(v.responsibleName, v.responsibleId), manager: person(v.managerName, v.managerId) },
          });
          message.success('已登记责任人员');
          onDone();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '登记失败');
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        身份证号码只用于识别同一人员（同一人在多家单位任职时信用记录合并），系统不保存号码本身。两项都不填即清除该人员。
      </Typography.Paragraph>
      <Form.Item name="responsibleName" label="消防安全责任人姓名" rules={[{ min: 2, message: '请填写姓名' }]}>
        <Input maxLength={40} placeholder="单位法定代表人或主要负责人" />
      </Form.Item>
      <Form.Item
        name="responsibleId"
        label="消防安全责任人身份证号码"
        dependencies={['responsibleName']}
        rules={[
          { pattern: ID, message: '请填写 18 位居民身份证号码' },
          ({ getFieldValue }) => ({
            validator: (_, v) => (getFieldValue('responsibleName') && !v ? Promise.reject(new Error('请填写身份证号码')) : Promise.resolve()),
          }),
        ]}
      >
        <Input maxLength={18} inputMode="text" autoComplete="off" />
      </Form.Item>
      <Form.Item name="managerName" label="消防安全管理人姓名" rules={[{ min: 2, message: '请填写姓名' }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="managerId"
        label="消防安全管理人身份证号码"
        dependencies={['managerName']}
        rules={[
          { pattern: ID, message: '请填写 18 位居民身份证号码' },
          ({ getFieldValue }) => ({
            validator: (_, v) => (getFieldValue('managerName') && !v ? Promise.reject(new Error('请填写身份证号码')) : Promise.resolve()),
          }),
        ]}
      >
        <Input maxLength={18} inputMode="text" autoComplete="off" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={write.isPending}>
          保存
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}
