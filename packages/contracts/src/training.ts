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

/** Expert guidance (SVC-05). */
export const GuidanceMode = Type.Union([Type.Literal('on_site'), Type.Literal('online')]);
export const GuidanceRequestInput = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    subject: Type.String({ minLength: 2, maxLength: 100 }),
    mode: GuidanceMode,
    topic: Type.String({ minLength: 2, maxLength: 1000 }),
    contact: Type.String({ minLength: 5, maxLength: 50 }),
  },
  { additionalProperties: false },
);
export type GuidanceRequestInput = Static<typeof GuidanceRequestInput>;

export const GuidanceAdviceView = Type.Object({
  id: Type.String(),
  visitedOn: Type.String(),
  content: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]),
  statusLabel: Type.String(),
  doneNote: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type GuidanceAdviceView = Static<typeof GuidanceAdviceView>;

export const GuidanceView = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  requesterName: Type.String(),
  mode: GuidanceMode,
  modeLabel: Type.String(),
  topic: Type.String(),
  contact: Type.String(),
  agencyName: Type.String(),
  status: Type.Union([Type.Literal('requested'), Type.Literal('assigned'), Type.Literal('closed')]),
  statusLabel: Type.String(),
  experts: Type.Array(Type.String()),
  advice: Type.Array(GuidanceAdviceView),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type GuidanceView = Static<typeof GuidanceView>;
export const GuidanceList = Type.Object({ items: Type.Array(GuidanceView) });
export type GuidanceList = Static<typeof GuidanceList>;
export const GuidanceListQuery = Type.Object({ open: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type GuidanceListQuery = Static<typeof GuidanceListQuery>;

export const GuidanceAssign = Type.Object(
  { experts: Type.Array(Type.String({ minLength: 2, maxLength: 30 }), { minItems: 2, maxItems: 10 }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type GuidanceAssign = Static<typeof GuidanceAssign>;
export const GuidanceVisit = Type.Object(
  {
    visitedOn: Type.String({ format: 'date' }),
    advice: Type.Array(Type.String({ minLength: 2, maxLength: 500 }), { minItems: 1, maxItems: 30 }),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type GuidanceVisit = Static<typeof GuidanceVisit>;
export const AdviceDone = Type.Object(
  { note: Type.String({ minLength: 2, maxLength: 500 }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type AdviceDone = Static<typeof AdviceDone>;
export const GuidanceClose = Type.Object({ version: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type GuidanceClose = Static<typeof GuidanceClose>;
