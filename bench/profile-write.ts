/**
 * Profiling aid for the write path (not a benchmark): `node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx
 * bench/profile-write.ts` serves the product on SQLite (or DATABASE_URL), loads it with submissions for
 * FEP_BENCH_SECONDS from an autocannon process, prints the rate and the statements per submission, and exits.
 */
import { product } from './write.ts';

const r = await product(process.env.DATABASE_URL || undefined);
console.log(`submissions ${r.rps.toFixed(0)}/s, p99 ${r.p99} ms, ${r.statements} statements, ${r.commits} commits, ${r.errors + r.non2xx} failed`);
process.exit(0);
