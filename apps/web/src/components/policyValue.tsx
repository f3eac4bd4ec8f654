import { COMPLAINT_CATEGORY_LABELS, POLICY_VALUE_LABELS, VENUE_KIND_LABELS } from '@fep/domain';
import { Tag } from 'antd';
import type { ReactNode } from 'react';

const ENUM_LABELS: Record<string, string> = POLICY_VALUE_LABELS;
const COMPLAINT_LABELS: Record<string, string> = COMPLAINT_CATEGORY_LABELS;
const VENUE_LABELS: Record<string, string> = VENUE_KIND_LABELS;

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
