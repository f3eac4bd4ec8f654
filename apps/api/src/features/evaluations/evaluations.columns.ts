import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The structured tags of a review (SVC-02), read and written through their schema (db/json.ts). */
export const EVALUATION_TAGS_COLUMN = jsonColumn('evaluations.tags_json', Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 8 }));
