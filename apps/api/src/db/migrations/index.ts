import { DEFAULT_MIGRATION_TABLE, type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { migration as orgRegionsAgencies } from './0001_org_regions_agencies.ts';
import { migration as iamUsersSessions } from './0002_iam_users_sessions.ts';
import { migration as auditEvents } from './0003_audit_events.ts';
import { migration as policyVersions } from './0004_policy_versions.ts';
import { migration as calendarDaysYears } from './0005_calendar_days_years.ts';
import { migration as clocksEventsAlerts } from './0006_clocks_events_alerts.ts';
import { migration as notificationsOutbox } from './0007_notifications_outbox.ts';
import { migration as jobsLeases } from './0008_jobs_leases.ts';
import { migration as idempotencyKeys } from './0009_idempotency_keys.ts';
import { migration as filesMetadata } from './0010_files_metadata.ts';
import { migration as unitsDirectory } from './0011_units_directory.ts';
import { migration as documentsSealKeysSequences } from './0012_documents_seal_keys_sequences.ts';
import { migration as supervisionInspectors } from './0013_supervision_inspectors.ts';
import { migration as licensingApplicationsNotices } from './0014_licensing_applications_notices.ts';
import { migration as licensingInspectionTasks } from './0015_licensing_inspection_tasks.ts';
import { migration as licensingLicencesRequestsNotices } from './0016_licensing_licences_requests_notices.ts';
import { migration as enforcementReferrals } from './0017_enforcement_referrals.ts';
import { migration as creditEvents } from './0018_credit_events.ts';
import { migration as supervisionRectificationOrders } from './0019_supervision_rectification_orders.ts';
import { migration as unitsCommitmentLookups } from './0020_units_commitment_lookups.ts';
import { migration as supervisionInspectorConflicts } from './0021_supervision_inspector_conflicts.ts';
import { migration as supervisionPlansTasks } from './0022_supervision_plans_tasks.ts';
import { migration as supervisionHazards } from './0023_supervision_hazards.ts';
import { migration as supervisionOrderExtensions } from './0024_supervision_order_extensions.ts';
import { migration as platformDomainEvents } from './0025_platform_domain_events.ts';
import { migration as inspectionsTaskInspectors } from './0030_inspections_task_inspectors.ts';
import { migration as inspectionsTaskVersion } from './0031_inspections_task_version.ts';
import { migration as platformReadPath } from './0040_platform_read_path.ts';
import { migration as inspectionsTaskRollups } from './0050_inspections_task_rollups.ts';
import { migration as supervisionFigureIndexes } from './0051_supervision_figure_indexes.ts';
import { migration as creditPolicyVersion } from './0060_credit_policy_version.ts';
import { migration as platformJsonb } from './0070_platform_jsonb.ts';
import { migration as platformJsonbDocuments } from './0080_platform_jsonb_documents.ts';
import { migration as notificationsCentre } from './0120_notifications_centre.ts';
import { migration as licensingIntakeDocuments } from './0130_licensing_intake_documents.ts';
import { migration as platformAttemptCounters } from './0131_platform_attempt_counters.ts';
import { migration as licensingDocumentSnapshot } from './0135_licensing_document_snapshot.ts';
import { migration as iamLoginThrottles } from './0160_iam_login_throttles.ts';
import { migration as enforcementCases } from './0200_enforcement_cases.ts';
import { migration as oversightInterferenceRecords } from './0210_oversight_interference_records.ts';
import { migration as oversightOfficerComplaints } from './0211_oversight_officer_complaints.ts';
import { migration as oversightCaseReviewsTraining } from './0212_oversight_case_reviews_training.ts';
import { migration as auditSecurityRefusals } from './0220_audit_security_refusals.ts';
import { migration as enforcementSeals } from './0230_enforcement_seals.ts';
import { migration as enforcementDocuments } from './0240_enforcement_documents.ts';
import { migration as enforcementPaymentOrders } from './0241_enforcement_payment_orders.ts';
import { migration as enforcementPublicPenalties } from './0242_enforcement_public_penalties.ts';
import { migration as enforcementPaymentPlans } from './0250_enforcement_payment_plans.ts';
import { migration as enforcementRemedyPeriods } from './0251_enforcement_remedy_periods.ts';
import { migration as enforcementServiceTracking } from './0252_enforcement_service_tracking.ts';
import { migration as enforcementPublicSearch } from './0253_enforcement_public_search.ts';
import { migration as enforcementHearingSchedule } from './0254_enforcement_hearing_schedule.ts';
import { migration as enforcementRecusalRequests } from './0255_enforcement_recusal_requests.ts';
import { migration as enforcementSealDocuments } from './0256_enforcement_seal_documents.ts';
import { migration as enforcementInstalmentPayments } from './0257_enforcement_instalment_payments.ts';
import { migration as enforcementPaymentOrderInstalment } from './0258_enforcement_payment_order_instalment.ts';
import { migration as auditCheckpointsRowSeals } from './0270_audit_checkpoints_row_seals.ts';
import { migration as unitsResponsiblePersons } from './0271_units_responsible_persons.ts';
import { migration as complaintsReports } from './0300_complaints_reports.ts';
import { migration as complaintsCategoryCodes } from './0301_complaints_category_codes.ts';
import { migration as complaintsWorkOrderReports } from './0330_complaints_work_order_reports.ts';
import { migration as creditRecords } from './0400_credit_records.ts';
import { migration as marketServiceOrganisations } from './0401_market_service_organisations.ts';
import { migration as supervisionHazardsUsci } from './0430_supervision_hazards_usci.ts';
import { migration as inspectionsTriggerKey } from './0431_inspections_trigger_key.ts';
import { migration as creditRequestClocks } from './0432_credit_request_clocks.ts';
import { migration as creditCommendations } from './0433_credit_commendations.ts';
import { migration as marketEngineersReportsSanctions } from './0440_market_engineers_reports_sanctions.ts';
import { migration as productsChecks } from './0450_products_checks.ts';
import { migration as monitoringAlarms } from './0500_monitoring_alarms.ts';
import { migration as monitoringCheckTriggers } from './0510_monitoring_check_triggers.ts';
import { migration as incidents } from './0600_incidents.ts';
import { migration as servicesEvaluationsAppointmentsDisclosure } from './0620_services_evaluations_appointments_disclosure.ts';
import { migration as training } from './0640_training.ts';
import { migration as guidance } from './0641_guidance.ts';
import { migration as engineerRegistrations } from './0650_engineer_registrations.ts';
import { migration as incidentAccountability } from './0655_incident_accountability.ts';
import { migration as appointmentRequestsIncidentDocuments } from './0660_appointment_requests_incident_documents.ts';
import { migration as partnersGateway } from './0700_partners_gateway.ts';
import { migration as gatewayDeliverySequence } from './0710_gateway_delivery_sequence.ts';
import { migration as dashboardRollupsMap } from './0750_dashboard_rollups_map.ts';
import { migration as mapSealsUnitPositions } from './0760_map_seals_unit_positions.ts';
import { migration as dashboardUnitLevels } from './0770_dashboard_unit_levels.ts';
import { migration as partnersClientCertificates } from './0771_partners_client_certificates.ts';
import { migration as unitsDrawInputIndex } from './0772_units_draw_input_index.ts';
import { migration as licencesRowSeals } from './0773_licences_row_seals.ts';
import { migration as inspectionTasksDropPrefixIndex } from './0785_inspection_tasks_drop_prefix_index.ts';
import { migration as inspectionsTaskInspectorsByUser } from './0786_inspections_task_inspectors_by_user.ts';
import { migration as inspectionTasksTriggerKeyPartial } from './0787_inspection_tasks_trigger_key_partial.ts';
import { migration as supervisionPlanDrawnTasks } from './0788_supervision_plan_drawn_tasks.ts';

/**
 * Migrations in code, one file per owning feature and step, written once for both dialects with Kysely's
 * schema builder. Column types are the portable subset (text, integer, double precision); see
 * docs/decisions.md "Storage conventions". Kysely runs them in the order of their names, so a new
 * migration takes the next number; the name of each entry is its file name.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_org_regions_agencies': orgRegionsAgencies,
    '0002_iam_users_sessions': iamUsersSessions,
    '0003_audit_events': auditEvents(dialect),
    '0004_policy_versions': policyVersions,
    '0005_calendar_days_years': calendarDaysYears,
    '0006_clocks_events_alerts': clocksEventsAlerts,
    '0007_notifications_outbox': notificationsOutbox,
    '0008_jobs_leases': jobsLeases,
    '0009_idempotency_keys': idempotencyKeys,
    '0010_files_metadata': filesMetadata,
    '0011_units_directory': unitsDirectory,
    '0012_documents_seal_keys_sequences': documentsSealKeysSequences,
    '0013_supervision_inspectors': supervisionInspectors,
    '0014_licensing_applications_notices': licensingApplicationsNotices,
    '0015_licensing_inspection_tasks': licensingInspectionTasks,
    '0016_licensing_licences_requests_notices': licensingLicencesRequestsNotices,
    '0017_enforcement_referrals': enforcementReferrals,
    '0018_credit_events': creditEvents,
    '0019_supervision_rectification_orders': supervisionRectificationOrders,
    '0020_units_commitment_lookups': unitsCommitmentLookups,
    '0021_supervision_inspector_conflicts': supervisionInspectorConflicts,
    '0022_supervision_plans_tasks': supervisionPlansTasks,
    '0023_supervision_hazards': supervisionHazards,
    '0024_supervision_order_extensions': supervisionOrderExtensions,
    '0025_platform_domain_events': platformDomainEvents,
    '0030_inspections_task_inspectors': inspectionsTaskInspectors,
    '0031_inspections_task_version': inspectionsTaskVersion,
    '0040_platform_read_path': platformReadPath(dialect),
    '0050_inspections_task_rollups': inspectionsTaskRollups(dialect),
    '0051_supervision_figure_indexes': supervisionFigureIndexes,
    '0060_credit_policy_version': creditPolicyVersion,
    '0070_platform_jsonb': platformJsonb(dialect),

    '0080_platform_jsonb_documents': platformJsonbDocuments(dialect),
    '0120_notifications_centre': notificationsCentre,
    '0130_licensing_intake_documents': licensingIntakeDocuments,
    '0131_platform_attempt_counters': platformAttemptCounters,
    '0135_licensing_document_snapshot': licensingDocumentSnapshot,
    '0160_iam_login_throttles': iamLoginThrottles,
    '0200_enforcement_cases': enforcementCases(dialect),
    '0210_oversight_interference_records': oversightInterferenceRecords(dialect),
    '0211_oversight_officer_complaints': oversightOfficerComplaints(dialect),
    '0212_oversight_case_reviews_training': oversightCaseReviewsTraining(dialect),
    '0220_audit_security_refusals': auditSecurityRefusals,
    '0230_enforcement_seals': enforcementSeals(dialect),
    '0240_enforcement_documents': enforcementDocuments(dialect),
    '0241_enforcement_payment_orders': enforcementPaymentOrders(dialect),
    '0242_enforcement_public_penalties': enforcementPublicPenalties,
    '0250_enforcement_payment_plans': enforcementPaymentPlans(dialect),
    '0251_enforcement_remedy_periods': enforcementRemedyPeriods,
    '0252_enforcement_service_tracking': enforcementServiceTracking,
    '0253_enforcement_public_search': enforcementPublicSearch,
    '0254_enforcement_hearing_schedule': enforcementHearingSchedule,
    '0255_enforcement_recusal_requests': enforcementRecusalRequests,
    '0256_enforcement_seal_documents': enforcementSealDocuments(dialect),
    '0257_enforcement_instalment_payments': enforcementInstalmentPayments(dialect),
    '0258_enforcement_payment_order_instalment': enforcementPaymentOrderInstalment,
    '0270_audit_checkpoints_row_seals': auditCheckpointsRowSeals(dialect),
    '0400_credit_records': creditRecords(dialect),
    '0401_market_service_organisations': marketServiceOrganisations(dialect),
    '0430_supervision_hazards_usci': supervisionHazardsUsci,
    '0431_inspections_trigger_key': inspectionsTriggerKey,
    '0432_credit_request_clocks': creditRequestClocks,
    '0433_credit_commendations': creditCommendations,
    '0440_market_engineers_reports_sanctions': marketEngineersReportsSanctions,
    '0450_products_checks': productsChecks(dialect),
    '0600_incidents': incidents(dialect),
    '0620_services_evaluations_appointments_disclosure': servicesEvaluationsAppointmentsDisclosure(dialect),
    '0650_engineer_registrations': engineerRegistrations(dialect),
    '0655_incident_accountability': incidentAccountability(dialect),
    '0700_partners_gateway': partnersGateway(dialect),
    '0710_gateway_delivery_sequence': gatewayDeliverySequence(dialect),
    '0660_appointment_requests_incident_documents': appointmentRequestsIncidentDocuments(dialect),
    '0640_training': training(dialect),
    '0641_guidance': guidance(dialect),
    '0300_complaints_reports': complaintsReports(dialect),
    '0301_complaints_category_codes': complaintsCategoryCodes,
    '0330_complaints_work_order_reports': complaintsWorkOrderReports(dialect),
    '0500_monitoring_alarms': monitoringAlarms,
    '0271_units_responsible_persons': unitsResponsiblePersons,
    '0510_monitoring_check_triggers': monitoringCheckTriggers,
    '0750_dashboard_rollups_map': dashboardRollupsMap(dialect),
    '0760_map_seals_unit_positions': mapSealsUnitPositions(dialect),
    '0770_dashboard_unit_levels': dashboardUnitLevels(dialect),
    '0771_partners_client_certificates': partnersClientCertificates(dialect),
    '0772_units_draw_input_index': unitsDrawInputIndex,
    '0773_licences_row_seals': licencesRowSeals(dialect),
    '0785_inspection_tasks_drop_prefix_index': inspectionTasksDropPrefixIndex,
    '0786_inspections_task_inspectors_by_user': inspectionsTaskInspectorsByUser(dialect),
    '0787_inspection_tasks_trigger_key_partial': inspectionTasksTriggerKeyPartial,
    '0788_supervision_plan_drawn_tasks': supervisionPlanDrawnTasks,
  };
}

/**
 * Before the per-feature split the schema shipped as three migrations. Each of them is exactly the
 * statements, in the same order, of the consecutive per-feature migrations listed here, so a store that
 * ran a legacy migration already has everything those migrations would create.
 */
export const LEGACY_MIGRATIONS: Readonly<Record<string, readonly string[]>> = {
  '0001_foundation': [
    '0001_org_regions_agencies',
    '0002_iam_users_sessions',
    '0003_audit_events',
    '0004_policy_versions',
    '0005_calendar_days_years',
    '0006_clocks_events_alerts',
    '0007_notifications_outbox',
    '0008_jobs_leases',
    '0009_idempotency_keys',
    '0010_files_metadata',
    '0011_units_directory',
  ],
  '0002_licensing': [
    '0012_documents_seal_keys_sequences',
    '0013_supervision_inspectors',
    '0014_licensing_applications_notices',
    '0015_licensing_inspection_tasks',
    '0016_licensing_licences_requests_notices',
    '0017_enforcement_referrals',
    '0018_credit_events',
    '0019_supervision_rectification_orders',
  ],
  '0003_supervision': [
    '0020_units_commitment_lookups',
    '0021_supervision_inspector_conflicts',
    '0022_supervision_plans_tasks',
    '0023_supervision_hazards',
    '0024_supervision_order_extensions',
  ],
};

interface MigrationBookkeeping {
  [DEFAULT_MIGRATION_TABLE]: { name: string; timestamp: string };
}

/**
 * The advisory lock under which schemas of one PostgreSQL database are migrated or dropped. Kysely's
 * migrator looks its bookkeeping tables up with an introspection query over every schema of the database
 * (`has_schema_privilege` per schema), which fails with "schema … does not exist" when another schema is
 * dropped during that query: several deployments (or parallel test runs) in one database migrate and drop
 * one at a time.
 */
export const SCHEMA_LOCK = 'fep:schema-changes';

/** Runs `fn` on one connection holding SCHEMA_LOCK (PostgreSQL); on SQLite, as it is. */
export async function underSchemaLock<T>(db: Kysely<unknown>, dialect: Dialect, fn: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return fn(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${SCHEMA_LOCK}))`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${SCHEMA_LOCK}))`.execute(conn);
    }
  });
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await underSchemaLock(db, dialect, (conn) => migrateOn(conn, dialect));
}

