import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CompletionView,
  CourseList,
  CourseListQuery,
  CourseRequest,
  CourseView,
  ErrorBody,
  RecordIdParams,
  TrainingArchive,
  UnitTrainingArchive,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { completeCourse, createCourse, listCourses, myArchive, unitArchive } from './use-cases/training.ts';

/** Online training and training archive (SVC-04). */
export async function trainingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['在线培训'];
  app.post(
    '/api/v1/training/courses',
    {
      config: { permission: 'services:training:manage' },
      schema: { tags, summary: '发布消防安全在线培训课程', body: CourseRequest, response: { 201: CourseView, '4xx': ErrorBody } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => createCourse(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/training/courses',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '在线培训课程', querystring: CourseListQuery, response: { 200: CourseList, '4xx': ErrorBody } },
    },
    async (req) => listCourses(req.server.ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/training/courses/:id/completions',
    {
      config: { permission: 'services:training:learn' },
      schema: { tags, summary: '登记完成培训课程（每人每课一次）', params: RecordIdParams, response: { 201: CompletionView, '4xx': ErrorBody } },
    },
    async (req, reply) => {
      const r = await completeCourse(req.server.ctx, actorOf(req), req.params.id);
      return reply.code(201).send(r);
    },
  );
  app.get(
    '/api/v1/training/archive/me',
    {
      config: { permission: 'services:training:learn' },
      schema: { tags, summary: '本人培训档案', response: { 200: TrainingArchive, '4xx': ErrorBody } },
    },
    async (req) => myArchive(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/training/archive/unit',
    {
      config: { permission: 'portal:training:unit' },
      schema: { tags, summary: '本单位人员培训档案和到期复训提醒', response: { 200: UnitTrainingArchive, '4xx': ErrorBody } },
    },
    async (req) => unitArchive(req.server.ctx, actorOf(req)),
  );
}
