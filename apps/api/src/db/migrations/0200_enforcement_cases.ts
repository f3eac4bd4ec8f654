import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Penalty case files (ENF-01 … ENF-07), their evidence, and oversight alerts (OVS-01). The circumstances,
 * the engine's proposal and the officers are JSON documents (jsonb on PostgreSQL, read through their codecs).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    const money = dialect === 'postgres' ? ('double precision' as const) : ('real' as const);
    await db.schema
      .createTable('enforcement_cases')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('number', text)
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('referral_id', text, (c) => c.references('enforcement_referrals.id').unique())
      .addColumn('procedure', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('party_kind', text, (c) => c.notNull())
      .addColumn('party_name', text, (c) => c.notNull())
      .addColumn('party_usci', text)
      .addColumn('party_id_number', text)
      .addColumn('violation_code', text, (c) => c.notNull())
      .addColumn('facts', text, (c) => c.notNull())
      .addColumn('occurred_on', text)
      .addColumn('circumstances_json', json, (c) => c.notNull())
      .addColumn('proposal_json', json, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('officer_ids_json', json, (c) => c.notNull())
      .addColumn('clock_id', text)
      .addColumn('filed_at', text)
      .addColumn('filed_by', text)
      .addColumn('notice_served_on', text)
      .addColumn('notice_outcome', text)
      .addColumn('notice_fine', money)
      .addColumn('hearing_eligible', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('statement', text)
      .addColumn('hearing_requested_at', text)
      .addColumn('hearing_host_id', text)
      .addColumn('hearing_held_on', text)
      .addColumn('hearing_transcript', text)
      .addColumn('reviewer_id', text)
      .addColumn('review_passed_at', text)
      .addColumn('review_opinion', text)
      .addColumn('discussion_held_on', text)
      .addColumn('discussion_participants', text)
      .addColumn('discussion_conclusion', text)
      .addColumn('transferred_to', text)
      .addColumn('transfer_reason', text)
      .addColumn('outcome', text)
      .addColumn('fine', money)
      .addColumn('deviation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deviation_reason', text)
      .addColumn('decision_number', text)
      .addColumn('decided_on', text)
      .addColumn('decided_by', text)
      .addColumn('service_method', text)
      .addColumn('served_on', text)
      .addColumn('due_date', text)
      .addColumn('paid_on', text)
      .addColumn('paid_amount', money)
      .addColumn('receipt_number', text)
      .addColumn('payment_channel', text)
      .addColumn('published_at', text)
      .addColumn('publicity_until', text)
      .addColumn('withdrawn_at', text)
      .addColumn('revoked_at', text)
      .addColumn('revocation_reason', text)
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('enforcement_cases_number', ['agency_id', 'number'])
      .addUniqueConstraint('enforcement_cases_decision_number', ['agency_id', 'decision_number'])
      .execute();
    await db.schema.createIndex('enforcement_cases_path').on('enforcement_cases').columns(['agency_path', 'created_at']).execute();
    await db.schema.createIndex('enforcement_cases_party').on('enforcement_cases').columns(['party_usci', 'violation_code']).execute();
    // The public 行政处罚公示 page: published and not withdrawn, newest decision first.
    await db.schema.createIndex('enforcement_cases_published').on('enforcement_cases').columns(['withdrawn_at', 'published_at']).execute();
    await db.schema
      .createTable('enforcement_evidence')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('file_id', text, (c) => c.notNull())
      .addColumn('sha256', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('description', text, (c) => c.notNull())
      .addColumn('recorded_by', text)
      .addColumn('recorded_at', text, (c) => c.notNull())
      .addUniqueConstraint('enforcement_evidence_file', ['case_id', 'file_id'])
      .execute();
    await db.schema
      .createTable('oversight_alerts')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('target_type', text, (c) => c.notNull())
      .addColumn('target_id', text, (c) => c.notNull())
      .addColumn('message', text, (c) => c.notNull())
      .addColumn('raised_at', text, (c) => c.notNull())
      .addUniqueConstraint('oversight_alerts_target', ['kind', 'target_type', 'target_id'])
      .execute();
    await db.schema.createIndex('oversight_alerts_path').on('oversight_alerts').columns(['agency_path', 'raised_at']).execute();
  },
});
