/**
 * Inspection tasks (opening checks, commitment verifications, random and triggered supervision checks,
 * re-inspections): the one feature that writes `inspection_tasks`. Licensing and supervision create,
 * assign and complete tasks through this surface.
 */
export {
  type ChecklistEntry,
  checkChecklist,
  eligibleInspectors,
  isInspectorOf,
  loadTask,
  pickInspectors,
} from './inspections.access.ts';
export { CHECKLIST, DRAFT, INSPECTOR_IDS, SIGNATURES } from './inspections.columns.ts';
export { type TaskQueueFilter, taskQueueRows, taskQueueTotal } from './inspections.queue.ts';
export {
  assignedTo,
  decodeTaskCursor,
  encodeTaskCursor,
  findTask,
  insertTask,
  insertTaskOnce,
  insertTasks,
  inspectorIdsOf,
  inspectorsOfTasks,
  listTasks,
  prefixEnd,
  type TaskListQuery,
  type TaskPatch,
  type TaskStatus,
  taskCounts,
  tasksOfPlan,
  updateTaskIf,
} from './inspections.repository.ts';
export { newInspectionTask } from './new-task.ts';
