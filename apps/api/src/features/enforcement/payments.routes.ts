import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, HtmlPage, PaymentNotificationAnswer, PaymentNotificationBody, PaymentOrderView, RecordIdParams, TestChannelParams } from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { TestPaymentChannel } from './payment-channel.ts';
import { paymentChannel, receivePaymentNotification, startPaymentOrder, testChannelOrder } from './use-cases/payment.ts';

const ERRORS = { '4xx': ErrorBody };
const HTML = { description: 'HTML 页面', content: { 'text/html': { schema: HtmlPage } } };

/**
 * Online payment of fines (ENF-06): the party's payment order in the portal, the channel's signed payment
 * notification (public: the channel is not a user; its signature is its credential), and — only where the
 * local test double is the channel (tests, demo) — the double's own pay page.
 */
export async function paymentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/portal/penalties/:id/payment-order',
    {
      config: { permission: 'portal:penalty:pay' },
      schema: {
        tags: ['企业门户'],
        summary: '在线缴纳罚款：生成当日缴款订单（罚款及截至当日的加处罚款）',
        params: RecordIdParams,
        response: { 200: PaymentOrderView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 200, (deps) => startPaymentOrder(deps, actorOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/payments/notifications',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['罚款缴纳'],
        summary: '缴款通道的缴款通知（签名验证；同一流水号重复通知只登记一次）',
        body: PaymentNotificationBody,
        response: { 200: PaymentNotificationAnswer, ...ERRORS },
      },
    },
    async (req) => receivePaymentNotification(req.server.ctx, req.body),
  );

  const channel = paymentChannel(app.ctx);
  if (channel instanceof TestPaymentChannel) await app.register(testChannelRoutes(channel));
}

/** Yuan with thousands separators and two decimals, as a cashier page shows money. */
const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): Buffer {
  return Buffer.from(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f5f5;color:#222}
main{max-width:460px;margin:24px auto;background:#fff;border-radius:8px;padding:20px 20px 24px;box-shadow:0 1px 4px #0002}
h1{font-size:20px;margin:0 0 4px}p.note{color:#555;font-size:14px;margin:0 0 16px}
dl{display:grid;grid-template-columns:7em 1fr;gap:8px 12px;margin:0 0 20px}dt{color:#555}dd{margin:0;word-break:break-all}
.amount{font-size:24px;color:#c8102e;font-weight:600}
button,a.button{display:block;width:100%;box-sizing:border-box;padding:12px;border:0;border-radius:6px;background:#1677ff;color:#fff;font-size:16px;text-align:center;text-decoration:none;cursor:pointer}
.ok{color:#237804}.err{color:#a8071a}
</style></head><body><main>${body}</main></body></html>`);
}

const html = (reply: FastifyReply, status: number, buf: Buffer) => reply.code(status).type('text/html; charset=utf-8').send(buf);

/**
 * The local test double's pay page (served only when FEP_PAYMENT_CHANNEL is `test` — tests and demo mode;
 * refused in production): it shows the order and, on confirmation, posts the signed notification a real
 * channel would post to `POST /api/v1/payments/notifications`, through that very route.
 */
function testChannelRoutes(channel: TestPaymentChannel) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // The confirmation is a plain HTML form (no script on the page).
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const missing = () => page('缴款订单不存在', '<h1 class="err">缴款订单不存在</h1><p class="note">请返回消防执法服务平台重新发起缴款。</p>');

    app.get(
      '/api/v1/payments/test-channel/pay/:ref',
      {
        config: { permission: 'public' },
        schema: { tags: ['罚款缴纳'], summary: '测试缴款通道的缴款页面（仅演示和测试）', params: TestChannelParams, response: { 200: HTML, 404: HTML } },
      },
      async (req, reply) => {
        const found = await testChannelOrder(req.server.ctx, req.params.ref);
        if (!found) return html(reply, 404, missing());
        const { order } = found;
        const today = chinaDateOf(req.server.ctx.now());
        const facts = `<dl>
<dt>缴款人</dt><dd>${esc(found.party)}</dd>
<dt>决定书文号</dt><dd>${esc(found.decisionNumber ?? '')}</dd>
<dt>执收机关</dt><dd>${esc(found.agency)}</dd>
<dt>罚款</dt><dd>${money(order.fine)} 元</dd>
<dt>加处罚款</dt><dd>${money(order.late_fee)} 元</dd>
<dt>应缴金额</dt><dd class="amount">${money(order.amount)} 元</dd>
<dt>订单号</dt><dd>${esc(order.order_no)}</dd>
<dt>有效日期</dt><dd>${esc(order.as_of)} 当日</dd>
</dl>`;
        let action: string;
        if (found.paid) action = '<p class="ok">该罚款已缴纳，无须重复缴款。</p>';
        else if (order.as_of < today) action = '<p class="err">该缴款订单已过期（加处罚款按日计算），请返回平台重新发起缴款。</p>';
        else
          action = `<form method="post" action="/api/v1/payments/test-channel/pay/${esc(order.channel_ref)}"><input type="hidden" name="confirm" value="1"><button type="submit">确认缴款</button></form>`;
        return html(
          reply,
          200,
          page(
            '缴纳罚款',
            `<h1>缴纳罚款</h1><p class="note">测试缴款通道：仅用于演示和测试，不发生真实扣款。款项按罚缴分离规定缴入国库，执法机关不收取罚款。</p>${facts}${action}`,
          ),
        );
      },
    );

    app.post(
      '/api/v1/payments/test-channel/pay/:ref',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['罚款缴纳'],
          summary: '测试缴款通道：确认缴款并发送签名的缴款通知（仅演示和测试）',
          params: TestChannelParams,
          response: { 200: HTML, '4xx': HTML },
        },
      },
      async (req, reply) => {
        const ctx = req.server.ctx;
        const found = await testChannelOrder(ctx, req.params.ref);
        if (!found) return html(reply, 404, missing());
        const back = `<a class="button" href="/portal/penalties/${esc(found.order.case_id)}">返回消防执法服务平台</a>`;
        if (found.paid) return html(reply, 200, page('该罚款已缴纳', `<h1 class="ok">该罚款已缴纳</h1><p class="note">无须重复缴款。</p>${back}`));
        if (found.order.as_of < chinaDateOf(ctx.now()))
          return html(reply, 409, page('订单已过期', `<h1 class="err">缴款订单已过期</h1><p class="note">请返回平台重新发起缴款。</p>${back}`));
        const fields = {
          orderNo: found.order.order_no,
          transactionNo: channel.transactionNo(),
          amount: found.order.amount.toFixed(2),
          paidAt: ctx.now().toISOString(),
        };
        const r = await req.server.inject({
          method: 'POST',
          url: '/api/v1/payments/notifications',
          payload: { ...fields, signature: channel.sign(fields) },
        });
        if (r.statusCode !== 200) {
          const message = (r.json() as { message?: string }).message ?? '缴款通知未被受理';
          return html(
            reply,
            r.statusCode === 401 ? 409 : r.statusCode,
            page('缴款未完成', `<h1 class="err">缴款未完成</h1><p class="note">${esc(message)}</p>${back}`),
          );
        }
        const duplicate = (r.json() as { result: string }).result === 'duplicate';
        return html(
          reply,
          200,
          page(
            '缴款成功',
            `<h1 class="ok">${duplicate ? '该罚款已缴纳' : '缴款成功'}</h1><p class="note">流水号 ${esc(fields.transactionNo)}，金额 ${esc(fields.amount)} 元。平台已登记缴款，案件随即办结。</p>${back}`,
          ),
        );
      },
    );
  };
}
