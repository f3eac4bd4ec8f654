import { ClockCircleOutlined } from '@ant-design/icons';
import { Descriptions, Tag, Tooltip } from 'antd';
import { UNIT_LABELS } from '../labels.ts';
import type { ClockView } from '../licensing.ts';
import { AlertTag } from './ClockTable.tsx';

/** The statutory clock of a case: limit, due date (provisional where the year's schedule is not out), state, legal basis. */
export function ClockCard({ clock, narrow }: { clock: ClockView | null; narrow?: boolean }) {
  if (!clock) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={narrow ? 1 : { xs: 1, md: 2 }}
      title={
        <span>
          <ClockCircleOutlined /> 法定时限：{clock.title}
        </span>
      }
    >
      <Descriptions.Item label="时限">
        {clock.amount} {UNIT_LABELS[clock.unit]}（自次日起算，节假日顺延）
      </Descriptions.Item>
      <Descriptions.Item label="办理期限">
        {clock.status === 'paused' ? '补正期间暂停计算' : clock.status === 'stopped' ? '已办结，不再计时' : (clock.dueDate ?? '—')}{' '}
        {clock.provisional && (
          <Tooltip title="所涉年度的节假日安排尚未公布，期限为暂定，公布后自动重算">
            <Tag color="gold">暂定</Tag>
          </Tooltip>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        <AlertTag c={clock} /> {clock.status === 'stopped' ? '已办结' : clock.status === 'paused' ? `剩余 ${clock.remaining} ${UNIT_LABELS[clock.unit]}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="法定依据">
        {clock.legalBasis.document}
        {clock.legalBasis.clause ?? ''}
      </Descriptions.Item>
    </Descriptions>
  );
}
