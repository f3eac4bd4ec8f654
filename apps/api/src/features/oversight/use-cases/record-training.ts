import type { TrainingRecordRequest, TrainingRecordView } from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { assertCivilDate, loadOfficer } from '../oversight.access.ts';
import { insertTraining } from '../oversight.repository.ts';

/**
 * OVS-02: a course an officer attended enters their enforcement file (seed 001 §13: 岗前培训、专门培训和在职
 * 培训; 完善执法人员个人执法档案). An append-only list: a wrong entry is corrected by a new one, never edited.
 */
export async function recordTraining(deps: Deps, actor: Actor, input: { userId: string } & TrainingRecordRequest): Promise<TrainingRecordView> {
  assertCivilDate(input.completedOn, 'completedOn');
  const officer = await loadOfficer(deps, actor, deps.database.db, input.userId);
  const now = deps.now();
  if (input.completedOn > chinaDateOf(now)) throw new AppError('OVERSIGHT.INVALID_RECORD', '培训完成日期不能晚于今天', { field: 'completedOn' });
  return transact(deps, actor, async (trx, audit) => {
    const row = {
      id: uuidv7(now.getTime()),
      user_id: officer.id,
      course: input.course.trim(),
      hours: input.hours,
      completed_on: input.completedOn,
      recorded_by: userIdOf(actor),
      created_at: now.toISOString(),
    };
    await insertTraining(trx, row);
    await audit({ action: 'officer_training.create', targetType: 'officer_training', targetId: row.id, after: row, details: { officer: officer.id } });
    return {
      id: row.id,
      course: row.course,
      hours: row.hours,
      completedOn: row.completed_on,
      recordedBy: { id: row.recorded_by, name: actor.displayName ?? '' },
      createdAt: row.created_at,
    };
  });
}