/**
 * Kysely looks for its own bookkeeping tables by name in *every* schema unless told which schema is ours;
 * with a second schema in the same PostgreSQL database (another deployment, or parallel test runs) it would
 * then skip creating them and fail. Name the current schema explicitly.
 */
async function migrationSchemaOf(db: Kysely<unknown>, dialect: Dialect): Promise<string | undefined> {
  if (dialect !== 'postgres') return undefined;
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return r.rows[0]?.schema;
}

/** The migrations of this build the store has not run (readiness: `GET /ready`). */
export async function pendingMigrations(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  // One read of the migrator's own table (in the store's schema, by search_path), not Migrator.getMigrations:
  // that first makes sure of its tables and lock row, a handful of catalogue queries on every readiness probe.
  const done = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  return Object.keys(migrations(dialect)).filter((name) => !done.has(name));
}

async function migrateOn(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrationTableSchema = await migrationSchemaOf(db, dialect);
  await translateLegacyNames(db, dialect, migrationTableSchema);
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A store created before the per-feature split records '0001_foundation', '0002_licensing' and
 * '0003_supervision' in Kysely's bookkeeping. Kysely would call those names missing and refuse to run,
 * and re-running the new migrations would fail on tables that exist. So, before the migrator runs, each
 * legacy row is replaced by the rows of the migrations that make it up, with the legacy row's timestamp
 * (Kysely orders rows of equal timestamp by name, which is their order). All of it is one transaction, so
 * a crash leaves either the legacy rows or all the new ones. The delete returns the row it
 * removed: a second process starting at the same time deletes nothing and inserts nothing (on PostgreSQL
 * it waits on the first one's row lock). A store with only the first one or two legacy migrations is
 * translated as far as it went, and the migrator then runs the rest.
 */
async function translateLegacyNames(unknownDb: Kysely<unknown>, dialect: Dialect, schema: string | undefined): Promise<void> {
  const exists =
    dialect === 'postgres'
      ? await sql`select 1 from information_schema.tables where table_schema = ${schema ?? 'public'} and table_name = ${DEFAULT_MIGRATION_TABLE}`.execute(
          unknownDb,
        )
      : await sql`select 1 from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}`.execute(unknownDb);
  if (exists.rows.length === 0) return;
  const db = unknownDb as Kysely<MigrationBookkeeping>;
  await db.transaction().execute(async (trx) => {
    const scoped = schema ? trx.withSchema(schema) : trx;
    for (const [legacy, names] of Object.entries(LEGACY_MIGRATIONS)) {
      const removed = await scoped.deleteFrom(DEFAULT_MIGRATION_TABLE).where('name', '=', legacy).returning('timestamp').executeTakeFirst();
      if (!removed) continue;
      await scoped
        .insertInto(DEFAULT_MIGRATION_TABLE)
        .values(names.map((name) => ({ name, timestamp: removed.timestamp })))
        .execute();
    }
  });
}
