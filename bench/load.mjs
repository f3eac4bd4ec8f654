// Load generator in a process of its own (so that it does not share the server's thread): autocannon with
// a fresh Idempotency-Key on every request when asked. Usage: node bench/load.mjs '<json options>'
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
const r = await autocannon({
  url: o.url,
  connections: o.connections ?? 10,
  duration: o.seconds ?? 10,
  method: o.method ?? 'GET',
  headers: o.headers ?? {},
  ...(o.body ? { body: JSON.stringify(o.body) } : {}),
  ...(o.uniqueKey
    ? {
        requests: [
          {
            setupRequest(req) {
              return { ...req, headers: { ...req.headers, 'idempotency-key': `bench-${randomUUID()}` } };
            },
          },
        ],
      }
    : {}),
});
process.stdout.write(
  JSON.stringify({ rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors, non2xx: r.non2xx, total: r.requests.total }),
);
