import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeIdentityAssertion, sameHex, signRequest } from '../platform/partners/secrets.ts';
import { type TestApp, TINY_PNG } from './harness.ts';
import type { Json } from './http.ts';

/**
 * A local stand-in for a government system connected through the partner gateway (MON-03): an in-process HTTP
 * server receiving the platform's pushes — each checked for its signature with the partner's secret, a nonce seen
 * before refused, as the real system must — and a client that signs its calls to the platform like the real one.
 * `down` makes the receiving end answer 503, `stop()` closes it (connection refused), `start()` brings it back on
 * the same port.
 */
export class PartnerSimulator {
  readonly received: { topic: string; deliveryId: string; body: Record<string, unknown> }[] = [];
  readonly refused: string[] = [];
  down = false;
  keyId = '';
  secret = '';
  private readonly nonces = new Set<string>();
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly t: TestApp) {}

  get callbackUrl(): string {
    return `http://127.0.0.1:${this.port}/fep/callback`;
  }

  async start(): Promise<void> {
    const server = createServer(
      (req, res) => void this.handle(req).then(([status, text]) => res.writeHead(status, { 'content-type': 'application/json' }).end(text)),
    );
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Registers this system as a partner through the administrator's API; keeps its key and secret. */
  async register(adminToken: string, kind: string, name: string, extra: Record<string, unknown> = {}) {
    const r = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/gateway/partners',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ kind, name, callbackUrl: this.callbackUrl, ...extra }),
    });
    if (r.statusCode !== 201) throw new Error(`register ${kind}: ${r.statusCode} ${r.body}`);
    const body = r.json() as { id: string; keyId: string; secret: string; version: number };
    this.keyId = body.keyId;
    this.secret = body.secret;
    return body;
  }

  private async handle(req: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.down) return [503, '{"message":"维护中"}'];
    const h = (n: string) => String(req.headers[n] ?? '');
    const expected = signRequest(this.secret, req.method ?? 'POST', req.url ?? '', h('x-timestamp'), h('x-nonce'), body);
    if (!sameHex(h('x-signature'), expected) || this.nonces.has(h('x-nonce'))) {
      this.refused.push(body);
      return [401, '{"message":"签名错误"}'];
    }
    this.nonces.add(h('x-nonce'));
    const parsed = JSON.parse(body) as { topic: string; deliveryId: string };
    this.received.push({ topic: parsed.topic, deliveryId: parsed.deliveryId, body: parsed as unknown as Record<string, unknown> });
    return [200, '{"ok":true}'];
  }

  /** A signed request as the real system sends it (to be sent once, or replayed byte for byte). */
  signed(method: 'GET' | 'POST', url: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const timestamp = this.t.clock.now.toISOString();
    const nonce = randomBytes(16).toString('hex');
    const headers: Record<string, string> = {
      'x-partner-key': this.keyId,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': signRequest(this.secret, method, url, timestamp, nonce, payload),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...extraHeaders,
    };
    return { method, url, headers, payload };
  }

  async send(req: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload: string }) {
    const r = await this.t.app.inject({ method: req.method, url: req.url, headers: req.headers, ...(req.payload ? { payload: req.payload } : {}) });
    let body: Json = {};
    try {
      body = r.json();
    } catch {}
    return { status: r.statusCode, body, raw: r.rawPayload, headers: r.headers };
  }

  call(method: 'GET' | 'POST', url: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    return this.send(this.signed(method, url, body, extraHeaders));
  }

  /** The portal's assertion of its signed-in user (the business of `usci`). */
  assertion(sub: string, usci: string, name = '李敏'): Record<string, string> {
    const iat = this.t.clock.now;
    const exp = new Date(iat.getTime() + 5 * 60_000);
    return { 'x-identity-assertion': makeIdentityAssertion(this.secret, { sub, usci, name, iat: iat.toISOString(), exp: exp.toISOString() }) };
  }

  /** Uploads the four materials of the commitment path as the portal's user. */
  async uploadMaterials(user: Record<string, string>): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
      const data = Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]).toString('base64');
      const r = await this.call('POST', '/api/v1/partners/portal/files', { filename: `${code}.png`, contentBase64: data }, user);
      if (r.status !== 201) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
      out[code] = [r.body.id as string];
    }
    return out;
  }
}
