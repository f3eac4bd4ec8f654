import type { Selectable } from 'kysely';

// Remote monitoring (MON-01). Conventions: see ../schema.ts.

export interface MonitoringCentreTable {
  code: string;
  name: string;
  agency_id: string;
  created_at: string;
}
export interface MonitoringDeviceTable {
  id: string;
  centre_code: string;
  /** The device's id as the centre sends it (`deviceId` of the messages); unique per centre. */
  device_code: string;
  usci: string;
  unit_id: string;
  agency_id: string;
  agency_path: string;
  kind: string;
  location: string;
  heartbeat_seconds: number;
  status: 'online' | 'offline';
  /** When the platform last received anything from the device (server time). */
  last_seen_at: string | null;
  /** The latest state (the non-heartbeat event with the greatest device time) and its device time. */
  state: string | null;
  state_at: string | null;
  created_at: string;
}
export interface MonitoringEventTable {
  id: string;
  centre_code: string;
  message_id: string;
  device_id: string;
  usci: string;
  agency_path: string;
  type: string;
  occurred_at: string;
  received_at: string;
  detail: string | null;
}
export interface MonitoringDeadLetterTable {
  id: string;
  topic: string;
  centre_code: string | null;
  payload: string;
  reason: string;
  received_at: string;
}
/** A check raised by remote monitoring (MON-01 → SUP-06), once per unit and month. */
export interface MonitoringCheckTriggerTable {
  id: string;
  usci: string;
  period: string;
  agency_id: string;
  agency_path: string;
  /** string[]: the reasons in Chinese. */
  reasons_json: string;
  policy_version: string;
  created_at: string;
}
export type MonitoringCentre = Selectable<MonitoringCentreTable>;
export type MonitoringDevice = Selectable<MonitoringDeviceTable>;
export type MonitoringEvent = Selectable<MonitoringEventTable>;

export interface MonitoringTables {
  monitoring_centres: MonitoringCentreTable;
  monitoring_devices: MonitoringDeviceTable;
  monitoring_events: MonitoringEventTable;
  monitoring_dead_letters: MonitoringDeadLetterTable;
  monitoring_check_triggers: MonitoringCheckTriggerTable;
}
