/**
 * Remote monitoring (MON-01): alarms of the monitoring centres (城市消防远程监控系统) over MQTT, tied to registered
 * devices and units; fire alarms told at once through the notification centre; silent devices flagged offline;
 * units whose alarms, faults or silent devices pass the policy's thresholds raise a check (SUP-06).
 * The one feature that writes `monitoring_centres`, `monitoring_devices`, `monitoring_events`,
 * `monitoring_dead_letters` and `monitoring_check_triggers`.
 */
export { CHECK_TRIGGER_JOB, sweepMonitoringTriggers } from './check-triggers.ts';
export { type ConsumerLog, type ConsumerStats, type MonitoringConsumer, startMonitoringConsumer } from './consumer.ts';
export { DEMO_CENTRE, DEMO_DEVICES, seedDemoMonitoring } from './demo.ts';
export { registerCentre } from './devices.ts';
export * from './events.ts';
export { monitoringRoutes } from './monitoring.routes.ts';
export { type MonitoringRiskFacts, monitoringRiskFacts } from './risk-facts.ts';
export { OFFLINE_SWEEP_JOB, sweepOfflineDevices } from './sweep.ts';
export { type IngestInput, type IngestOutcome, ingestMessage, ingestMessages } from './use-cases/ingest-message.ts';
