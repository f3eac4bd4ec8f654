/**
 * Online training and training archive (SVC-04): courses published by an agency, each person's completion of a
 * course (once), the person's and the unit's archive and the due-training reminder (policy `services.training`).
 * The one feature that writes `training_courses` and `training_completions`.
 */
export { trainingRoutes } from './training.routes.ts';
