import { type TSchema, Type } from 'typebox';

/** `T | null`: a column that may be empty. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
