/**
 * Inspection tasks (opening checks, commitment verifications, random and triggered supervision checks,
 * re-inspections): the one feature that writes `inspection_tasks`. Licensing and supervision create and
 * complete tasks through this surface.
 */
export { newInspectionTask } from './new-task.ts';
