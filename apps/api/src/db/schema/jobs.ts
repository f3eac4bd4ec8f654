import type { Insertable, Selectable, Updateable } from 'kysely';

// Leases of scheduled jobs. Conventions: see ../schema.ts.

export interface JobLeaseTable {
  name: string;
  holder: string;
  lease_until: string;
}
export type JobLease = Selectable<JobLeaseTable>;
export type NewJobLease = Insertable<JobLeaseTable>;
export type JobLeaseUpdate = Updateable<JobLeaseTable>;

export interface JobsTables {
  job_leases: JobLeaseTable;
}
