import type { CaseView } from '@fep/contracts';
import { INSTALMENT_LABELS as L } from '@fep/domain';
import { Tag } from 'antd';
import { ResponsiveTable } from './ResponsiveTable.tsx';

type Payment = NonNullable<CaseView['payment']>;
type Row = Payment['instalments'][number];

const money = (n: number) => `${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/**
 * The instalments of an approved schedule (ENF-06; 行政处罚法 art. 66 ¶2): each with its due date, amount,
 * whether it is paid and the late fee on it alone (art. 72). A table on a wide screen, cards on a phone.
 */
export function InstalmentTable({ payment }: { payment: Payment }) {
  if (payment.instalments.length === 0) return null;
  return (
    <ResponsiveTable<Row>
      size="small"
      rowKey="seq"
      pagination={false}
      cardHead={2}
      dataSource={payment.instalments}
      columns={[
        { title: L.seq, dataIndex: 'seq', render: (n: number) => `第 ${n} 期` },
        {
          title: L.status,
          key: 'status',
          render: (_: unknown, r: Row) =>
            r.paid ? <Tag color="success">{`${L.paid}（${r.paidOn}）`}</Tag> : r.lateFeeDays > 0 ? <Tag color="error">{L.overdue}</Tag> : <Tag>{L.open}</Tag>,
        },
        { title: L.dueDate, dataIndex: 'dueDate' },
        { title: L.amount, dataIndex: 'amount', render: (n: number) => money(n) },
        {
          title: L.lateFee,
          dataIndex: 'lateFee',
          render: (n: number, r: Row) => (n > 0 ? `${money(n)}（逾期 ${r.lateFeeDays} 日）` : money(0)),
        },
      ]}
    />
  );
}
