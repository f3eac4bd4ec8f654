import type { Kysely, Migration } from 'kysely';

/**
 * Service by post (邮寄送达, 行政处罚法 art. 61; 民事诉讼法 art. 91 applied): the postal tracking number proves the
 * service, so it is recorded with a case's decision and a seal's decision served by post.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('enforcement_cases').addColumn('service_tracking_number', 'text').execute();
    await db.schema.alterTable('enforcement_seals').addColumn('service_tracking_number', 'text').execute();
  },
};
