import { planResultsRead, replayPlanRead } from './features/supervision/reads.ts';
import { exportPageRead } from './features/units/reads.ts';
import { verifyChainsRead } from './platform/audit/audit.reads.ts';
import type { NamedRead } from './platform/workers/read.ts';

/**
 * The named reads a worker of the read pool may run (platform/workers). A worker imports this module by
 * its URL, so it imports only the reads and what they need — never the HTTP app.
 */
export const READS: NamedRead<never, unknown>[] = [replayPlanRead, planResultsRead, verifyChainsRead, exportPageRead];

export const READS_MODULE = new URL(import.meta.url);
