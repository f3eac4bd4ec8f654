import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Public services (SVC-02, SVC-03, SVC-06): 好差评 evaluations with window visit tokens and the follow-up of every
 * bad review (its steps as rows, its deadline a platform clock); station open-day slots and their bookings (the
 * booked count guarded against the capacity); open-government disclosure requests on a 20-working-day clock.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('evaluation_visits')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('token', text, (c) => c.notNull().unique())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('service_title', text, (c) => c.notNull())
      .addColumn('clerk_user_id', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('evaluations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('matter_type', text, (c) => c.notNull())
      .addColumn('matter_id', text, (c) => c.notNull())
      .addColumn('matter_title', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('tags_json', json, (c) => c.notNull())
      .addColumn('comment', text)
      .addColumn('real_name', 'integer', (c) => c.notNull())
      .addColumn('evaluator_user_id', text)
      .addColumn('evaluator_name', text)
      .addColumn('evaluator_phone', text)
      .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('evaluations_one_per_matter', ['matter_type', 'matter_id'])
      .execute();
    await db.schema.createIndex('evaluations_scope').on('evaluations').columns(['agency_path', 'created_at']).execute();
    await db.schema
      .createTable('evaluation_follow_ups')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('evaluation_id', text, (c) => c.notNull().unique().references('evaluations.id'))
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('status_before_appeal', text)
      .addColumn('return_visit_required', 'integer', (c) => c.notNull())
      .addColumn('return_visited_at', text)
      .addColumn('clock_id', text)
      .addColumn('policy_version', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('evaluation_follow_ups_scope').on('evaluation_follow_ups').columns(['agency_path', 'status']).execute();
    await db.schema
      .createTable('evaluation_follow_up_steps')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('follow_up_id', text, (c) => c.notNull().references('evaluation_follow_ups.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('step', text, (c) => c.notNull())
      .addColumn('note', text, (c) => c.notNull())
      .addColumn('actor_user_id', text)
      .addColumn('at', text, (c) => c.notNull())
      .addUniqueConstraint('evaluation_follow_up_steps_seq', ['follow_up_id', 'seq'])
      .execute();
    await db.schema
      .createTable('appointment_slots')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('place', text, (c) => c.notNull())
      .addColumn('starts_at', text, (c) => c.notNull())
      .addColumn('ends_at', text, (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('booked_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appointment_slots_region').on('appointment_slots').columns(['region_code', 'starts_at']).execute();
    await db.schema
      .createTable('appointment_bookings')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('code', text, (c) => c.notNull().unique())
      .addColumn('slot_id', text, (c) => c.notNull().references('appointment_slots.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('visitor_name', text, (c) => c.notNull())
      .addColumn('phone', text, (c) => c.notNull())
      .addColumn('people', 'integer', (c) => c.notNull())
      .addColumn('user_id', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('reminded_at', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appointment_bookings_slot').on('appointment_bookings').columns(['slot_id', 'status']).execute();
    await db.schema
      .createTable('disclosure_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('code', text, (c) => c.notNull().unique())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('applicant_name', text, (c) => c.notNull())
      .addColumn('contact', text, (c) => c.notNull())
      .addColumn('content', text, (c) => c.notNull())
      .addColumn('purpose', text)
      .addColumn('user_id', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_reason', text)
      .addColumn('extended_by', text)
      .addColumn('outcome', text)
      .addColumn('reply', text)
      .addColumn('replied_by', text)
      .addColumn('replied_at', text)
      .addColumn('clock_id', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('disclosure_requests_scope').on('disclosure_requests').columns(['agency_path', 'status']).execute();
  },
});
