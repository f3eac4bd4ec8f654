import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** The parts of a JSON Schema the renderer reads (the policy kinds' TypeBox schemas, @fep/domain). */
export interface ValueSchema {
  type?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, ValueSchema>;
  items?: ValueSchema;
  anyOf?: { const?: unknown; title?: string }[];
}

/** Internal keys of list entries (SchemaForm's INTERNAL_KEYS): never shown. */
const INTERNAL = ['code', 'id', 'key'];

const none = <span style={{ color: '#666' }}>（无）</span>;

/** The Chinese title of a choice (the schema's `const` titles), or the value itself when the schema has none. */
function choiceLabel(schema: ValueSchema | undefined, value: unknown): string | undefined {
  return schema?.anyOf?.find((o) => o.const === value)?.title;
}

/**
 * Renders one policy value for people from its schema: choices by their Chinese titles, shares between 0 and 1
 * as percentages, lists as tags or lines, objects as “标题：值” — never JSON (issue 11 item 4).
 */
export function renderPolicyValue(value: unknown, schema?: ValueSchema): ReactNode {
  if (value === null || value === undefined) return none;
  const label = choiceLabel(schema, value);
  if (label) return label;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return schema?.minimum === 0 && schema.maximum === 1 ? `${Math.round(value * 1000) / 10}%` : String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return none;
    const item = schema?.items;
    if (value.every((v) => typeof v !== 'object')) {
      return (
        <div>
          {value.map((v) => (
            <Tag key={String(v)} style={{ whiteSpace: 'normal' }}>
              {renderPolicyValue(v, item)}
            </Tag>
          ))}
        </div>
      );
    }
    return (
      <div>
        {value.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a value's list is rendered whole, never reordered in place
          <div key={i}>· {itemLine(v, item)}</div>
        ))}
      </div>
    );
  }
  if (typeof value === 'object') {
    const props = schema?.properties ?? {};
    return (
      <div>
        {Object.entries(value as Record<string, unknown>)
          .filter(([k]) => !INTERNAL.includes(k))
          .map(([k, v]) => (
            <div key={k}>
              {props[k]?.title ?? '其他'}：{renderPolicyValue(v, props[k])}
            </div>
          ))}
      </div>
    );
  }
  return String(value);
}

/** One entry of a list of objects on one line: its legal wording or name where it has one, else its fields. */
function itemLine(v: unknown, schema: ValueSchema | undefined): ReactNode {
  if (typeof v !== 'object' || v === null) return renderPolicyValue(v, schema);
  const o = v as Record<string, unknown>;
  if (typeof o.text === 'string') return o.text;
  if (typeof o.name === 'string') return o.name;
  const props = schema?.properties ?? {};
  if ('category' in o && 'amount' in o)
    return `${choiceLabel(props.category, o.category) ?? '其他'}：${String(o.amount)} ${choiceLabel(props.unit, o.unit) ?? ''}内核查`;
  return Object.entries(o)
    .filter(([k]) => !INTERNAL.includes(k))
    .map(([k, x]) => `${props[k]?.title ?? '其他'} ${typeof x === 'object' ? '' : String(choiceLabel(props[k], x) ?? x)}`)
    .join('，');
}
