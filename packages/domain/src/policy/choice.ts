import { type TUnsafe, Type } from 'typebox';

/**
 * One of a fixed set of values, each with its Chinese label as the JSON Schema `title` of its `const`: the
 * policy editor's form is generated from these schemas (apps/web SchemaForm), so the labels people read
 * live beside the values, in one place for the API and the web (issue 11 item 4).
 */
export function Choice<const K extends string>(values: readonly K[], labels: Record<K, string>, options: { title?: string } = {}): TUnsafe<K> {
  // `type` beside `anyOf`: a generated form needs it to draw the choice as a select.
  return Type.Unsafe<K>({ type: 'string', anyOf: values.map((v) => Type.Literal(v, { title: labels[v] })), ...options });
}
