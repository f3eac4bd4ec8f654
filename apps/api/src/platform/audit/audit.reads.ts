import { defineRead } from '../workers/read.ts';
import { type ChainReport, verifyChain } from './chain.ts';

/**
 * Verifying chains recomputes one HMAC-SM3 per event: a case with a long record (tens of thousands of
 * events) holds a thread for hundreds of milliseconds, so on SQLite it runs on the read pool.
 */
export const verifyChainsRead = defineRead('audit.verifyChains', async (env, { chains }: { chains: string[] }) => {
  const reports: ChainReport[] = [];
  for (const c of chains) {
    const r = await verifyChain(env.db, env.auditKey, c);
    if (r) reports.push(r);
  }
  return reports;
});
