import { Cascader } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { regionPath, useRegions } from './regions.ts';

/** The place helpers live in regions.ts (no antd), so a page can use them without loading the picker. */
export * from './regions.ts';

interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

export interface RegionPickerProps {
  /** The code of the place (a county, or a city without counties); undefined/null when none is chosen. */
  value?: string | null;
  onChange?: (code: string | null) => void;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** A form control (`<Form.Item name="regionCode"><RegionPicker /></Form.Item>`) or a plain one with value/onChange. */
export function RegionPicker({ value, onChange, id, disabled, style, 'aria-label': ariaLabel }: RegionPickerProps) {
  const tree = useRegions();
  const options = useMemo<CascaderOption[]>(
    () =>
      (tree ?? []).map((p) => ({
        value: p.code,
        label: p.name,
        children: p.children.map((c) => ({
          value: c.code,
          label: c.name,
          ...(c.children.length ? { children: c.children.map((k) => ({ value: k.code, label: k.name })) } : {}),
        })),
      })),
    [tree],
  );
  return (
    <Cascader<CascaderOption>
      id={id}
      aria-label={ariaLabel}
      style={{ width: '100%', ...style }}
      options={options}
      loading={!tree}
      disabled={disabled}
      value={regionPath(tree, value) ?? undefined}
      onChange={(path) => onChange?.(path?.length ? String(path[path.length - 1]) : null)}
      placeholder="请选择 省 / 市 / 区县"
      expandTrigger="click"
      showSearch={{ filter: (input, path) => path.some((o) => o.label.includes(input.trim())) }}
      notFoundContent="没有匹配的地区"
    />
  );
}
