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
export {
  assignedTo,
  decodeTaskCursor,
  encodeTaskCursor,
  findTask,
  insertTask,
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
