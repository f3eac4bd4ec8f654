import { type Static, type TSchema, Type } from 'typebox';

/** `T | null`: a column that may be empty. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

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
