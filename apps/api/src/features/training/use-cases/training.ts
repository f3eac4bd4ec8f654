import type { CompletionView, CourseList, CourseListQuery, CourseRequest, CourseView, TrainingArchive, UnitTrainingArchive } from '@fep/contracts';
import { chinaDateOf, policyKind, type ServiceTrainingPolicy, trainingDue } from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { TrainingCompletion, TrainingCourse } from '../../../db/schema/services.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById, findAgency } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { presentCompletion, presentCourse } from '../training.presenter.ts';

/** Staff of an agency publish a course (SVC-04): a video or a document, by a stored file or an https link. */
export async function createCourse(deps: Deps, actor: Actor, input: CourseRequest): Promise<CourseView> {
  return transact(deps, actor, async (trx, audit) => {
    if (!actor.agencyId) throw new AppError('AUTH.FORBIDDEN', '只有消防救援机构工作人员可以发布培训课程');
    const agency = await agencyById(trx, actor.agencyId);
    if (!agency) throw notFound('机构');
    const resource = input.resource.trim();
    if (!/^https:\/\/\S+$/.test(resource)) {
      const file = await trx.selectFrom('files').select('id').where('id', '=', resource).executeTakeFirst();
      if (!file) throw new AppError('TRAINING.INVALID', '课程资料须为已上传的文件或以 https:// 开头的网址');
    }
    const row: TrainingCourse = {
      id: uuidv7(deps.now().getTime()),
      agency_id: agency.id,
      agency_path: agency.path,
      title: input.title,
      kind: input.kind,
      resource,
      duration_minutes: input.durationMinutes,
      audience: input.audience,
      created_by: actor.userId,
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('training_courses').values(row).execute();
    await audit({ action: 'training.course.create', targetType: 'training_course', targetId: row.id, after: row });
    return presentCourse(row, agency.name, false);
  });
}

/** The published courses, newest first: of a region's agency and those below it, or of every agency. */
export async function listCourses(deps: Deps, actor: Actor, q: CourseListQuery): Promise<CourseList> {
  const db = deps.database.db;
  let query = db
    .selectFrom('training_courses')
    .innerJoin('agencies', 'agencies.id', 'training_courses.agency_id')
    .selectAll('training_courses')
    .select('agencies.name as agency_name');
  if (q.region) {
    const a = await findAgency(db, q.region);
    if (!a) throw notFound('该地区的消防救援机构');
    query = query.where('training_courses.agency_path', 'like', `${a.path}%`);
  }
  const rows = await query.orderBy('training_courses.created_at', 'desc').limit(200).execute();
  const done = new Set<string>();
  if (actor.userId && rows.length > 0) {
    const mine = await db
      .selectFrom('training_completions')
      .select('course_id')
      .where('user_id', '=', actor.userId)
      .where(
        'course_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const m of mine) done.add(m.course_id);
  }
  return { items: rows.map(({ agency_name, ...c }) => presentCourse(c, agency_name, done.has(c.id))) };
}

/**
 * A person records completing a course (SVC-04): once per person and course — the unique index decides, so
 * parallel identical completions leave one record and the others are told it was already recorded.
 */
export async function completeCourse(deps: Deps, actor: Actor, courseId: string): Promise<CompletionView> {
  if (!actor.userId) throw new AppError('AUTH.UNAUTHENTICATED', '请先登录');
  const userId = actor.userId;
  return transact(deps, actor, async (trx, audit) => {
    const course = await trx.selectFrom('training_courses').selectAll().where('id', '=', courseId).executeTakeFirst();
    if (!course) throw notFound('培训课程');
    const row: TrainingCompletion = {
      id: uuidv7(deps.now().getTime()),
      course_id: course.id,
      user_id: userId,
      person_name: actor.displayName ?? actor.username ?? '',
      usci: actor.kind === 'applicant' ? actor.usci : null,
      agency_id: actor.kind === 'staff' ? actor.agencyId : null,
      completed_at: deps.now().toISOString(),
    };
    const r = await trx
      .insertInto('training_completions')
      .values(row)
      .onConflict((oc) => oc.columns(['course_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('TRAINING.ALREADY_COMPLETED', '您已完成该课程，培训档案中已有记录');
    await audit({ action: 'training.complete', targetType: 'training_course', targetId: course.id, after: { completionId: row.id, userId } });
    return presentCompletion(row, course);
  });
}

async function completionsWhere(db: Executor, by: { userId: string } | { usci: string }): Promise<CompletionView[]> {
  let q = db
    .selectFrom('training_completions')
    .innerJoin('training_courses', 'training_courses.id', 'training_completions.course_id')
    .selectAll('training_completions')
    .select(['training_courses.title', 'training_courses.duration_minutes']);
  q = 'userId' in by ? q.where('training_completions.user_id', '=', by.userId) : q.where('training_completions.usci', '=', by.usci);
  const rows = await q.orderBy('training_completions.completed_at', 'desc').limit(1000).execute();
  return rows.map(({ title, duration_minutes, ...x }) => presentCompletion(x, { title, duration_minutes }));
}

/** The retraining interval in force for a unit: the policy of the unit's agency, else the national default. */
async function trainingPolicy(db: Executor, usci: string | null, agencyId: string | null, on: string) {
  const def = policyKind('services.training');
  const basis = def.fields.retrainIntervalMonths?.legalBasis;
  const legalBasis = basis ? `${basis.document}${basis.clause ? `，${basis.clause}` : ''}` : '';
  let owner = agencyId;
  if (!owner && usci) {
    const unit = await db.selectFrom('units').select('agency_id').where('usci', '=', usci).executeTakeFirst();
    owner = unit?.agency_id ?? null;
  }
  const agency = owner ? await agencyById(db, owner) : undefined;
  if (!agency) return { policy: def.nationalDefault as ServiceTrainingPolicy, legalBasis };
  const [r] = await resolveForAgency(db, agency, on, ['services.training']);
  return { policy: (r?.values ?? def.nationalDefault) as ServiceTrainingPolicy, legalBasis };
}

/** My training archive (SVC-04): every course I completed, the minutes, and when my retraining falls due. */
export async function myArchive(deps: Deps, actor: Actor): Promise<TrainingArchive> {
  if (!actor.userId) throw new AppError('AUTH.UNAUTHENTICATED', '请先登录');
  const db = deps.database.db;
  const today = chinaDateOf(deps.now());
  const items = await completionsWhere(db, { userId: actor.userId });
  const { policy } = await trainingPolicy(db, actor.usci, actor.agencyId, today);
  const last = items[0] ? chinaDateOf(items[0].completedAt) : null;
  const d = trainingDue(last, policy.retrainIntervalMonths, today);
  return { items, totalMinutes: items.reduce((s, x) => s + x.durationMinutes, 0), lastCompletedOn: last, nextDueOn: d.dueOn, due: d.due };
}

/**
 * The training archive of the applicant's unit (SVC-04): its portal accounts (by USCI) with their completions,
 * and the due-training reminder — who never trained or whose last training is older than the policy's interval.
 */
export async function unitArchive(deps: Deps, actor: Actor): Promise<UnitTrainingArchive> {
  if (!actor.usci) throw new AppError('AUTH.FORBIDDEN', '只有单位账号可以查看本单位培训档案');
  const usci = actor.usci;
  const db = deps.database.db;
  const today = chinaDateOf(deps.now());
  const items = await completionsWhere(db, { usci });
  const { policy, legalBasis } = await trainingPolicy(db, usci, null, today);
  const accounts = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('kind', '=', 'applicant')
    .where('usci', '=', usci)
    .where('disabled', '=', 0)
    .orderBy('display_name')
    .execute();
  const rows = await db
    .selectFrom('training_completions')
    .innerJoin('training_courses', 'training_courses.id', 'training_completions.course_id')
    .select(['training_completions.user_id', 'training_completions.completed_at', 'training_courses.duration_minutes'])
    .where('training_completions.usci', '=', usci)
    .execute();
  const people = accounts.map((a) => {
    const mine = rows.filter((r) => r.user_id === a.id);
    const lastAt = mine.reduce<string | null>((m, r) => (m === null || r.completed_at > m ? r.completed_at : m), null);
    const last = lastAt ? chinaDateOf(lastAt) : null;
    const d = trainingDue(last, policy.retrainIntervalMonths, today);
    return {
      name: a.display_name,
      courses: mine.length,
      totalMinutes: mine.reduce((s, r) => s + r.duration_minutes, 0),
      lastCompletedOn: last,
      nextDueOn: d.dueOn,
      due: d.due,
    };
  });
  return {
    usci,
    retrainIntervalMonths: policy.retrainIntervalMonths,
    legalBasis,
    people,
    dueNames: people.filter((p) => p.due).map((p) => p.name),
    items,
  };
}
