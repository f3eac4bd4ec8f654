import type { CompletionView, CourseView } from '@fep/contracts';
import { TRAINING_KIND_LABELS } from '@fep/domain';
import type { TrainingCompletion, TrainingCourse } from '../../db/schema/services.ts';

export function presentCourse(c: TrainingCourse, agencyName: string, completed: boolean): CourseView {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    kindLabel: TRAINING_KIND_LABELS[c.kind],
    resource: c.resource,
    durationMinutes: c.duration_minutes,
    audience: c.audience,
    agencyName,
    createdAt: c.created_at,
    completed,
  };
}

export function presentCompletion(x: TrainingCompletion, course: Pick<TrainingCourse, 'title' | 'duration_minutes'>): CompletionView {
  return {
    id: x.id,
    courseId: x.course_id,
    courseTitle: course.title,
    durationMinutes: course.duration_minutes,
    personName: x.person_name,
    completedAt: x.completed_at,
  };
}
