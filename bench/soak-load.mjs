// Load generator of the mixed soak (bench/soak.ts), in a process of its own: autocannon at a fixed overall rate,
// each request drawn from a weighted mix of what the product's users do. Usage: node bench/soak-load.mjs '<json>'
// where the options give url, connections, seconds, rate and `kinds`: [{ kind, weight, method, paths: [...],
// headers, body?, uniqueKey? }]. Prints autocannon's totals and, per kind, the requests sent and the non-2xx answers.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
const kinds = o.kinds;
const total = kinds.reduce((s, k) => s + k.weight, 0);
// A fixed deck of kinds in proportion to their weights, shuffled with a fixed seed: every run offers the same mix.
const deck = [];
for (const k of kinds) for (let i = 0; i < Math.round((k.weight / total) * 1000); i++) deck.push(k);
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
for (let i = deck.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [deck[i], deck[j]] = [deck[j], deck[i]];
}
let next = 0;
const byKind = Object.fromEntries(kinds.map((k) => [k.kind, { sent: 0, failed: 0, statuses: {} }]));
const r = await autocannon({
  url: o.url,
  connections: o.connections ?? 20,
  duration: o.seconds ?? 60,
  overallRate: o.rate,
  requests: [
    {
      setupRequest(req, context) {
        const k = deck[next++ % deck.length];
        context.kind = k.kind;
        byKind[k.kind].sent++;
        const headers = { ...req.headers, ...k.headers };
        if (k.uniqueKey) headers['idempotency-key'] = `soak-${randomUUID()}`;
        return {
          ...req,
          method: k.method,
          path: k.paths[Math.floor(rnd() * k.paths.length)],
          headers,
          body: k.body ? JSON.stringify(k.body) : undefined,
        };
      },
      onResponse(status, _body, context) {
        if (status >= 300) {
          const s = byKind[context.kind];
          s.failed++;
          s.statuses[status] = (s.statuses[status] ?? 0) + 1;
        }
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
    byKind,
  }),
);
