/**
 * Remote monitoring (apps/api/src/features/monitoring, MON-01): devices registered to units, the alarms they raise
 * through the monitoring centres (MQTT), and the messages that could not be processed (dead letters).
 */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const Usci = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' });
export const DeviceKindValue = OneOf(['transmission_device', 'fire_alarm_controller', 'water_system', 'electrical_fire', 'gas_detector', 'other'] as const);
export const DeviceEventTypeValue = OneOf(['fire_alarm', 'fault', 'supervisory', 'start', 'stop', 'heartbeat'] as const);

/** POST /api/v1/monitoring/devices: an administrator registers a centre's device to a unit of the agency's area. */
export const DeviceCreateBody = Type.Object(
  {
    centreCode: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: '监控中心编码' }),
    deviceId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: '设备编号（报文中的 deviceId）' }),
    usci: Usci,
    kind: DeviceKindValue,
    location: Type.String({ minLength: 1, maxLength: 200, description: '安装位置' }),
    heartbeatSeconds: Type.Integer({ minimum: 30, maximum: 86_400, description: '心跳周期（秒）' }),
  },
  { additionalProperties: false },
);
export type DeviceCreateBody = Static<typeof DeviceCreateBody>;

export const DeviceView = Type.Object({
  id: Type.String(),
  centreCode: Type.String(),
  centreName: Type.String(),
  deviceId: Type.String(),
  usci: Type.String(),
  unitName: Type.String(),
  kind: DeviceKindValue,
  kindLabel: Type.String(),
  location: Type.String(),
  heartbeatSeconds: Type.Integer(),
  status: OneOf(['online', 'offline'] as const),
  statusLabel: Type.String(),
  lastSeenAt: Nullable(Type.String()),
  state: Nullable(DeviceEventTypeValue),
  stateLabel: Nullable(Type.String()),
  stateAt: Nullable(Type.String()),
});
export type DeviceView = Static<typeof DeviceView>;

export const AlarmQuery = Type.Object({
  usci: Type.Optional(Usci),
  type: Type.Optional(OneOf(['fire_alarm', 'fault', 'supervisory'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type AlarmQuery = Static<typeof AlarmQuery>;

export const AlarmView = Type.Object({
  id: Type.String(),
  type: DeviceEventTypeValue,
  typeLabel: Type.String(),
  usci: Type.String(),
  unitName: Type.String(),
  unitAddress: Type.String(),
  deviceId: Type.String(),
  deviceLocation: Type.String(),
  centreName: Type.String(),
  /** The device's time of the event, and when the platform received it. */
  occurredAt: Type.String(),
  receivedAt: Type.String(),
  detail: Nullable(Type.String()),
});
export const AlarmList = Type.Object({ items: Type.Array(AlarmView) });
export type AlarmView = Static<typeof AlarmView>;
export type AlarmList = Static<typeof AlarmList>;

export const MonitoringDeadLetterQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) });
export const MonitoringDeadLetterView = Type.Object({
  id: Type.String(),
  topic: Type.String(),
  centreCode: Nullable(Type.String()),
  payload: Type.String(),
  reason: Type.String(),
  receivedAt: Type.String(),
});
export const MonitoringDeadLetterList = Type.Object({ items: Type.Array(MonitoringDeadLetterView) });
export type MonitoringDeadLetterView = Static<typeof MonitoringDeadLetterView>;
