import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditEventView, AuditTargetQuery, AuditVerifyView, ErrorBody, RefusalPage, RefusalQuery, TimelineQuery, TimelineView } from '@fep/contracts';
import { RECORD_OUTCOME_LABELS, ROLE_LABELS, type Role, recordActionLabel } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/actor.ts';
import { runRead } from '../workers/read.ts';
import { chainsInScope as chainsInScopeOf } from './audit.access.ts';
import { verifyChainsRead } from './audit.reads.ts';
import type { ChainReport } from './chain.ts';
import { refusalPage } from './refusals.list.ts';
import { flushRefusals } from './refusals.ts';

const ERRORS = { '4xx': ErrorBody };

export async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  const chainsInScope = (req: FastifyRequest, target: string) => chainsInScopeOf(req.server.ctx, actorOf(req), target);

  app.get(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit:chain:verify' },
      schema: {
        tags: ['执法记录'],
        summary: '核验某一目标的执法记录链，指出第一处断裂',
        querystring: AuditTargetQuery,
        response: { 200: AuditVerifyView, ...ERRORS },
      },
    },
    async (req) => {
      const chains = await chainsInScope(req, req.query.target);
      const reports: ChainReport[] = await runRead(app.ctx, verifyChainsRead, { chains });
      const broken = reports.find((r) => !r.ok);
      return {
        ok: !broken,
        ...(broken ? { brokenAt: broken.brokenAt, brokenEventId: broken.brokenEventId ?? null, reason: broken.reason, chainId: broken.chainId } : {}),
        chains: reports.map((r) => ({
          chainId: r.chainId,
          ok: r.ok,
          events: r.events,
          ...(r.brokenAt ? { brokenAt: r.brokenAt } : {}),
          ...(r.reason ? { reason: r.reason } : {}),
        })),
      };
    },
  );

  app.get(
    '/api/v1/audit/events',
    {
      config: { permission: 'audit:event:read' },
      schema: {
        tags: ['执法记录'],
        summary: '某一目标的执法记录（按时间顺序）',
        querystring: AuditTargetQuery,
        response: { 200: Type.Array(AuditEventView), ...ERRORS },
      },
    },
    async (req) => {
      const chains = await chainsInScope(req, req.query.target);
      const rows = await db.selectFrom('audit_events').selectAll().where('chain_id', 'in', chains).orderBy('chain_id').orderBy('seq').limit(1000).execute();
      return rows.map((e) => ({
        id: e.id,
        chainId: e.chain_id,
        seq: e.seq,
        occurredAt: e.occurred_at,
        actorUserId: e.actor_user_id,
        actorRole: e.actor_role,
        actorAgencyId: e.actor_agency_id,
        action: e.action,
        outcome: e.outcome,
        sourceIp: e.source_ip,
        policyVersion: e.policy_version,
        changeDigest: e.change_digest,
        hash: e.hash,
      }));
    },
  );

  app.get(
    '/api/v1/audit/timeline',
    {
      config: { permission: 'audit:timeline:read' },
      schema: {
        tags: ['执法记录'],
        summary: '办件的流转记录：谁（姓名、角色）在何时做了什么（按时间顺序）',
        querystring: TimelineQuery,
        response: { 200: TimelineView, ...ERRORS },
      },
    },
    async (req) => {
      // The same rule as the record itself: the owning agency's scope, 404 (and a logged refusal) otherwise.
      const chains = await chainsInScope(req, req.query.target);
      const rows = await db
        .selectFrom('audit_events')
        .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
        .leftJoin('agencies', 'agencies.id', 'audit_events.actor_agency_id')
        .select([
          'audit_events.id',
          'audit_events.occurred_at',
          'audit_events.actor_user_id',
          'audit_events.actor_role',
          'audit_events.action',
          'audit_events.outcome',
          'users.display_name',
          'agencies.name as agency_name',
        ])
        .where('audit_events.chain_id', 'in', chains)
        // What was done to the file; refused attempts stay in the full record (audit:event:read).
        .where('audit_events.outcome', '=', 'success')
        .orderBy('audit_events.occurred_at')
        .orderBy('audit_events.seq')
        .limit(500)
        .execute();
      return rows.map((e) => ({
        id: e.id,
        occurredAt: e.occurred_at,
        actorName: e.display_name ?? (e.actor_user_id ? '已停用账号' : '系统自动'),
        actorRoleLabel: e.actor_role ? (ROLE_LABELS[e.actor_role as Role] ?? null) : null,
        agencyName: e.agency_name ?? null,
        actionLabel: recordActionLabel(e.action),
        outcomeLabel: RECORD_OUTCOME_LABELS[e.outcome],
        outcome: e.outcome,
      }));
    },
  );

  app.get(
    '/api/v1/audit/refusals',
    {
      config: { permission: 'audit:security:read' },
      schema: {
        tags: ['执法记录'],
        summary: '安全事件：被拒绝的越权访问（按账号、操作和时段汇总），最新在前',
        querystring: RefusalQuery,
        response: { 200: RefusalPage, ...ERRORS },
      },
    },
    async (req) => {
      // The counts this process still holds are written first, so the page is current.
      await flushRefusals(app.ctx);
      return refusalPage(db, actorOf(req), req.query);
    },
  );
}
