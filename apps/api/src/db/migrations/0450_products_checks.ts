import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Fire products under supervision (MKT-02): spot-check plans with their frozen draw input, the sampled products
 * with their results, and the referrals to market regulation (JSON documents read through products.columns.ts).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('product_check_plans')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('field', text, (c) => c.notNull())
      .addColumn('categories_json', json, (c) => c.notNull())
      .addColumn('sample_count', 'integer', (c) => c.notNull())
      .addColumn('candidates_json', json, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('public_value_source', text, (c) => c.notNull())
      .addColumn('inputs_text', text, (c) => c.notNull())
      .addColumn('inputs_hash', text, (c) => c.notNull())
      .addColumn('public_value', text)
      .addColumn('seed', text)
      .addColumn('created_by', text)
      .addColumn('published_at', text, (c) => c.notNull())
      .addColumn('drawn_at', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('product_check_plans_scope').on('product_check_plans').columns(['agency_path', 'published_at']).execute();
    await db.schema
      .createTable('product_check_samples')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('plan_id', text, (c) => c.notNull().references('product_check_plans.id'))
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('holder_name', text, (c) => c.notNull())
      .addColumn('crowded_place', 'integer', (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('category_code', text)
      .addColumn('product_name', text)
      .addColumn('model', text)
      .addColumn('manufacturer', text)
      .addColumn('certificate_no', text)
      .addColumn('findings_json', json, (c) => c.notNull())
      .addColumn('findings_note', text)
      .addColumn('result_by', text)
      .addColumn('result_at', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('product_check_samples_plan_usci', ['plan_id', 'usci'])
      .execute();
    await db.schema
      .createTable('product_market_referrals')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('sample_id', text, (c) => c.notNull().unique().references('product_check_samples.id'))
      .addColumn('plan_id', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('subject_name', text, (c) => c.notNull())
      .addColumn('product_name', text, (c) => c.notNull())
      .addColumn('manufacturer', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('sent_at', text)
      .addColumn('reply_note', text)
      .addColumn('replied_at', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('product_market_referrals_scope').on('product_market_referrals').columns(['agency_path', 'status']).execute();
  },
});
