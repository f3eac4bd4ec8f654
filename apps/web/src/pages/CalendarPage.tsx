import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { CalendarDayView, CalendarYearRequest, CalendarYearSavedView, CalendarYearView } from '@fep/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Collapse, DatePicker, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { monthGrids } from '../calendarGrid.ts';
import { invalidateApi, useApi } from '../query.ts';

/** The edit dialog's form: the request's fields, with the dates as DatePicker values. */
interface YearForm {
  sourceNotice: string;
  published: boolean;
  days: (Omit<CalendarDayView, 'date'> & { date: Dayjs })[];
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 工作日历: the year as month grids (holidays, adjusted working days, weekends) and the list of recorded days; the administrator enters a year. */
export function CalendarPage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<YearForm>();
  const region = me?.agency?.regionCode ?? '000000';
  const data = useApi<CalendarYearView>(`/api/v1/calendar/days?year=${year}&region=${region}`).data ?? null;
  const saveYear = useMutation({
    mutationFn: (body: CalendarYearRequest) => api<CalendarYearSavedView>(`/api/v1/calendar/years/${year}`, { method: 'PUT', body }),
    // The year's days change, and so do the due dates of the open clocks recomputed on them.
    onSuccess: () => invalidateApi('/api/v1/calendar', '/api/v1/clocks'),
  });

  function edit() {
    form.setFieldsValue({
      sourceNotice: region === '000000' ? `国务院办公厅关于${year}年部分节假日安排的通知` : '',
      published: true,
      days: region === '000000' ? (data?.days ?? []).map((d) => ({ date: dayjs(d.date), kind: d.kind, name: d.name })) : [],
    });
    setError(null);
    setOpen(true);
  }

  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await saveYear.mutateAsync({
        region,
        sourceNotice: v.sourceNotice,
        published: v.published,
        days: (v.days ?? []).map((d) => ({ date: d.date.format('YYYY-MM-DD'), kind: d.kind, name: d.name })),
      });
      message.success(`已保存 ${year} 年安排，重算未结时限 ${r.recomputedClocks} 件`);
      setOpen(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作日历
        </Typography.Title>
      }
      extra={
        <Space>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={[2025, 2026, 2027, 2028].map((y) => ({ value: y, label: `${y} 年` }))}
            aria-label="年度"
          />
          {can('calendar:day:manage') && (
            <Button type="primary" icon={<EditOutlined />} onClick={edit} disabled={!data}>
              {region === '000000' ? '录入国务院安排' : '录入本辖区调整'}
            </Button>
          )}
        </Space>
      }
    >
      {data && !data.published && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${year} 年的国务院节假日安排尚未录入`}
          description="涉及该年度的期限按周一至周五暂定计算并标注“暂定”，安排公布并由管理员录入后自动重算。"
        />
      )}
      <Space size="middle" wrap style={{ marginBottom: 12 }}>
        <span>
          <span className="cal-legend cal-holiday">休</span> 法定节假日
        </span>
        <span>
          <span className="cal-legend cal-adjusted">班</span> 调休上班
        </span>
        <span>
          <span className="cal-legend cal-weekend">六</span> 周末
        </span>
      </Space>
      <Row gutter={[12, 12]}>
        {monthGrids(year, data?.days ?? []).map((g) => (
          <Col key={g.month} xs={24} sm={12} xl={8}>
            <Card size="small" title={`${g.month} 月`} extra={<Typography.Text type="secondary">{g.workingDays} 个工作日</Typography.Text>}>
              <table className="cal-grid" aria-label={`${year} 年 ${g.month} 月`}>
                <thead>
                  <tr>
                    {WEEKDAYS.map((w) => (
                      <th key={w}>{w}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {g.weeks.map((w) => (
                    <tr key={w.find((c) => c)?.date}>
                      {w.map((c, i) =>
                        c ? (
                          <td
                            key={c.date}
                            title={c.name ? `${c.date} ${c.name}` : c.date}
                            className={c.kind === 'holiday' ? 'cal-holiday' : c.kind === 'adjusted_workday' ? 'cal-adjusted' : c.working ? '' : 'cal-weekend'}
                          >
                            {c.day}
                            {c.kind && <small>{c.kind === 'holiday' ? '休' : '班'}</small>}
                          </td>
                        ) : (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the empty cells of a week have no identity but their place
                          <td key={i} />
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </Col>
        ))}
      </Row>
      <Collapse
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'list',
            label: `节假日与调休清单（${data?.days.length ?? 0} 天）`,
            children: (
              <Table
                rowKey="date"
                loading={!data}
                dataSource={data?.days ?? []}
                pagination={false}
                size="small"
                locale={{ emptyText: '本年度暂无节假日或调休记录' }}
                columns={[
                  { title: '日期', dataIndex: 'date' },
                  {
                    title: '类型',
                    dataIndex: 'kind',
                    render: (k: string) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>),
                  },
                  { title: '说明', dataIndex: 'name' },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal
        title={`${year} 年节假日安排（${region === '000000' ? '全国' : region}）`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={saving}
        okText="保存"
        width={680}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="sourceNotice" label="依据通知" rules={[{ required: true, message: '请填写通知名称或文号' }, { min: 4 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="published" label="已正式公布" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.List name="days">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker disabledDate={(d) => d.year() !== year} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]} initialValue="holiday">
                      <Select
                        style={{ width: 120 }}
                        options={[
                          { value: 'holiday', label: '放假' },
                          { value: 'adjusted_workday', label: '调休上班' },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写说明' }]}>
                      <Input placeholder="如 春节" style={{ width: 180 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                  添加日期
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
      <Space style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">来源：国务院办公厅部分节假日安排通知；地方调整按辖区叠加。</Typography.Text>
      </Space>
    </Card>
  );
}
