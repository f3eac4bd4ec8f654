import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { type ChainReport, chainsOfTarget, verifyChain } from './chain.ts';
import { recordRefusal } from './mutate.ts';

const TargetQuery = Type.Object({ target: Type.String({ minLength: 1, maxLength: 200, description: '目标 ID，或 类型:ID' }) });

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;

  /** Chains of a target the caller may see: at least one event of the chain was written by an agency in scope. */
  async function chainsInScope(req: FastifyRequest, target: string): Promise<string[]> {
    const chains = await chainsOfTarget(db, target);
    if (chains.length === 0) throw notFound('执法记录');
    const scope = req.auth!.scope;
    if (scope.kind === 'all') return chains;
    const path = scope.kind === 'agency_and_below' ? scope.agencyPath : null;
    if (!path) throw notFound('执法记录');
    const visible = await db
      .selectFrom('audit_events')
      .innerJoin('agencies', 'agencies.id', 'audit_events.actor_agency_id')
      .select('audit_events.chain_id')
      .distinct()
      .where('audit_events.chain_id', 'in', chains)
      .where('agencies.path', 'like', `${path}%`)
      // Only successful acts make a record visible: a refused attempt by someone must not open it to them.
      .where('audit_events.outcome', '=', 'success')
      .execute();
    if (visible.length === 0) {
      await recordRefusal(req.server.ctx, actorOf(req), { action: 'audit.read', targetType: 'audit', targetId: target, details: { reason: 'out_of_scope' } });
      throw notFound('执法记录');
    }
    return visible.map((v) => v.chain_id);
  }

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
      const reports: ChainReport[] = [];
      for (const c of chains) {
        const r = await verifyChain(db, app.ctx.auditKey, c);
        if (r) reports.push(r);
      }
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
