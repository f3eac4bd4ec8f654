import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/actor.ts';
import { chainsInScope as chainsInScopeOf } from './audit.access.ts';
import { runRead } from '../workers/read.ts';
import { verifyChainsRead } from './audit.reads.ts';
import type { ChainReport } from './chain.ts';

const TargetQuery = Type.Object({ target: Type.String({ minLength: 1, maxLength: 200, description: '目标 ID，或 类型:ID' }) });

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;

  const chainsInScope = (req: FastifyRequest, target: string) => chainsInScopeOf(req.server.ctx, actorOf(req), target);

  app.get(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit:chain:verify' },
      schema: {
        tags: ['执法记录'],
        summary: '核验某一目标的执法记录链，指出第一处断裂',
        querystring: TargetQuery,
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            brokenAt: Type.Optional(Type.Integer()),
            brokenEventId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
            reason: Type.Optional(Type.String()),
            chainId: Type.Optional(Type.String()),
            chains: Type.Array(
              Type.Object({
                chainId: Type.String(),
                ok: Type.Boolean(),
                events: Type.Integer(),
                brokenAt: Type.Optional(Type.Integer()),
                reason: Type.Optional(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { target } = req.query as { target: string };
      const chains = await chainsInScope(req, target);
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
    { config: { permission: 'audit:event:read' }, schema: { tags: ['执法记录'], summary: '某一目标的执法记录（按时间顺序）', querystring: TargetQuery } },
    async (req) => {
      const { target } = req.query as { target: string };
      const chains = await chainsInScope(req, target);
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
