import type { CreditRecordView, CreditRequestView, CreditUnitView } from '@fep/contracts';
import { type CreditPublicityPolicy, chinaDateOf, creditEffects, inEffect, publicityWindow } from '@fep/domain';
import type { CreditEvent, CreditRequestRow, CreditStandingRow } from '../../db/schema/credit.ts';
import { REQUEST_CONDITIONS, REQUEST_EVIDENCE, RISK_FACTORS, STANDING_EXPLANATION } from './credit.columns.ts';
import type { CreditPolicies } from './credit.policy.ts';
import { recordFact } from './standings.ts';

export function presentRecord(e: CreditEvent, today: string, publicity: CreditPublicityPolicy): CreditRecordView {
  const f = recordFact(e);
  const w = publicityWindow(f.on, f.severity, publicity);
  return {
    id: e.id,
    kind: f.kind,
    severity: f.severity,
    points: e.points,
    at: e.occurred_at,
    source: { type: e.source_type, id: e.source_id },
    reason: e.reason,
    status: e.status,
    statusReason: e.status_reason,
    repairFrom: w.repairFrom,
    publicUntil: w.until,
    counted: inEffect(f, today, publicity),
    policyVersion: e.policy_version,
  };
}

export function presentRequest(r: CreditRequestRow, recordKind: CreditRecordView['kind']): CreditRequestView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    usci: r.usci,
    subjectName: r.subject_name,
    recordId: r.record_id,
    recordKind,
    reason: r.reason,
    evidenceFileIds: REQUEST_EVIDENCE.decode(r.evidence_json) ?? [],
    conditions: REQUEST_CONDITIONS.decode(r.conditions_json)!,
    dueOn: r.due_on,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    version: r.version,
  };
}

export function presentUnit(
  s: CreditStandingRow,
  records: CreditEvent[],
  history: { at: string; level_from: string | null; level_to: string; score: number; cause: string }[],
  requests: CreditRequestRow[],
  policies: CreditPolicies,
  now: Date,
): Omit<CreditUnitView, 'persons'> {
  const today = chinaDateOf(now);
  const explanation = STANDING_EXPLANATION.decode(s.explanation_json)!;
  const effects = creditEffects(s.level, s.blacklisted === 1, policies.factors, policies.sanctions);
  const kinds = new Map(records.map((r) => [r.id, r.kind as CreditRecordView['kind']]));
  return {
    usci: s.usci,
    name: s.subject_name,
    level: s.level,
    score: s.score,
    rule: explanation.rule,
    events: records.map((e) => presentRecord(e, today, policies.publicity)).reverse(),
    effects: { ...effects, blacklistReasons: explanation.blacklistReasons },
    risk: { score: s.risk_score, level: s.risk_level, factors: RISK_FACTORS.decode(s.risk_factors_json) ?? [] },
    history: history.map((h) => ({ at: h.at, from: (h.level_from as 'A' | null) ?? null, to: h.level_to as 'A', score: h.score, cause: h.cause })),
    requests: requests.map((r) => presentRequest(r, kinds.get(r.record_id) ?? 'penalty')),
    policyVersion: s.policy_version,
    computedAt: s.computed_at,
  };
}
