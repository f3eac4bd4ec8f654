import { AppError } from '../platform/errors.ts';
import { defineRead } from '../platform/workers/read.ts';

/** Named reads for the read pool's own tests (platform/workers/pool.test.ts). */
export const countAgencies = defineRead('test.countAgencies', async (env, { prefix }: { prefix: string }) => {
  const rows = await env.db.selectFrom('agencies').select(['region_code']).where('region_code', 'like', `${prefix}%`).orderBy('region_code').execute();
  return { n: rows.length, codes: rows.map((r) => r.region_code), thread: env.dialect };
});
export const refuse = defineRead('test.refuse', async (_env, { id }: { id: string }) => {
  throw new AppError('RESOURCE.NOT_FOUND', '记录不存在或无权查看', { id });
});
export const fail = defineRead('test.fail', async () => {
  throw new TypeError('boom');
});
export const crash = defineRead('test.crash', async () => {
  process.exit(3);
});
export const sleep = defineRead('test.sleep', async (_env, { ms }: { ms: number }) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // Holds the worker's thread, as a heavy read does.
  }
  return ms;
});
export const writeAttempt = defineRead('test.write', async (env) => {
  await env.db.deleteFrom('agencies').execute();
  return 'deleted';
});

export const READS = [countAgencies, refuse, fail, crash, sleep, writeAttempt];
