import type { DueView } from '@fep/contracts';
import { dueLabel } from '@fep/domain';
import { Tag, Tooltip } from 'antd';

/** The colour of a due state: overdue red, due soon orange, paused grey, otherwise green. */
function colorOf(d: Pick<DueView, 'status' | 'alert'>): string {
  if (d.status === 'paused' || d.status === 'stopped') return 'default';
  return d.alert === 'overdue' ? 'red' : d.alert === 'due_soon' ? 'orange' : 'green';
}

/**
 * 剩余工作日 of a matter: `剩余 3 个工作日` / `今日到期` / `已超期 2 个工作日` (the domain's dueLabel), coloured by
 * its alert, with 暂定 when the due date falls in a year whose holiday schedule is not yet published.
 */
export function DueTag({ due }: { due: Pick<DueView, 'status' | 'alert' | 'workingDaysLeft' | 'provisional'> | null | undefined }) {
  if (!due) return <span>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={colorOf(due)}>{dueLabel({ status: due.status, days: due.workingDaysLeft })}</Tag>
      {due.provisional && (
        <Tooltip title="所涉年度的节假日安排尚未公布，期限为暂定，公布后自动重算">
          <Tag color="gold">暂定</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** The due date with its working days left, for a table cell or a card line. */
export function DueCell({ due }: { due: DueView | null | undefined }) {
  if (!due) return <span>—</span>;
  return (
    <span>
      {due.dueDate ?? '—'} <DueTag due={due} />
    </span>
  );
}
