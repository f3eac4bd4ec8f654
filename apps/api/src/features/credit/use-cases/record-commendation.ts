import type { CommendationBody } from '@fep/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { unitByUsci } from '../../units/index.ts';
import { creditSubjectInScope } from '../credit.access.ts';
import { recordCreditEvent } from './record-credit-event.ts';

/**
 * Good conduct recorded by staff (CRD-02 守信激励, 消防安全领域信用管理暂行办法): a reward or a commendation of a unit
 * of the agency's area, named by the document that granted it. It is a credit record like any other — its
 * points from the `credit.levels` policy in force, the level recomputed in the same transaction — and one
 * per unit, document and kind: sent again, it is refused and nothing is added (the unique index
 * `credit_events_commendation` guards the race).
 */
export async function recordCommendation(deps: Deps, actor: Actor, input: CommendationBody) {
  if (actor.kind !== 'staff' || !actor.agencyId) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以登记表彰奖励');
  const usci = input.usci.toUpperCase();
  await creditSubjectInScope(deps.database.db, actor, usci);
  const unit = await unitByUsci(deps.database.db, usci, null);
  const documentNo = input.documentNo.trim();
  return recordCreditEvent(deps, actor, {
    usci,
    agencyId: actor.agencyId,
    kind: input.kind,
    severity: 'general',
    reason: `${input.reason.trim()}（${documentNo}）`,
    sourceType: 'commendation',
    sourceId: documentNo,
    occurredAt: deps.now().toISOString(),
    ...(unit ? { subjectName: unit.name } : {}),
    // The document number is the request's natural key: a retry learns the record it made from the refusal.
    refuseExisting: (existing) =>
      new AppError('CREDIT.COMMENDATION_EXISTS', `该单位已登记过文号为“${documentNo}”的${input.kind === 'reward' ? '奖励' : '表彰'}`, {
        documentNo,
        recordId: existing.id,
      }),
  });
}
