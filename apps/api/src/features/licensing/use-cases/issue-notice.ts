import { checkNotice, type NoticeItem, targetLabel } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { clockStep, issueDocumentStep, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { applicationEvent, applicationFact, NOTICE_ISSUED } from '../events.ts';
import { NOTICE_ITEMS } from '../licensing.columns.ts';

/**
 * LIC-06: the clerk notifies the applicant once of every defect (一次性告知, 行政许可法 art. 32); a later
 * notice may only repeat what the first listed. The applicant's time does not count against the agency:
 * the clock pauses.
 */
export async function issueNotice(deps: LicensingDeps, actor: Actor, input: { id: string; items: NoticeItem[] }) {
  const repo = applicationsOf(deps);
  const { id, items } = input;
  const row = await repo.load(deps, actor, id);
  const policy = await repo.policy(deps.database.db, row.agency_id, deps.now());
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const current = await repo.reload(trx, id);
    const status = transition(current, 'issue_notice');
    const notices = await repo.notices(trx, id);
    const first = notices[0] ? NOTICE_ITEMS.decode(notices[0].items_json) : null;
    const problems = checkNotice(items, policy.materials, first);
    if (problems.some((p) => p.problem === 'not_in_first_notice')) {
      throw new AppError('LICENSING.ITEM_NOT_IN_NOTICE', problems.map((p) => p.message).join('；'), { problems });
    }
    if (problems.length) throw new AppError('LICENSING.NOTICE_INVALID', problems.map((p) => p.message).join('；'), { problems });
    const nowIso = deps.now().toISOString();
    // The compare-and-set comes first: a concurrent second notice waits here and gets 409, before it numbers a notice.
    const next = await repo.update(trx, current, { status }, nowIso);
    const notice = {
      id: uuidv7(),
      application_id: id,
      seq: notices.length + 1,
      items_json: NOTICE_ITEMS.encode(items),
      issued_by: userId,
      issued_at: nowIso,
      resolved_at: null,
    };
    await repo.insertNotice(trx, notice);
    const s = { repo, trx, deps, audit, emit, actorUserId: userId };
    await clockStep(s, current.clock_id, 'pause', '一次性告知补正，等待申请人补正');
    await audit({
      action: 'application.notice',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { notice: notice.seq, items: items.map((i) => ({ ...i, label: targetLabel(i.target, policy.materials) })) },
      policyVersion: policy.versions['licensing.materials'] ?? null,
    });
    // 补正材料通知书: every item of the one-time notice, in writing (行政许可法 art. 32 ¶1 (4)).
    await issueDocumentStep(s, next, {
      kind: 'correction',
      seq: notice.seq,
      items: items.map((i) => ({ label: targetLabel(i.target, policy.materials).replace(/^“|”$/g, ''), reason: i.reason })),
    });
    emit(applicationEvent(NOTICE_ISSUED, { ...applicationFact(next), seq: notice.seq, itemCount: items.length }));
    return next;
  });
}
