import { FieldRecordRequest } from '@fep/contracts';
import { Type } from 'typebox';
import { JsonValue, jsonColumn } from '../../db/json.ts';

/**
 * The JSON columns of `inspection_tasks`, each read and written through its schema (db/json.ts). Licensing
 * and supervision write them through these codecs (exported by index.ts).
 */
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

/**
 * The signatures of a field record (SUP-09): each inspector's signature image with whose it is (the task's
 * inspectors in order), and the unit representative's image and name as sent (FieldRecordRequest).
 */
const Signatures = FieldRecordRequest.properties.signatures;
export const SIGNATURES = jsonColumn(
  'inspection_tasks.signatures_json',
  Type.Object(
    {
      ...Signatures.properties,
      inspectors: Type.Array(Type.Object({ userId: Type.String({ minLength: 1 }), fileId: Type.String({ minLength: 1 }) }, { additionalProperties: false }), {
        maxItems: 2,
      }),
    },
    { additionalProperties: false },
  ),
);

/**
 * The field app's draft, kept so an inspector's work survives a reload. Arbitrary JSON on purpose: the API
 * stores it as the page sent it (DraftSaveRequest is `unknown`; the page's own shape, FieldDraft, may change
 * with the page without a migration), and nothing but the page reads it back.
 */
export const DRAFT = jsonColumn('inspection_tasks.draft_json', JsonValue);
