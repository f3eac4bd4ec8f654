/**
 * Policy data for people: where a value comes from, which versions a decision used, and the Chinese message
 * of a schema check (the policy editor's form and the API's refusal of a new version say the same thing).
 */
import { getPolicyKind } from './kinds.ts';
import type { Provenance } from './types.ts';

/** Where a policy value comes from, for people: “国家规定” or “广东省消防救援总队 第2版（2025-01-01起施行）”. */
export function provenanceLabel(p: Provenance): string {
  return p.source === 'national' ? '国家规定' : `${p.agencyName} 第${p.version}版（${p.effectiveFrom}起施行）`;
}

/**
 * A resolved policy's version key (policy/resolver.ts: `kind@national+211000v1`) for people:
 * “告知承诺制（国家规定）” or “告知承诺制（国家规定，地方第1版）”. Decisions store the key; pages show this.
 */
export function policyVersionLabel(key: string): string {
  const [kind = '', chain = ''] = key.split('@');
  const title = getPolicyKind(kind)?.title ?? '政策参数';
  const local = chain
    .split('+')
    .slice(1)
    .map((part) => /v(\d+)$/.exec(part)?.[1])
    .filter(Boolean)
    .map((n) => `地方第${n}版`);
  return `${title}（${['国家规定', ...local].join('，')}）`;
}

/**
 * The Chinese message of one JSON Schema check that failed (AJV in the web's generated form, TypeBox's
 * Value.Errors in the API: both name the keyword and its params the same way).
 */
export function validationMessage(keyword: string, params: Record<string, unknown> = {}): string {
  const limit = params.limit;
  switch (keyword) {
    case 'required':
      return '必须填写';
    case 'minimum':
      return `不能小于 ${limit}`;
    case 'exclusiveMinimum':
      return `必须大于 ${limit}`;
    case 'maximum':
      return `不能大于 ${limit}`;
    case 'exclusiveMaximum':
      return `必须小于 ${limit}`;
    case 'minLength':
      return limit === 1 ? '不能为空' : `至少 ${limit} 个字`;
    case 'maxLength':
      return `最多 ${limit} 个字`;
    case 'minItems':
      return `至少 ${limit} 项`;
    case 'maxItems':
      return `最多 ${limit} 项`;
    case 'uniqueItems':
      return '不能重复';
    case 'pattern':
      return '格式不符合要求';
    case 'type':
      return params.type === 'integer' ? '须为整数' : params.type === 'number' ? '须为数字' : '填写的内容类型不对';
    case 'const':
    case 'enum':
    case 'anyOf':
    case 'oneOf':
      return '请从列表中选择';
    case 'additionalProperties':
      return '含有不认识的参数';
    default:
      return '填写的内容不符合要求';
  }
}
