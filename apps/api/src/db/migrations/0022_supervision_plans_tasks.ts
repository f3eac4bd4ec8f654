import type { Kysely, Migration } from 'kysely';

/** Random inspection plans (双随机) and the supervision columns of inspection tasks drawn from them. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('random_plans')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('purpose', text, (c) => c.notNull())
      .addColumn('period_start', text, (c) => c.notNull())
      .addColumn('period_end', text, (c) => c.notNull())
      .addColumn('rates_json', text, (c) => c.notNull())
      .addColumn('items_json', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('inputs_hash', text)
      .addColumn('inputs_sha256', text)
      .addColumn('public_value_source', text)
      .addColumn('public_value', text)
      .addColumn('seed', text)
      .addColumn('summary_json', text)
      .addColumn('policy_version', text)
      .addColumn('created_by', text, (c) => c.notNull())
      .addColumn('published_at', text)
      .addColumn('drawn_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();

    await db.schema.alterTable('inspection_tasks').addColumn('plan_id', text).execute();
    await db.schema.alterTable('inspection_tasks').addColumn('unit_id', text).execute();
    await db.schema.alterTable('inspection_tasks').addColumn('trigger_reason', text).execute();
    await db.schema.alterTable('inspection_tasks').addColumn('mode', text).execute();
    await db.schema.alterTable('inspection_tasks').addColumn('signatures_json', text).execute();
    await db.schema.alterTable('inspection_tasks').addColumn('draft_json', text).execute();
    await db.schema.alterTable('inspection_tasks').addColumn('order_id', text).execute();
    await db.schema.createIndex('inspection_tasks_plan').on('inspection_tasks').column('plan_id').execute();
    await db.schema.createIndex('inspection_tasks_usci').on('inspection_tasks').columns(['usci', 'purpose']).execute();
  },
};
