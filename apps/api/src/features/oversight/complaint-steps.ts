import type { OfficerComplaintView } from '@fep/contracts';
import { nextOfficerComplaintStatus, type OfficerComplaintAction, type OfficerComplaintStatus } from '@fep/domain';
import type { OfficerComplaint } from '../../db/schema/oversight.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { inScopeOr, withRefusals } from './oversight.access.ts';
import { presentComplaint } from './oversight.presenter.ts';
import { complaintById, updateComplaintIf } from './oversight.repository.ts';

/** Why a step is refused, for the person who tried it (the complaint has moved on, or is not there yet). */
const REFUSALS: Record<OfficerComplaintAction, string> = {
  accept: '该投诉举报已受理或已办结',
  conclude: '该投诉举报尚未受理或已办结',
  decline: '该投诉举报已受理或已办结，不能不予受理',
};

/**
 * One handling step of a complaint about an officer (OVS-03): read inside the transaction, in the handler's
 * scope, moved by the domain's transition table as a compare-and-set on the status — of concurrent
 * identical steps one applies, the others get 409 OVERSIGHT.COMPLAINT_STATE.
 */
export async function complaintStep(
  deps: Deps,
  actor: Actor,
  input: {
    id: string;
    step: OfficerComplaintAction;
    /** The enforcement-record action (a label in RECORD_ACTION_LABELS). */
    action: string;
    patch: (now: string) => Partial<OfficerComplaint>;
    details?: Record<string, unknown>;
  },
): Promise<OfficerComplaintView> {
  return withRefusals(deps, actor, () =>
    transact(deps, actor, async (trx, audit) => {
      const row = inScopeOr(actor, await complaintById(trx, input.id), ['officer_complaint', input.id, '投诉举报']);
      let to: OfficerComplaintStatus;
      try {
        to = nextOfficerComplaintStatus(row.status, input.step);
      } catch {
        throw new AppError('OVERSIGHT.COMPLAINT_STATE', REFUSALS[input.step], { status: row.status, step: input.step });
      }
      const now = deps.now().toISOString();
      const patch = { ...input.patch(now), status: to, updated_at: now };
      if (!(await updateComplaintIf(trx, row.id, row.status, patch)))
        throw new AppError('OVERSIGHT.COMPLAINT_STATE', REFUSALS[input.step], { status: row.status, step: input.step });
      await audit({
        action: input.action,
        targetType: 'officer_complaint',
        targetId: row.id,
        before: { status: row.status },
        after: patch,
        details: input.details,
      });
      const handlerName = patch.handler_id === actor.userId ? (actor.displayName ?? '') : row.handler_name;
      return presentComplaint({ ...row, ...patch, handler_name: handlerName });
    }),
  );
}
