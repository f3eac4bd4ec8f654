import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalJson } from '../platform/audit/chain.ts';
import type { CheckpointLine } from '../platform/audit/checkpoints.ts';
import { sameHex, signRequest } from '../platform/partners/secrets.ts';

/**
 * A checkpoint endpoint as a partner would run it (docs/partners.md "Checkpoint endpoint"), in memory: it checks
 * every request's signature, timestamp (±5 minutes of `now`) and nonce (once), stores a new line (201), answers 200
 * to the same line again and 409 to another line with the same number or one that does not follow its last, and
 * answers GET with every line, oldest first. `down`: every request answered 503 (a maintenance window);
 * `refusePosts`: lines refused with 503 while reads are answered (a full disk on the endpoint's side).
 */
export interface TestCheckpointEndpoint {
  url: string;
  lines: CheckpointLine[];
  /** Refused requests, with the reason (signature, timestamp, nonce, format). */
  refused: { method: string; status: number; reason: string }[];
  down: boolean;
  refusePosts: boolean;
  close(): Promise<void>;
}

const WINDOW_MS = 5 * 60_000;

export async function startCheckpointEndpoint(secret: string, now: () => Date = () => new Date()): Promise<TestCheckpointEndpoint> {
  const seen = new Set<string>();
  const endpoint: TestCheckpointEndpoint = { url: '', lines: [], refused: [], down: false, refusePosts: false, close: async () => undefined };
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const method = req.method ?? '';
    const refuse = (status: number, reason: string) => {
      endpoint.refused.push({ method, status, reason });
      answer(res, status, { code: 'REFUSED', message: reason });
    };
    if (endpoint.down || (endpoint.refusePosts && method === 'POST')) return answer(res, 503, { code: 'DOWN' });
    const h = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const timestamp = h('x-timestamp');
    const nonce = h('x-nonce');
    const signature = h('x-signature');
    if (!timestamp || !nonce || !signature || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return refuse(401, 'headers');
    if (!/^[0-9a-f]{64}$/.test(signature) || !sameHex(signature, signRequest(secret, method, req.url ?? '', timestamp, nonce, body)))
      return refuse(401, 'signature');
    const at = Date.parse(timestamp);
    if (!Number.isFinite(at) || Math.abs(now().getTime() - at) > WINDOW_MS) return refuse(401, 'timestamp');
    if (seen.has(nonce)) return refuse(401, 'nonce');
    seen.add(nonce);
    if (method === 'GET') return answer(res, 200, endpoint.lines);
    if (method !== 'POST') return refuse(405, 'method');
    let line: CheckpointLine;
    try {
      line = JSON.parse(body.toString('utf8')) as CheckpointLine;
    } catch {
      return refuse(400, 'format');
    }
    if (!Number.isInteger(line?.seq)) return refuse(400, 'format');
    const stored = endpoint.lines.find((l) => l.seq === line.seq);
    if (stored) return canonicalJson(stored) === canonicalJson(line) ? answer(res, 200, { seq: line.seq }) : refuse(409, 'another line');
    if (line.seq !== (endpoint.lines.at(-1)?.seq ?? 0) + 1) return refuse(409, 'out of order');
    endpoint.lines.push(line);
    answer(res, 201, { seq: line.seq });
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sink/v1/checkpoints?platform=fep-test`;
  endpoint.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return endpoint;
}
