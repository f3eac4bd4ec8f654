import { type Static, Type } from 'typebox';

/** Online training (SVC-04). */
export const TrainingKind = Type.Union([Type.Literal('video'), Type.Literal('document')]);

export const CourseRequest = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    kind: TrainingKind,
    /** A file id of the platform's file store or an https URL. */
    resource: Type.String({ minLength: 1, maxLength: 500 }),
    durationMinutes: Type.Integer({ minimum: 1, maximum: 600 }),
    audience: Type.String({ minLength: 2, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CourseRequest = Static<typeof CourseRequest>;

export const CourseView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: TrainingKind,
  kindLabel: Type.String(),
  resource: Type.String(),
  durationMinutes: Type.Integer(),
  audience: Type.String(),
  agencyName: Type.String(),
  createdAt: Type.String(),
  /** Whether the asking person has completed it (false when anonymous). */
  completed: Type.Boolean(),
});
export type CourseView = Static<typeof CourseView>;

export const CourseList = Type.Object({ items: Type.Array(CourseView) });
export type CourseList = Static<typeof CourseList>;
export const CourseListQuery = Type.Object({ region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }, { additionalProperties: false });
export type CourseListQuery = Static<typeof CourseListQuery>;

export const CompletionView = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  durationMinutes: Type.Integer(),
  personName: Type.String(),
  completedAt: Type.String(),
});
export type CompletionView = Static<typeof CompletionView>;

export const TrainingArchive = Type.Object({
  items: Type.Array(CompletionView),
  totalMinutes: Type.Integer(),
  lastCompletedOn: Type.Union([Type.String(), Type.Null()]),
  nextDueOn: Type.Union([Type.String(), Type.Null()]),
  due: Type.Boolean(),
});
export type TrainingArchive = Static<typeof TrainingArchive>;

export const UnitTrainingPerson = Type.Object({
  name: Type.String(),
  courses: Type.Integer(),
  totalMinutes: Type.Integer(),
  lastCompletedOn: Type.Union([Type.String(), Type.Null()]),
  nextDueOn: Type.Union([Type.String(), Type.Null()]),
  due: Type.Boolean(),
});
export const UnitTrainingArchive = Type.Object({
  usci: Type.String(),
  retrainIntervalMonths: Type.Integer(),
  legalBasis: Type.String(),
  people: Type.Array(UnitTrainingPerson),
  /** The names of the unit's people whose training is due (never trained, or past the interval). */
  dueNames: Type.Array(Type.String()),
  items: Type.Array(CompletionView),
});
export type UnitTrainingArchive = Static<typeof UnitTrainingArchive>;
