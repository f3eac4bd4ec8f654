import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';

/**
 * `T | null`: a value that may be empty. A schema with one JSON type becomes `type: [T, 'null']`, not
 * `anyOf: [T, null]`: Fastify validates requests with Ajv's type coercion, which coerces `null` in the
 * first `anyOf` branch that accepts it (a blank 投资额 arrived as 0 CNY, a null list as `[""]`); with a
 * type array a `null` matches 'null' and is left alone. Schemas without one type (enums, unions) keep `anyOf`.
 */
export const Nullable = <T extends TSchema>(t: T): TUnsafe<Static<T> | null> => {
  const type = (t as { type?: unknown }).type;
  return typeof type === 'string' ? Type.Unsafe<Static<T> | null>({ ...t, type: [type, 'null'] }) : Type.Unsafe<Static<T> | null>(Type.Union([t, Type.Null()]));
};

/** Every refusal: a stable code, a Chinese message, and details that depend on the code. */
export const ErrorBody = Type.Object({
  code: Type.String({ description: '稳定的错误代码，如 AUTH.LOCKED' }),
  message: Type.String({ description: '中文说明' }),
  details: Type.Unknown(),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** The legal basis a deadline, a policy value or a clock names (document and, where known, clause). */
export const LegalBasis = Type.Object({ document: Type.String({ minLength: 2, maxLength: 300 }), clause: Type.Optional(Type.String({ maxLength: 200 })) });
export type LegalBasis = Static<typeof LegalBasis>;

/** `/:id` of a record (clocks, units, files). */
export const RecordIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type RecordIdParams = Static<typeof RecordIdParams>;

/** A 204 answer: no body. */
export const NO_CONTENT_DESCRIPTION = '无内容（204）';
export const NoContent = Type.Null({ description: NO_CONTENT_DESCRIPTION });

/** Sort direction, as antd's Table reports it. */
export const SortOrder = Type.Union([Type.Literal('ascend'), Type.Literal('descend')]);
export type SortOrder = Static<typeof SortOrder>;

/** What every list page sends (spread into a list's query schema): free-text search, page (1-based) and page size, sort column and direction. */
export const PageParams = {
  q: Type.Optional(Type.String({ maxLength: 100, description: '搜索：编号、单位、场所或统一社会信用代码' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 5, maximum: 100 })),
  order: Type.Optional(SortOrder),
  /** Only matters with a clock: `overdue` (past its due time) or `due_soon` (in its warning window). */
  due: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('due_soon')])),
};

/**
 * A page of a list: the rows, how many match in all (counted up to 10 000: `capped` when there are more),
 * and which page this is.
 */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), capped: Type.Boolean(), page: Type.Integer(), pageSize: Type.Integer() });
