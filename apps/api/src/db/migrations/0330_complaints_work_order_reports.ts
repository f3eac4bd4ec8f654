import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * 12345 progress and results pushed back to the platform (CMP-01; 国办发〔2020〕53号: 回复、办结). A partner key
 * gains the address its platform receives reports at; `work_order_reports` holds each report to push —
 * queued in the transaction of the step it tells, signed per attempt with the partner's secret, retried with
 * backoff until the platform answers 2xx (the credit platform's delivery pattern).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema.alterTable('partner_keys').addColumn('callback_url', text).execute();
    await db.schema
      .createTable('work_order_reports')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('partner_id', text, (c) => c.notNull().references('partner_keys.id'))
      .addColumn('complaint_id', text, (c) => c.notNull().references('complaints.id'))
      .addColumn('work_order_no', text, (c) => c.notNull())
      // The order of the order's steps: reports of one order are delivered in it (steps may share an instant).
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('payload_json', json, (c) => c.notNull())
      .addColumn('signature', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', text)
      .addColumn('next_attempt_at', text, (c) => c.notNull())
      .addColumn('delivered_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('work_order_reports_due').on('work_order_reports').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('work_order_reports_seq').on('work_order_reports').columns(['complaint_id', 'seq']).unique().execute();
  },
});
