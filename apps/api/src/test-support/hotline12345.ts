import { randomBytes, timingSafeEqual } from 'node:crypto';
import { partnerSign as sign } from '../features/complaints/index.ts';
import type { TestApp } from './harness.ts';

/**
 * A local stand-in for the 12345 platform (tests and demo): it holds the partner key and secret an
 * administrator issued, signs each request the way the platform must (partner.ts), and can replay a request
 * byte for byte, as an attacker who captured it would.
 */
export class Hotline12345Simulator {
  /** The platform's inbound address for progress and results (given when the key is issued). */
  static readonly CALLBACK = 'https://12345.example.gov.cn/api/callback/fire';
  /** Reports received with a good signature, in order of arrival. */
  readonly received: Record<string, unknown>[] = [];
  /** Reports refused for their signature (nothing should land here). */
  readonly refused: string[] = [];
  /** While down, every report is answered 503 and kept by no one. */
  down = false;
  private readonly nonces = new Set<string>();

  constructor(
    private readonly t: TestApp,
    private readonly key: string,
    private readonly secret: string,
  ) {}

  signed(method: 'GET' | 'POST', url: string, body?: unknown) {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const timestamp = this.t.clock.now.toISOString();
    const nonce = randomBytes(16).toString('hex');
    const headers: Record<string, string> = {
      'x-partner-key': this.key,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': sign(this.secret, method, url, timestamp, nonce, payload),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    return { method, url, headers, payload };
  }

  async send(req: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload: string }) {
    const r = await this.t.app.inject({ method: req.method, url: req.url, headers: req.headers, ...(req.payload ? { payload: req.payload } : {}) });
    let body: Record<string, unknown> = {};
    try {
      body = r.json();
    } catch {}
    return { status: r.statusCode, body };
  }

  /**
   * The platform's receiving end as a `fetch`: it checks each report's signature with the partner's secret over
   * the exact bytes (and refuses a nonce seen before), as the real platform must, and keeps what it accepted.
   */
  readonly receive: typeof fetch = async (input, init) => {
    if (this.down) return new Response('维护中', { status: 503 });
    const url = new URL(String(input));
    const body = String(init?.body ?? '');
    const h = new Headers(init?.headers);
    const [timestamp, nonce, given] = [h.get('x-timestamp') ?? '', h.get('x-nonce') ?? '', h.get('x-signature') ?? ''];
    const expected = Buffer.from(sign(this.secret, init?.method ?? 'GET', url.pathname + url.search, timestamp, nonce, body), 'hex');
    const got = Buffer.from(given, 'hex');
    if (got.length !== expected.length || !timingSafeEqual(got, expected) || this.nonces.has(nonce)) {
      this.refused.push(body);
      return new Response('签名错误', { status: 401 });
    }
    this.nonces.add(nonce);
    this.received.push(JSON.parse(body) as Record<string, unknown>);
    return new Response('{"ok":true}', { status: 200 });
  };

  pushOrder(order: Record<string, unknown>) {
    return this.send(this.signed('POST', '/api/v1/partners/12345/work-orders', order));
  }
  progress(no: string) {
    return this.send(this.signed('GET', `/api/v1/partners/12345/work-orders/${encodeURIComponent(no)}`));
  }
  evaluate(no: string, satisfied: boolean, comment?: string) {
    return this.send(this.signed('POST', `/api/v1/partners/12345/work-orders/${encodeURIComponent(no)}/evaluation`, { satisfied, comment: comment ?? null }));
  }
}
