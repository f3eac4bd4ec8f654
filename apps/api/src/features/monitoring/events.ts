/** Facts of remote monitoring other features react to (MON-01). */
export const FIRE_ALARM_RECEIVED = 'monitoring.fire_alarm_received';
export const DEVICE_WENT_OFFLINE = 'monitoring.device_went_offline';

/** A fire alarm of a registered device, stored once: the unit's accounts and the agency's duty staff are told at once. */
export interface FireAlarmReceived {
  eventId: string;
  deviceId: string;
  deviceCode: string;
  location: string;
  usci: string;
  unitName: string;
  agencyId: string;
  centreName: string;
  occurredAt: string;
  detail: string | null;
}
export interface DeviceWentOffline {
  deviceId: string;
  deviceCode: string;
  usci: string;
  agencyId: string;
  lastSeenAt: string | null;
}

/** A unit whose monitoring passed the thresholds of `monitoring.check_trigger`: supervision opens a check (SUP-06). */
export const MONITORING_CHECK_TRIGGERED = 'monitoring.check_triggered';
export interface MonitoringCheckTriggered {
  usci: string;
  agencyId: string;
  /** The month the trigger counts in (YYYY-MM): one check per unit and month. */
  period: string;
  /** Why, in Chinese, as the inspectors read it in their task queue. */
  reason: string;
}
