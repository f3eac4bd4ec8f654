import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { VENUE_LABELS } from '../labels.ts';

const ENUM_LABELS: Record<string, string> = {
  none: '不适用',
  all: '全部适用',
  trial: '试行',
  pilot: '试点',
  after_business_licence: '取得营业执照后',
  corps: '总队',
  detachment: '支队',
  brigade: '大队',
  law: '依法律规定',
  city: '由市级确定',
  listed: '仅限所列材料',
  any: '任一材料',
  onsite_check: '现场检查时补齐',
  before_decision: '作出决定前补齐',
  per_plan: '每次计划',
  monthly: '每月',
  quarterly: '每季度',
  full: '完整清单',
  reduced: '精简清单',
  hours: '小时',
  working_days: '个工作日',
};
const COMPLAINT_LABELS: Record<string, string> = {
  locked_exit: '锁闭安全出口',
  blocked_escape_route: '占用堵塞疏散通道',
  disabled_fire_system: '消防设施停用',
  other: '其他',
};

/** Renders one policy value for people: Chinese labels, lists as tags, rules by their legal wording. */
export function renderPolicyValue(value: unknown): ReactNode {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return value <= 1 && value > 0 && !Number.isInteger(value) ? `${Math.round(value * 100)}%` : String(value);
  if (typeof value === 'string') return ENUM_LABELS[value] ?? VENUE_LABELS[value] ?? value;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span style={{ color: '#999' }}>（无）</span>;
    return (
      <div>
        {value.map((v) => {
          const key = JSON.stringify(v);
          if (typeof v === 'string') return <Tag key={key}>{VENUE_LABELS[v] ?? v}</Tag>;
          const o = v as Record<string, unknown>;
          if (typeof o.text === 'string') return <div key={key}>· {o.text}</div>;
          if (typeof o.name === 'string') return <div key={key}>· {o.name}</div>;
          if (typeof o.category === 'string')
            return (
              <div key={key}>
                · {COMPLAINT_LABELS[o.category] ?? o.category}：{String(o.amount)} {ENUM_LABELS[String(o.unit)] ?? ''}内核查
              </div>
            );
          return <div key={key}>{JSON.stringify(o)}</div>;
        })}
      </div>
    );
  }
  return JSON.stringify(value);
}
