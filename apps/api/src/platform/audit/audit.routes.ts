import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditEventView, AuditTargetQuery, AuditVerifyView, ErrorBody } from '@fep/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/actor.ts';
import { runRead } from '../workers/read.ts';
import { chainsInScope as chainsInScopeOf } from './audit.access.ts';
import { verifyChainsRead } from './audit.reads.ts';
import type { ChainReport } from './chain.ts';

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
}
