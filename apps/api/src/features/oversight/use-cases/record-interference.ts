import type { InterferenceRecordRequest, InterferenceRecordView } from '@fep/contracts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { presentInterference } from '../oversight.presenter.ts';
import { insertInterference } from '../oversight.repository.ts';

/** A clock a few minutes fast on the recording phone is not a record of the future. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * ENF-08: the officer approached records an insider's attempt to ask about, direct or influence a case
 * (seed 001 §13 记录、通报和责任追究). The record belongs to the officer's agency, is append-only (the database
 * refuses UPDATE and DELETE) and enters the enforcement record in the same transaction.
 */
export async function recordInterference(deps: Deps, actor: Actor, input: InterferenceRecordRequest): Promise<InterferenceRecordView> {
  if (!actor.agencyId || !actor.agencyPath) throw new AppError('OVERSIGHT.INVALID_RECORD', '只有消防救援机构的工作人员可以登记', { field: 'agency' });
  const now = deps.now();
  const occurred = Date.parse(input.occurredAt);
  if (!Number.isFinite(occurred) || occurred > now.getTime() + FUTURE_SLACK_MS)
    throw new AppError('OVERSIGHT.INVALID_RECORD', '发生时间不能晚于当前时间', { field: 'occurredAt' });
  return transact(deps, actor, async (trx, audit) => {
    const row = {
      id: uuidv7(now.getTime()),
      agency_id: actor.agencyId!,
      agency_path: actor.agencyPath!,
      recorded_by: userIdOf(actor),
      person_name: input.personName.trim(),
      person_position: input.personPosition.trim(),
      role: input.role,
      channel: input.channel,
      act: input.act,
      occurred_at: new Date(occurred).toISOString(),
      case_reference: input.caseReference.trim(),
      content: input.content.trim(),
      response: input.response?.trim() || null,
      created_at: now.toISOString(),
    };
    await insertInterference(trx, row);
    await audit({ action: 'interference_record.create', targetType: 'interference_record', targetId: row.id, after: row });
    return presentInterference({ ...row, agency_name: actor.agencyName ?? '', recorder_name: actor.displayName ?? '' });
  });
}
