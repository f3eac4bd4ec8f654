import { CaseReviewView } from '@fep/contracts';
import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/**
 * `case_reviews.result_json`: what the checklist scored (OVS-02) — the basic criteria that failed and each
 * scored line with its points, deduction and remark — as the review view shows it. Stored with the review,
 * so a later change of the checklist policy leaves past reviews as they were scored.
 */
export const REVIEW_RESULT = jsonColumn(
  'case_reviews.result_json',
  Type.Object({ vetoFailed: CaseReviewView.properties.vetoFailed, lines: CaseReviewView.properties.lines }, { additionalProperties: false }),
);
