import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { canonicalFields, GatewayPaymentChannel, hmacSign, type PaymentOrderRequest, paymentChannelOf, TestPaymentChannel } from './payment-channel.ts';

/** ENF-06 the payment channel port: the signature protocol, the gateway adapter against a fake gateway, and its configuration. */

const FIELDS = { transactionNo: 'T1', orderNo: 'FK1', amount: '100.00', paidAt: '2026-12-01T02:00:00.000Z' };
const SECRET = 'secret-of-sixteen-chars';

test('ENF-06 the signature covers the fields sorted by name (signature and empty fields left out); HMAC-SM3 and HMAC-SHA256 match OpenSSL', () => {
  assert.equal(canonicalFields({ ...FIELDS, signature: 'x', note: '' }), 'amount=100.00&orderNo=FK1&paidAt=2026-12-01T02:00:00.000Z&transactionNo=T1');
  // printf '<canonical>' | openssl dgst -sha256 -hmac 'secret-of-sixteen-chars'  (and -sm3)
  assert.equal(hmacSign(FIELDS, SECRET, 'sha256'), 'c4f27c4bc26a7e6a71f5b5e1a6933750650a59fd4ac1ec0612d8203c9769edeb');
  assert.equal(hmacSign(FIELDS, SECRET, 'sm3'), '6c1dc7f46cab321289c434a13195796bc15d656fb88ea8769b2f240e83cba7aa');
});

test('ENF-06 the test double verifies its own signatures only, and gives one channel reference per order number', async () => {
  const double = new TestPaymentChannel(Buffer.alloc(32, 7));
  const sig = double.sign(FIELDS);
  assert.equal(double.verify(FIELDS, sig), true);
  assert.equal(double.verify({ ...FIELDS, amount: '10.00' }, sig), false);
  assert.equal(double.verify(FIELDS, sig.toUpperCase()), true, 'hex is case-insensitive');
  assert.equal(double.verify(FIELDS, ''), false);
  assert.equal(double.verify(FIELDS, 'zz'), false);
  assert.equal(new TestPaymentChannel(Buffer.alloc(32, 8)).verify(FIELDS, sig), false, 'another secret');
  const order: PaymentOrderRequest = {
    orderNo: 'FK20261201ABCDEF012345',
    amount: '100.00',
    subject: '罚款',
    payer: '星光网吧',
    expiresOn: '2026-12-01',
    notifyUrl: 'http://localhost:3000/api/v1/payments/notifications',
    returnUrl: 'http://localhost:3000/portal/penalties/x',
  };
  const a = await double.createOrder(order);
  assert.deepEqual(await double.createOrder(order), a);
  assert.notEqual((await double.createOrder({ ...order, orderNo: 'FK20261201ABCDEF012346' })).channelRef, a.channelRef);
  assert.equal(a.payUrl, `/api/v1/payments/test-channel/pay/${a.channelRef}`);
});

