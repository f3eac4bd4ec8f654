import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CommitmentVerificationRequest,
  CommitmentVerificationView,
  ErrorBody,
  InspectionAssignmentRequest,
  InspectionTaskListQuery,
  InspectorView,
  LicensingIdParams,
  TaskDetailView,
  TaskListView,
  TaskView,
} from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { scopeOf } from '../../platform/org/scope.ts';
import { DRAFT, eligibleInspectors, inspectorIdsOf, listTasks, loadTask } from '../inspections/index.ts';
import { withPlanChecklist } from '../supervision/index.ts';
import { presentClock, presentTask, userNames } from './licensing.presenter.ts';
import { assignTask } from './use-cases/assign-task.ts';
import { verifyCommitment } from './use-cases/verify-commitment.ts';

const TAGS = ['检查任务'];
/** Refusals keep the shared error body. */
const ERRORS = { '4xx': ErrorBody };

/** Inspection tasks of licensing (opening checks, commitment verifications) and the inspector directory. */
export async function taskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  app.get(
    '/api/v1/inspectors',
    {
      config: { permission: 'licensing:inspection:assign' },
      schema: {
        tags: TAGS,
        summary: '可指派的持证检查人员（本机构及上级机构）',
        response: { 200: Type.Array(InspectorView), ...ERRORS },
      },
    },
    async (req) => {
      const u = req.auth!.user;
      if (!u.agencyPath) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以查看');
      return eligibleInspectors(db, u.agencyPath, chinaDateOf(app.ctx.now()));
    },
  );

  app.get(
    '/api/v1/inspection-tasks',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: TAGS,
        summary: '检查任务（mine=true 仅指派给本人的）',
        querystring: InspectionTaskListQuery,
        response: { 200: TaskListView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const q = req.query;
      // Keyset pages of 200, newest first; the next page's cursor is in the X-Next-Cursor header (the body stays the list).
      const page = await listTasks(db, scopeOf(req), {
        statuses: q.status?.split(','),
        assignedTo: q.mine ? req.auth!.user.id : undefined,
        cursor: q.cursor,
        limit: 200,
      });
      if (page.badCursor) throw new AppError('REQUEST.INVALID', '分页游标无效');
      if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
      const names = await userNames(db, [...new Set(page.rows.flatMap((t) => inspectorIdsOf(t)))]);
      return page.rows.map((t) => presentTask(t, names, { list: true }));
    },
  );

  app.get(
    '/api/v1/inspection-tasks/:id',
    {
      config: { permission: 'licensing:application:read' },
      schema: { tags: TAGS, summary: '一个检查任务及其时限', params: LicensingIdParams, response: { 200: TaskDetailView, ...ERRORS } },
    },
    async (req): Promise<TaskDetailView> => {
      const t = await withPlanChecklist(db, await loadTask(app.ctx, actorOf(req), db, req.params.id));
      const names = await userNames(db, inspectorIdsOf(t));
      const clock = t.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', t.clock_id).executeTakeFirst() : undefined;
      return {
        ...presentTask(t, names),
        draft: DRAFT.decode(t.draft_json),
        clock: await presentClock(db, clock, app.ctx.now().toISOString()),
      };
    },
  );

  app.post(
    '/api/v1/inspection-tasks/:id/assign',
    {
      config: { permission: 'licensing:inspection:assign' },
      schema: {
        tags: TAGS,
        summary: '指派核查人员并预约时间',
        params: LicensingIdParams,
        body: InspectionAssignmentRequest,
        response: { 200: TaskView, ...ERRORS },
      },
    },
    async (req) => {
      const t = await assignTask(app.ctx, actorOf(req), { id: req.params.id, ...req.body });
      return presentTask(t, await userNames(db, inspectorIdsOf(t)));
    },
  );

  app.post(
    '/api/v1/inspection-tasks/:id/verification',
    {
      config: { permission: 'licensing:inspection:record' },
      schema: {
        tags: TAGS,
        summary: '录入告知承诺核查结果：属实 / 责令整改 / 虚假承诺（LIC-03）',
        params: LicensingIdParams,
        body: CommitmentVerificationRequest,
        response: { 200: CommitmentVerificationView, ...ERRORS },
      },
    },
    async (req) => verifyCommitment(app.ctx, actorOf(req), { taskId: req.params.id, ...req.body }),
  );
}
