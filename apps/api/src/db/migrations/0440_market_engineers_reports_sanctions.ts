import type { Kysely, Migration } from 'kysely';

/**
 * Registered fire engineers of technical service organisations, the reports they sign, violations of 消防法
 * art. 69 and bans (责令停止执业 / 吊销 / 市场禁入) of organisations and engineers (MKT-01). A certificate number
 * is on the register once; a report number once per organisation; a ban once per subject, measure and first day.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('service_engineers')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('organisation_id', text, (c) => c.notNull().references('service_organisations.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('certificate_no', text, (c) => c.notNull().unique())
      .addColumn('class', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('subject_key', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_engineers_organisation').on('service_engineers').columns(['organisation_id', 'name']).execute();

    await db.schema
      .createTable('service_reports')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('organisation_id', text, (c) => c.notNull().references('service_organisations.id'))
      .addColumn('report_number', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('unit_usci', text, (c) => c.notNull())
      .addColumn('unit_name', text, (c) => c.notNull())
      .addColumn('report_date', text, (c) => c.notNull())
      .addColumn('engineer_id', text, (c) => c.notNull().references('service_engineers.id'))
      .addColumn('conclusion', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('service_reports_number', ['organisation_id', 'report_number'])
      .execute();
    await db.schema.createIndex('service_reports_unit').on('service_reports').columns(['unit_usci', 'report_date']).execute();

    await db.schema
      .createTable('service_violations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('organisation_id', text, (c) => c.notNull().references('service_organisations.id'))
      .addColumn('engineer_id', text, (c) => c.references('service_engineers.id'))
      .addColumn('report_id', text, (c) => c.references('service_reports.id'))
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('severity', text, (c) => c.notNull())
      .addColumn('facts', text, (c) => c.notNull())
      .addColumn('legal_basis', text, (c) => c.notNull())
      .addColumn('found_on', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('recorded_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_violations_organisation').on('service_violations').columns(['organisation_id', 'found_on']).execute();

    await db.schema
      .createTable('service_bans')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('subject_type', text, (c) => c.notNull())
      .addColumn('subject_id', text, (c) => c.notNull())
      .addColumn('organisation_id', text, (c) => c.notNull().references('service_organisations.id'))
      .addColumn('measure', text, (c) => c.notNull())
      .addColumn('starts_on', text, (c) => c.notNull())
      .addColumn('ends_on', text)
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('legal_basis', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('recorded_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('service_bans_once', ['subject_type', 'subject_id', 'measure', 'starts_on'])
      .execute();
    await db.schema.createIndex('service_bans_organisation').on('service_bans').columns(['organisation_id', 'starts_on']).execute();
  },
};
