import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The payment channel of fines paid online (ENF-06). 罚缴分离 (行政处罚法 art. 67): the agency never holds the
 * money — the party pays the fiscal non-tax revenue collection (财政非税收入电子缴款) or a designated bank, and
 * the channel tells us it was paid. The port has two adapters: the local test double (tests and demo mode:
 * its pay page is served by this API and confirming there posts a signed notification), and the gateway
 * adapter for the agency's fiscal e-payment gateway configured by environment (docs/operations.md).
 *
 * One protocol for both: every message carries `signature`, the HMAC (SM3 by default, SHA-256 where the
 * gateway wants it) with the channel secret of its other fields sorted by name as `name=value` joined by
 * `&` (empty fields left out). An order is keyed by our order number, which is the same for the same case
 * on the same day, so asking twice gives one order at the channel too.
 */
export interface PaymentOrderRequest {
  /** Our order number: one per case and day (the amount owed changes from day to day with the late fee). */
  orderNo: string;
  /** Yuan with two decimals. */
  amount: string;
  /** What is paid for, as the payer's bank statement shows it. */
  subject: string;
  payer: string;
  /** The last day the order may be paid (Beijing date): the day its amount was computed for. */
  expiresOn: string;
  /** Where the channel posts its payment notification. */
  notifyUrl: string;
  /** Where the payer's browser goes back to after paying. */
  returnUrl: string;
}

export interface PaymentChannel {
  readonly name: 'test' | 'gateway';
  /** The channel's name as the party reads it. */
  readonly label: string;
  createOrder(order: PaymentOrderRequest): Promise<{ channelRef: string; payUrl: string }>;
  /** The signature of a message's fields with the channel secret. */
  sign(fields: Record<string, string>): string;
  /** Whether a message's signature is the channel's (constant-time comparison). */
  verify(fields: Record<string, string>, signature: string): boolean;
}

/** The string a signature covers: fields sorted by name, `name=value` joined by `&`, empty ones and `signature` left out. */
export function canonicalFields(fields: Record<string, string>): string {
  return Object.keys(fields)
    .filter((k) => k !== 'signature' && fields[k] !== '' && fields[k] !== undefined)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

export function hmacSign(fields: Record<string, string>, secret: string | Buffer, algorithm: 'sm3' | 'sha256'): string {
  return createHmac(algorithm, secret).update(canonicalFields(fields), 'utf8').digest('hex');
}

function hmacVerify(fields: Record<string, string>, signature: string, secret: string | Buffer, algorithm: 'sm3' | 'sha256'): boolean {
  const expected = Buffer.from(hmacSign(fields, secret, algorithm), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(expected.length);
  return timingSafeEqual(expected, given) && given.length === expected.length && /^[0-9a-f]{64}$/i.test(signature);
}

/**
 * The local test double: orders are made here (the channel reference derived from the order number, so the
 * same order twice is one order), paid on its own page served by the API, and notified with the same
 * signed message a gateway would post. Its secret is derived from the seal master key (nothing to configure).
 */
export class TestPaymentChannel implements PaymentChannel {
  readonly name = 'test';
  readonly label = '测试缴款通道（演示）';
  constructor(private readonly secret: Buffer) {}

  /** The pay page is this API's own: its address is a path on the same origin (whatever FEP_PUBLIC_URL says). */
  async createOrder(order: PaymentOrderRequest): Promise<{ channelRef: string; payUrl: string }> {
    const channelRef = `TP${createHmac('sm3', this.secret).update(`order|${order.orderNo}`).digest('hex').slice(0, 22).toUpperCase()}`;
    return { channelRef, payUrl: `/api/v1/payments/test-channel/pay/${channelRef}` };
  }

  sign(fields: Record<string, string>): string {
    return hmacSign(fields, this.secret, 'sm3');
  }

  verify(fields: Record<string, string>, signature: string): boolean {
    return hmacVerify(fields, signature, this.secret, 'sm3');
  }

  /** A transaction number as a bank would give it (unique per confirmation). */
  transactionNo(): string {
    return `TEST${randomBytes(8).toString('hex').toUpperCase()}`;
  }
}

export interface GatewayConfig {
  url: string;
  merchantId: string;
  secret: string;
  algorithm: 'sm3' | 'sha256';
}

/**
 * The agency's fiscal e-payment gateway (财政非税收入电子缴款 or a bank's 罚没款 collection service, directly or
 * through the province's adapter service speaking this protocol): `POST {url}/orders` with the order's
 * fields form-encoded and signed; the answer is JSON `{ code: 'OK', orderNo, channelRef, payUrl, signature }`
 * signed the same way. Its payment notifications come to `POST /api/v1/payments/notifications`.
 */
export class GatewayPaymentChannel implements PaymentChannel {
  readonly name = 'gateway';
  readonly label = '财政非税收入电子缴款';
  constructor(
    private readonly cfg: GatewayConfig,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  sign(fields: Record<string, string>): string {
    return hmacSign(fields, this.cfg.secret, this.cfg.algorithm);
  }

  verify(fields: Record<string, string>, signature: string): boolean {
    return hmacVerify(fields, signature, this.cfg.secret, this.cfg.algorithm);
  }

  fieldsOf(order: PaymentOrderRequest): Record<string, string> {
    return {
      merchantId: this.cfg.merchantId,
      orderNo: order.orderNo,
      amount: order.amount,
      subject: order.subject,
      payer: order.payer,
      expiresOn: order.expiresOn,
      notifyUrl: order.notifyUrl,
      returnUrl: order.returnUrl,
      timestamp: this.now().toISOString(),
      nonce: randomBytes(12).toString('hex'),
    };
  }

  async createOrder(order: PaymentOrderRequest): Promise<{ channelRef: string; payUrl: string }> {
    const fields = this.fieldsOf(order);
    const body = new URLSearchParams({ ...fields, signature: this.sign(fields) });
    let res: Response;
    try {
      res = await this.fetchFn(`${this.cfg.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw unavailable();
    }
    let answer: Record<string, unknown>;
    try {
      answer = (await res.json()) as Record<string, unknown>;
    } catch {
      throw unavailable();
    }
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(answer)) if (typeof v === 'string') strings[k] = v;
    // An answer not signed with our secret is not the gateway's (or not for this merchant): no order.
    if (!this.verify(strings, strings.signature ?? '')) throw unavailable();
    if (strings.code !== 'OK' || strings.orderNo !== order.orderNo || !strings.channelRef || !/^https?:\/\//.test(strings.payUrl ?? ''))
      throw unavailable(strings.message);
    return { channelRef: strings.channelRef, payUrl: strings.payUrl! };
  }
}

const unavailable = (why?: string) =>
  new AppError('PAYMENT.CHANNEL_UNAVAILABLE', `缴款通道暂时无法受理${why ? `（${why.slice(0, 60)}）` : ''}，请稍后再试或到代收银行缴纳`);

/** The channel the configuration names; null when online payment is not offered. */
export function paymentChannelOf(config: Config, sealMasterKey: Buffer): PaymentChannel | null {
  const p = config.payment;
  if (p.channel === 'gateway') return new GatewayPaymentChannel(p.gateway);
  if (p.channel === 'test') return new TestPaymentChannel(createHmac('sm3', sealMasterKey).update('payment-test-channel').digest());
  return null;
}