test('ENF-06 the gateway adapter posts the signed, form-encoded order and accepts only an answer signed with the secret', async () => {
  const cfg = { url: 'https://pay.example.gov.cn/api', merchantId: 'M0001', secret: SECRET, algorithm: 'sm3' as const };
  const order: PaymentOrderRequest = {
    orderNo: 'FK20261201ABCDEF012345',
    amount: '21200.00',
    subject: '罚款 辽阳消行罚决字〔2026〕第0001号',
    payer: '星光网吧',
    expiresOn: '2026-12-01',
    notifyUrl: 'https://fire.example.gov.cn/api/v1/payments/notifications',
    returnUrl: 'https://fire.example.gov.cn/portal/penalties/x',
  };
  let sent: { url: string; body: URLSearchParams } | null = null;
  const answer = (body: Record<string, string>, sign = true) => {
    const fetchFn = (async (url: string, init: RequestInit) => {
      sent = { url, body: new URLSearchParams(String(init.body)) };
      return new Response(JSON.stringify(sign ? { ...body, signature: hmacSign(body, SECRET, 'sm3') } : body), {
        headers: { 'content-type': 'application/json' },
      });
    }) as unknown as typeof fetch;
    return new GatewayPaymentChannel(cfg, fetchFn, () => new Date('2026-12-01T02:00:00Z'));
  };
  const good = { code: 'OK', orderNo: order.orderNo, channelRef: 'G123456', payUrl: 'https://pay.example.gov.cn/cashier/G123456' };
  assert.deepEqual(await answer(good).createOrder(order), { channelRef: 'G123456', payUrl: 'https://pay.example.gov.cn/cashier/G123456' });
  const req = sent! as { url: string; body: URLSearchParams };
  assert.equal(req.url, 'https://pay.example.gov.cn/api/orders');
  const fields = Object.fromEntries(req.body);
  assert.equal(fields.merchantId, 'M0001');
  assert.equal(fields.amount, '21200.00');
  assert.equal(fields.expiresOn, '2026-12-01');
  assert.equal(fields.signature, hmacSign(fields, SECRET, 'sm3'), 'the order is signed over its other fields');

  const refused = async (ch: GatewayPaymentChannel) =>
    assert.rejects(
      () => ch.createOrder(order),
      (e: unknown) => e instanceof AppError && e.code === 'PAYMENT.CHANNEL_UNAVAILABLE',
    );
  await refused(answer(good, false));
  await refused(answer({ ...good, code: 'FAIL', message: '商户未开通' }));
  await refused(answer({ ...good, orderNo: 'FK-someone-else' }));
  await refused(
    new GatewayPaymentChannel(cfg, (async () => {
      throw new Error('ECONNREFUSED');
    }) as unknown as typeof fetch),
  );
});

test('ENF-06 the channel is configured by environment: the double in demo mode, none otherwise, never the double in production; the gateway needs its settings', () => {
  assert.equal(loadConfig({ FEP_DEMO: 'true' }).payment.channel, 'test');
  assert.equal(loadConfig({ FEP_DEMO: 'false' }).payment.channel, 'none');
  assert.equal(paymentChannelOf(loadConfig({ FEP_DEMO: 'false' }), Buffer.alloc(32)), null);
  assert.ok(paymentChannelOf(loadConfig({ FEP_DEMO: 'true' }), Buffer.alloc(32)) instanceof TestPaymentChannel);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', FEP_DEMO: 'false', FEP_PAYMENT_CHANNEL: 'test' }), ConfigError);
  assert.throws(() => loadConfig({ FEP_PAYMENT_CHANNEL: 'gateway' }), /FEP_PAYMENT_GATEWAY_URL/);
  assert.throws(() => loadConfig({ FEP_PAYMENT_CHANNEL: 'alipay' }), ConfigError);
  const env = {
    FEP_PAYMENT_CHANNEL: 'gateway',
    FEP_PAYMENT_GATEWAY_URL: 'https://pay.example.gov.cn/api/',
    FEP_PAYMENT_MERCHANT_ID: 'M1',
    FEP_PAYMENT_SECRET: SECRET,
  };
  const cfg = loadConfig(env);
  assert.deepEqual(cfg.payment, { channel: 'gateway', gateway: { url: 'https://pay.example.gov.cn/api', merchantId: 'M1', secret: SECRET, algorithm: 'sm3' } });
  assert.ok(paymentChannelOf(cfg, Buffer.alloc(32)) instanceof GatewayPaymentChannel);
  assert.equal((loadConfig({ ...env, FEP_PAYMENT_SIGN_ALGORITHM: 'sha256' }).payment as { gateway: { algorithm: string } }).gateway.algorithm, 'sha256');
  assert.throws(() => loadConfig({ ...env, FEP_PAYMENT_SIGN_ALGORITHM: 'md5' }), ConfigError);
  assert.throws(() => loadConfig({ ...env, FEP_PAYMENT_SECRET: 'short' }), ConfigError);
  assert.throws(() => loadConfig({ ...env, NODE_ENV: 'production', FEP_DEMO: 'false', FEP_PAYMENT_GATEWAY_URL: 'http://pay.example.gov.cn' }), /https/);
});
