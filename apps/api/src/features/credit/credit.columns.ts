import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of the credit feature's tables, each read and written through its schema (db/json.ts). */

const Criterion = Type.Union([Type.Literal('major_hazard_unrectified'), Type.Literal('refusal_to_correct'), Type.Literal('repeat_violations')]);
/** Why the standing is what it is: the band or list rule and the list criteria with their records. */
export const STANDING_EXPLANATION = jsonColumn(
  'credit_standings.explanation_json',
  Type.Object({
    rule: Type.String(),
    scoreLevel: Type.String(),
    blacklistReasons: Type.Array(Type.Object({ criterion: Criterion, recordIds: Type.Array(Type.String()) })),
    counted: Type.Array(Type.String()),
  }),
);

/** The risk score's factors with their points, largest first. */
export const RISK_FACTORS = jsonColumn('credit_standings.risk_factors_json', Type.Array(Type.Object({ factor: Type.String(), points: Type.Number() })));

export const REQUEST_EVIDENCE = jsonColumn('credit_requests.evidence_json', Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }));
export const REQUEST_CONDITIONS = jsonColumn(
  'credit_requests.conditions_json',
  Type.Object({ corrected: Type.Boolean(), penaltyFulfilled: Type.Boolean(), commitmentSigned: Type.Boolean() }),
);

/** The 双公示 record as pushed to the credit platform (national field codes, legal-rules §1.10). */
export const DELIVERY_PAYLOAD = jsonColumn(
  'credit_deliveries.payload_json',
  Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
);
