import type { AuditChainHead, AuditEvent, AuditTables } from './schema/audit.ts';
import type { CacheTables } from './schema/cache.ts';
import type { CalendarDay, CalendarTables, CalendarYear } from './schema/calendar.ts';
import type { Clock, ClockAlert, ClockEvent, ClocksTables } from './schema/clocks.ts';
import type { ComplaintsTables } from './schema/complaints.ts';
import type { CreditEvent, CreditTables } from './schema/credit.ts';
import type { DashboardTables } from './schema/dashboard.ts';
import type { DocumentSequence, DocumentsTables, SealKey } from './schema/documents.ts';
import type { EnforcementReferral, EnforcementTables } from './schema/enforcement.ts';
import type { EngineersTables } from './schema/engineers.ts';
import type { EventsTables } from './schema/events.ts';
import type { FilesTables, StoredFile } from './schema/files.ts';
import type { IamTables, Session, User, UserRole } from './schema/iam.ts';
import type { IdempotencyKey, IdempotencyTables } from './schema/idempotency.ts';
import type { IncidentsTables } from './schema/incidents.ts';
import type { InspectionsTables } from './schema/inspections.ts';
import type { JobLease, JobsTables } from './schema/jobs.ts';
import type { Application, ApplicationDocument, ApplicationNotice, Licence, LicenceRequest, LicensingTables, PublicNotice } from './schema/licensing.ts';
import type { MarketTables } from './schema/market.ts';
import type { MonitoringTables } from './schema/monitoring.ts';
import type { Notification, NotificationDelivery, NotificationsTables } from './schema/notifications.ts';
import type { Agency, OrgTables, Region } from './schema/org.ts';
import type { OversightTables } from './schema/oversight.ts';
import type { PartnersTables } from './schema/partners.ts';
import type { PolicyTables, PolicyVersion } from './schema/policy.ts';
import type { ProductsTables } from './schema/products.ts';
import type { ServicesTables } from './schema/services.ts';
import type { Hazard, Inspector, InspectorConflict, OrderExtension, RandomPlan, RectificationOrder, SupervisionTables } from './schema/supervision.ts';
import type { InspectionTask, TasksTables } from './schema/tasks.ts';
import type { Unit, UnitsTables } from './schema/units.ts';

/**
 * Table types. Conventions (docs/decisions.md): ids are text (UUIDv7), instants are ISO-8601 UTC text,
 * civil dates are 'YYYY-MM-DD' text, booleans are integers 0/1, JSON is text — the same on SQLite and
 * PostgreSQL, so that the one query layer behaves identically on both.
 *
 * The table types live with their owning feature in ./schema/<feature>.ts, each with its row types
 * (`Xxx` = what a select returns, `NewXxx` for inserts, `XxxUpdate` for updates). The `XxxTable` names
 * exported here are the row types, as they always were here; the Kysely table interfaces of the same
 * names in ./schema/ differ from them only where a column has a database default (`Generated`).
 */
export interface DB
  extends OrgTables,
    IamTables,
    AuditTables,
    PolicyTables,
    CalendarTables,
    ClocksTables,
    NotificationsTables,
    JobsTables,
    IdempotencyTables,
    FilesTables,
    UnitsTables,
    EventsTables,
    DocumentsTables,
    LicensingTables,
    TasksTables,
    InspectionsTables,
    EnforcementTables,
    CreditTables,
    SupervisionTables,
    OversightTables,
    MarketTables,
    ProductsTables,
    MonitoringTables,
    IncidentsTables,
    ComplaintsTables,
    ServicesTables,
    EngineersTables,
    PartnersTables,
    DashboardTables,
    CacheTables {}

export type RegionTable = Region;
export type AgencyTable = Agency;
export type UserTable = User;
export type UserRoleTable = UserRole;
export type SessionTable = Session;
export type AuditEventTable = AuditEvent;
export type AuditChainHeadTable = AuditChainHead;
export type PolicyVersionTable = PolicyVersion;
export type CalendarDayTable = CalendarDay;
export type CalendarYearTable = CalendarYear;
export type ClockTable = Clock;
export type ClockEventTable = ClockEvent;
export type ClockAlertTable = ClockAlert;
export type NotificationTable = Notification;
export type NotificationDeliveryTable = NotificationDelivery;
export type JobLeaseTable = JobLease;
export type IdempotencyKeyTable = IdempotencyKey;
export type FileTable = StoredFile;
export type UnitTable = Unit;
export type SealKeyTable = SealKey;
export type DocumentSequenceTable = DocumentSequence;
export type ApplicationTable = Application;
export type ApplicationNoticeTable = ApplicationNotice;
export type ApplicationDocumentTable = ApplicationDocument;
export type LicenceTable = Licence;
export type LicenceRequestTable = LicenceRequest;
export type PublicNoticeTable = PublicNotice;
export type InspectionTaskTable = InspectionTask;
export type EnforcementReferralTable = EnforcementReferral;
export type CreditEventTable = CreditEvent;
export type InspectorTable = Inspector;
export type InspectorConflictTable = InspectorConflict;
export type RandomPlanTable = RandomPlan;
export type HazardTable = Hazard;
export type RectificationOrderTable = RectificationOrder;
export type OrderExtensionTable = OrderExtension;
