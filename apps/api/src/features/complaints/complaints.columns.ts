import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** `complaints.photos_json`: the ids of the report's photos (complaint_photos), in the order sent. */
export const PHOTOS = jsonColumn('complaints.photos_json', Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 9 }));

/** `work_order_reports.payload_json`: what 12345 is told of its order (the pulled progress view, pushed). */
export const WORK_ORDER_REPORT = jsonColumn(
  'work_order_reports.payload_json',
  Type.Object({
    workOrderNo: Type.String(),
    kind: Type.Union([Type.Literal('progress'), Type.Literal('result')]),
    status: Type.String(),
    statusLabel: Type.String(),
    progress: Type.Array(Type.Object({ at: Type.String(), text: Type.String() })),
    result: Type.Union([
      Type.Null(),
      Type.Object({ outcomeLabel: Type.String(), findings: Type.String(), feedback: Type.Union([Type.String(), Type.Null()]) }),
    ]),
  }),
);
