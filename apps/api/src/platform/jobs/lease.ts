import type { Executor } from '../../db/database.ts';

/**
 * A job lease: one row per job name. A process takes it when it is free or expired, with one atomic
 * upsert, and then checks it is the holder. Two API processes therefore never run the same job at once;
 * the per-item unique keys of each job (e.g. clock_alerts) make a late duplicate harmless as well.
 */
export async function acquireLease(db: Executor, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('job_leases')
    .values({ name, holder, lease_until: until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, lease_until: until })
        .where((eb) => eb.or([eb('job_leases.lease_until', '<', nowIso), eb('job_leases.holder', '=', holder)])),
    )
    .execute();
  const row = await db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row?.holder === holder && row.lease_until === until;
}

export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute();
}
