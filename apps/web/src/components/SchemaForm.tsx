/**
 * A form generated from a JSON Schema (@rjsf/antd, checked by TypeBox like the API), in Chinese: field labels are the
 * schemas' `title`s, choices the `title`s of their `const`s, validation messages come from @fep/domain's
 * validationMessage (the API refuses with the same words), and rjsf's own buttons are translated. Reuse it for
 * any settings whose shape is a TypeBox schema (policy kinds, partner settings): see docs/ui.md.
 */
import { validationMessage } from '@fep/domain';
import Form from '@rjsf/antd';
import type RjsfForm from '@rjsf/core';
import {
  type CustomValidator,
  type ErrorTransformer,
  englishStringTranslator,
  type RJSFSchema,
  type RJSFValidationError,
  type StrictRJSFSchema,
  TranslatableString,
  toErrorList,
  toErrorSchema,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import type { Ref } from 'react';
import { Value } from 'typebox/value';

const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '第 %1 项',
  [TranslatableString.EmptyArray]: '暂无，可用下方按钮添加',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '填写有误',
  [TranslatableString.NewStringDefault]: '',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.ClearButton]: '清除',
  [TranslatableString.DecrementAriaLabel]: '减一',
  [TranslatableString.IncrementAriaLabel]: '加一',
  [TranslatableString.OptionalObjectAdd]: '填写',
  [TranslatableString.OptionalObjectRemove]: '不填写',
  [TranslatableString.OptionalObjectEmptyMsg]: '未填写',
  [TranslatableString.OptionPrefix]: '选项 %1',
};

/** rjsf's interface strings in Chinese; `%1` placeholders filled as rjsf does. */
export function translateString(key: TranslatableString, params?: string[]): string {
  const zh = ZH[key];
  if (zh === undefined) return englishStringTranslator(key, params);
  return (params ?? []).reduce((s, p, i) => s.replaceAll(`%${i + 1}`, p), zh);
}

/**
 * rjsf's validator on TypeBox's Value.Errors instead of @rjsf/validator-ajv8: AJV compiles every schema with
 * `new Function`, which the product's Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses;
 * TypeBox interprets the schema when evaluation is unavailable, and is the checker the API runs on the same
 * schemas (docs/decisions.md).
 */
class TypeBoxValidator implements ValidatorType<unknown, StrictRJSFSchema> {
  private errorsOf(schema: RJSFSchema, formData: unknown): RJSFValidationError[] {
    return [...Value.Errors(schema as never, formData)].map((e) => {
      const params = (e.params ?? {}) as Record<string, unknown>;
      const missing = e.keyword === 'required' ? (params.requiredProperties as string[] | undefined)?.[0] : undefined;
      const path = `${e.instancePath}${missing ? `/${missing}` : ''}`;
      return { name: e.keyword, property: path.replace(/\//g, '.') || '.', params, message: e.message, stack: e.message, schemaPath: e.schemaPath };
    });
  }
  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    _customValidate?: CustomValidator,
    transform?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    let errors = this.errorsOf(schema, formData);
    if (transform) errors = transform(errors, uiSchema);
    return { errors, errorSchema: toErrorSchema(errors) };
  }
  toErrorList = toErrorList;
  isValid(schema: RJSFSchema, formData: unknown): boolean {
    return Value.Check(schema as never, formData);
  }
  rawValidation(schema: RJSFSchema, formData?: unknown) {
    return { errors: this.errorsOf(schema, formData) as never[] };
  }
  reset() {}
}
const validator = new TypeBoxValidator();

/** The schema check's errors in Chinese: the keyword's message, after the field's own label where rjsf shows it. */
export function transformErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return (
    errors
      // A choice fails once per option (`const`) and once as a whole (`anyOf`): the whole is enough.
      .filter((e) => e.name !== 'const' && e.name !== 'if')
      .map((e) => {
        const message = validationMessage(e.name ?? '', (e.params ?? {}) as Record<string, unknown>);
        return { ...e, message, stack: message };
      })
  );
}

/** Fields that hold internal keys (material and item codes, band ids, circumstance keys): never shown. */
export const INTERNAL_KEYS = ['code', 'id', 'key'];

/**
 * The uiSchema the schema implies: fields named `code`, `id` or `key` (internal keys of list items, filled by the caller for
 * new items) are hidden, long texts get a text area, and no submit button (the caller's dialog saves).
 */
export function uiSchemaOf(schema: RJSFSchema, extra: UiSchema = {}): UiSchema {
  const walk = (s: RJSFSchema | undefined): UiSchema => {
    if (!s || typeof s !== 'object') return {};
    const ui: UiSchema = {};
    if (s.type === 'object' && s.properties) {
      for (const [k, p] of Object.entries(s.properties)) {
        if (typeof p !== 'object') continue;
        const child = walk(p as RJSFSchema);
        if (INTERNAL_KEYS.includes(k)) child['ui:widget'] = 'hidden';
        if (Object.keys(child).length) ui[k] = child;
      }
    }
    if (s.type === 'array' && s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
      const child = walk(s.items as RJSFSchema);
      const items = s.items as RJSFSchema;
      if (items.type === 'string' && !items.anyOf && !items.enum) child['ui:widget'] = 'textarea';
      if (Object.keys(child).length) ui.items = child;
    }
    return ui;
  };
  return { ...walk(schema), 'ui:submitButtonOptions': { norender: true }, ...extra };
}

export interface SchemaFormProps<T> {
  schema: RJSFSchema;
  uiSchema?: UiSchema;
  value: T;
  onChange(value: T): void;
  formRef?: Ref<RjsfForm<T>>;
}

/** The generated form; call `formRef.current.validateForm()` before using the value. */
export function SchemaForm<T>({ schema, uiSchema, value, onChange, formRef }: SchemaFormProps<T>) {
  return (
    <Form
      ref={formRef}
      // Inside the caller's own form (a <form> may not hold another): the caller's dialog saves.
      tagName="div"
      className="schema-form"
      schema={schema}
      uiSchema={uiSchema ?? uiSchemaOf(schema)}
      formData={value}
      validator={validator}
      onChange={(e) => onChange(e.formData as T)}
      transformErrors={transformErrors}
      translateString={translateString}
      showErrorList={false}
      liveValidate="onBlur"
      noHtml5Validate
    />
  );
}
