import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DemoClockRequest, DemoClockView, ErrorBody } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { mutate } from '../platform/audit/mutate.ts';
import { AppError } from '../platform/errors.ts';

/**
 * Demo mode only: an administrator moves the product's clock forward (FEP_NOW contract), so that a
 * training session can show a deadline falling due. Refused in production and outside demo mode.
 */
export async function demoRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/demo/clock',
    {
      config: { permission: 'system:clock:manage' },
      schema: {
        tags: ['系统'],
        summary: '演示模式：将系统时钟拨到指定时刻（只能向后）',
        body: DemoClockRequest,
        response: { 200: DemoClockView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const ctx = app.ctx;
      if (ctx.config.production || !ctx.config.demo) throw new AppError('DEMO.NOT_AVAILABLE', '只有演示模式可以调整系统时钟');
      const to = new Date(req.body.now);
      const from = ctx.now();
      if (!ctx.clock.moveTo(to)) throw new AppError('DEMO.CLOCK_BACKWARDS', '系统时钟只能向后调整（执法记录须按时间先后）', { now: from.toISOString() });
      await mutate(req, (_trx, audit) =>
        audit({ action: 'demo.clock.move', targetType: 'system', targetId: 'clock', details: { from: from.toISOString(), to: to.toISOString() } }),
      );
      return { now: ctx.now().toISOString() };
    },
  );
}
