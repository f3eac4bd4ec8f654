import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AppointmentConfirmBody,
  AppointmentCounterBody,
  AppointmentDeclineBody,
  AppointmentRequestInput,
  AppointmentRequestList,
  AppointmentRequestListQuery,
  AppointmentRequestView,
  AppointmentVersionBody,
  BookingRequest,
  BookingView,
  ErrorBody,
  RecordIdParams,
  SlotList,
  SlotListQuery,
  SlotRequest,
  SlotView,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import {
  acceptCounter,
  cancelAppointmentRequest,
  confirmAppointment,
  counterAppointment,
  declineAppointment,
  listAppointmentRequests,
  myAppointmentRequests,
  requestAppointment,
} from './use-cases/requests.ts';
import { bookSlot, cancelBooking, completeSlot, createSlot, getBooking, listSlots } from './use-cases/slots.ts';

const CodeParams = Type.Object({ code: Type.String({ minLength: 8, maxLength: 32 }) });

/** Appointments (SVC-03): station open days and education-base visits; drills, training and off-hours services at the unit's time. */
export async function appointmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['预约服务'];
  app.post(
    '/api/v1/appointments/slots',
    {
      config: { permission: 'services:appointment:manage' },
      schema: { tags, summary: '发布消防站开放日或教育基地参观场次', body: SlotRequest, response: { 201: SlotView, '4xx': ErrorBody } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => createSlot(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/appointments/slots',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '可预约的开放场次', querystring: SlotListQuery, response: { 200: SlotList, '4xx': ErrorBody } },
    },
    async (req) => listSlots(req.server.ctx, req.query),
  );
  app.post(
    '/api/v1/appointments/slots/:id/bookings',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '预约参观（名额以内）', params: RecordIdParams, body: BookingRequest, response: { 201: BookingView, '4xx': ErrorBody } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => bookSlot(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/appointments/slots/:id/complete',
    {
      config: { permission: 'services:appointment:manage' },
      schema: { tags, summary: '场次办结（预约人随后可评价）', params: RecordIdParams, response: { 200: SlotView, '4xx': ErrorBody } },
    },
    async (req) => completeSlot(req.server.ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/appointments/bookings/:code',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '凭预约码查看预约', params: CodeParams, response: { 200: BookingView, '4xx': ErrorBody } },
    },
    async (req) => getBooking(req.server.ctx, req.params.code),
  );
  app.post(
    '/api/v1/appointments/bookings/:code/cancel',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '凭预约码取消预约', params: CodeParams, response: { 200: BookingView, '4xx': ErrorBody } },
    },
    async (req) => cancelBooking(req.server.ctx, actorOf(req), req.params.code),
  );
  const answer = { tags, params: RecordIdParams, response: { 200: AppointmentRequestView, '4xx': ErrorBody } };
  app.post(
    '/api/v1/appointments/requests',
    {
      config: { permission: 'portal:appointment:request' },
      schema: {
        tags,
        summary: '预约消防演练、培训（提出本单位方便的时间）或非工作时间服务',
        body: AppointmentRequestInput,
        response: { 201: AppointmentRequestView, '4xx': ErrorBody },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => requestAppointment(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/appointments/requests/mine',
    {
      config: { permission: 'portal:appointment:request' },
      schema: { tags, summary: '本单位的演练、培训和非工作时间预约', response: { 200: AppointmentRequestList, '4xx': ErrorBody } },
    },
    async (req) => myAppointmentRequests(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/appointments/requests',
    {
      config: { permission: 'services:appointment:manage' },
      schema: {
        tags,
        summary: '单位预约待答复队列（演练、培训、非工作时间服务）',
        querystring: AppointmentRequestListQuery,
        response: { 200: AppointmentRequestList, '4xx': ErrorBody },
      },
    },
    async (req) => listAppointmentRequests(req.server.ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/appointments/requests/:id/confirm',
    {
      config: { permission: 'services:appointment:manage' },
      schema: { ...answer, summary: '确认单位提出的时间（或同意非工作时间服务）', body: AppointmentConfirmBody },
    },
    async (req) => confirmAppointment(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/appointments/requests/:id/counter',
    { config: { permission: 'services:appointment:manage' }, schema: { ...answer, summary: '另提时间（演练、培训），说明理由', body: AppointmentCounterBody } },
    async (req) => counterAppointment(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/appointments/requests/:id/decline',
    { config: { permission: 'services:appointment:manage' }, schema: { ...answer, summary: '不予安排，说明理由', body: AppointmentDeclineBody } },
    async (req) => declineAppointment(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/appointments/requests/:id/accept',
    { config: { permission: 'portal:appointment:request' }, schema: { ...answer, summary: '单位同意机构另提的时间', body: AppointmentVersionBody } },
    async (req) => acceptCounter(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/appointments/requests/:id/cancel',
    { config: { permission: 'portal:appointment:request' }, schema: { ...answer, summary: '单位取消预约', body: AppointmentVersionBody } },
    async (req) => cancelAppointmentRequest(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
}
