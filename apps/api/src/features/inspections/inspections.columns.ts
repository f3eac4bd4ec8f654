import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of `inspection_tasks`, each read and written through its schema (db/json.ts). */
export const INSPECTOR_IDS = jsonColumn('inspection_tasks.inspector_ids_json', Type.Array(Type.String({ minLength: 1 }), { maxItems: 4 }));

/** The checklist the task was created with (policy at the time), later with each item's answer. */
export const CHECKLIST = jsonColumn(
  'inspection_tasks.checklist_json',
  Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      passed: Type.Optional(Type.Boolean()),
      note: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
  ),
);
