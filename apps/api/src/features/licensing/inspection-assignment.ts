import { chinaDateOf, isOffHours } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { InspectionTaskTable } from '../../db/schema.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inspectorIdsOf, pickInspectors, type TaskPatch, updateTaskIf } from '../inspections/index.ts';

/**
 * Assigning a licensing check (LIC-04, LIC-11): two certified inspectors (双人执法) of the handling agency or
 * an agency above it, drawn at random or named, and an appointment (also off-hours). The same named
 * inspectors and appointment again is refused (409), so a repeated request has no second effect.
 */
export interface AssignInput {
  inspectorIds?: string[];
  appointmentAt?: string | null;
}

export async function assignInspection(trx: Executor, deps: AppContext, task: InspectionTaskTable, input: AssignInput): Promise<InspectionTaskTable> {
  const now = deps.now();
  if (task.status === 'assigned' && input.inspectorIds?.length) {
    const same = [...new Set(input.inspectorIds)].sort().join() === [...inspectorIdsOf(task)].sort().join();
    const sameTime = !input.appointmentAt || (task.appointment_at !== null && Date.parse(task.appointment_at) === Date.parse(input.appointmentAt));
    if (same && sameTime) throw new AppError('LICENSING.ALREADY_ASSIGNED', '该检查任务已指派给这两名检查人员');
  }
  const inspectors = await pickInspectors(trx, { agencyPath: task.agency_path, onDate: chinaDateOf(now), named: input.inspectorIds, usci: task.usci });
  let offHours = 0;
  if (input.appointmentAt) {
    if (Date.parse(input.appointmentAt) < now.getTime()) throw new AppError('REQUEST.VALIDATION', '预约时间不能早于现在', { field: 'appointmentAt' });
    offHours = isOffHours(input.appointmentAt, await loadCalendar(trx, task.region_code)).offHours ? 1 : 0;
  }
  const patch: TaskPatch = {
    inspectorIds: inspectors,
    appointment_at: input.appointmentAt ? new Date(input.appointmentAt).toISOString() : task.appointment_at,
    off_hours: input.appointmentAt ? offHours : task.off_hours,
    status: 'assigned',
    updated_at: now.toISOString(),
  };
  // Compare-and-set on the state read: of two first assignments one wins, the other gets 409.
  const assigned = await updateTaskIf(trx, task, [task.status], patch);
  if (!assigned) throw new AppError('LICENSING.TASK_NOT_OPEN', '该检查任务刚被他人处理，请刷新后重试');
  return assigned;
}
