import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Expert guidance (SVC-05): a unit's request for on-site or online guidance, the expert group staff assign, each
 * visit and each advice item followed up to done. Every transition a compare-and-set on status and version.
 */
export const migration = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('guidance_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('usci', text)
      .addColumn('requester_user_id', text)
      .addColumn('requester_name', text, (c) => c.notNull())
      .addColumn('subject', text, (c) => c.notNull())
      .addColumn('mode', text, (c) => c.notNull())
      .addColumn('topic', text, (c) => c.notNull())
      .addColumn('contact', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('experts', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('guidance_requests_scope').on('guidance_requests').columns(['agency_path', 'status']).execute();
    await db.schema.createIndex('guidance_requests_usci').on('guidance_requests').columns(['usci', 'created_at']).execute();
    await db.schema
      .createTable('guidance_advice')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('request_id', text, (c) => c.notNull().references('guidance_requests.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('visited_on', text, (c) => c.notNull())
      .addColumn('content', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('done_note', text)
      .addColumn('done_at', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('guidance_advice_request').on('guidance_advice').columns(['request_id', 'created_at']).execute();
  },
});
