/**
 * Remote-monitoring alarm messages (MON-01): the MQTT contract of the monitoring centres (城市消防远程监控系统
 * 监控中心) and its pure mapping to a device event. A centre publishes to `fep/v1/centres/<centreCode>/events`
 * a JSON object `{ messageId, deviceId, unitUsci?, type, occurredAt, detail? }`. What does not fit is refused with
 * a Chinese reason, which the consumer keeps in the dead-letter list; nothing here throws.
 */

export const DEVICE_EVENT_TYPES = ['fire_alarm', 'fault', 'supervisory', 'start', 'stop', 'heartbeat'] as const;
export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number];

export const DEVICE_EVENT_LABELS: Record<DeviceEventType, string> = {
  fire_alarm: '火警',
  fault: '故障',
  supervisory: '监管报警',
  start: '系统启动',
  stop: '系统停止',
  heartbeat: '心跳',
};

export const DEVICE_STATUS_LABELS = { online: '在线', offline: '离线' } as const;
export type DeviceStatus = keyof typeof DEVICE_STATUS_LABELS;

/** Kinds of monitored devices (用户信息传输装置 and the systems behind it). */
export const DEVICE_KINDS = ['transmission_device', 'fire_alarm_controller', 'water_system', 'electrical_fire', 'gas_detector', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_KIND_LABELS: Record<DeviceKind, string> = {
  transmission_device: '用户信息传输装置',
  fire_alarm_controller: '火灾报警控制器',
  water_system: '消防水系统监测',
  electrical_fire: '电气火灾监控',
  gas_detector: '可燃气体探测',
  other: '其他设备',
};

/** The topic filter of every centre's events, and the shared-subscription form the API processes use. */
export const CENTRE_EVENTS_TOPIC = 'fep/v1/centres/+/events';
export const SHARED_EVENTS_TOPIC = `$share/fep/${CENTRE_EVENTS_TOPIC}`;
export const centreEventsTopic = (centreCode: string) => `fep/v1/centres/${centreCode}/events`;

export interface DeviceMessage {
  centreCode: string;
  messageId: string;
  deviceId: string;
  unitUsci: string | null;
  type: DeviceEventType;
  /** The device's own time of the event (ISO-8601 UTC), which orders a device's events. */
  occurredAt: string;
  detail: string | null;
}

export type MessageResult = { ok: true; message: DeviceMessage } | { ok: false; centreCode: string | null; reason: string };

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const ID = /^[\x21-\x7e]{1,128}$/;
/** A device may be a little ahead of the server's clock; beyond this its time is not believed. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/** An event older than this is refused (a device replaying a stale buffer, or a wrong clock). */
export const MAX_EVENT_AGE_MS = 30 * 24 * 3_600_000;

/** The centre code of a topic `fep/v1/centres/<code>/events`, or null. */
export function centreOfTopic(topic: string): string | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'fep' || parts[1] !== 'v1' || parts[2] !== 'centres' || parts[4] !== 'events') return null;
  return CODE.test(parts[3]!) ? parts[3]! : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One MQTT message → a device message, or the reason it is refused (Chinese). `now` bounds the device time:
 * not more than MAX_CLOCK_SKEW_MS ahead, not older than MAX_EVENT_AGE_MS.
 */
export function parseDeviceMessage(topic: string, payload: string, now: Date): MessageResult {
  const centreCode = centreOfTopic(topic);
  if (!centreCode) return { ok: false, centreCode: null, reason: `主题不符合约定（应为 fep/v1/centres/<监控中心编码>/events）：${topic.slice(0, 100)}` };
  const fail = (reason: string): MessageResult => ({ ok: false, centreCode, reason });
  if (payload.length > 16_384) return fail('报文过长（超过 16 KB）');
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return fail('报文不是有效的 JSON');
  }
  if (!isObject(body)) return fail('报文应为 JSON 对象');
  const { messageId, deviceId, unitUsci, type, occurredAt, detail } = body;
  if (typeof messageId !== 'string' || !ID.test(messageId)) return fail('缺少报文编号 messageId，或格式不正确（1–128 个可见字符）');
  if (typeof deviceId !== 'string' || !ID.test(deviceId)) return fail('缺少设备编号 deviceId，或格式不正确（1–128 个可见字符）');
  if (typeof type !== 'string' || !(DEVICE_EVENT_TYPES as readonly string[]).includes(type))
    return fail(`事件类型 type 不正确：应为 ${DEVICE_EVENT_TYPES.join('、')} 之一`);
  if (unitUsci !== undefined && unitUsci !== null && (typeof unitUsci !== 'string' || !/^[0-9A-Z]{18}$/.test(unitUsci)))
    return fail('单位统一社会信用代码 unitUsci 格式不正确（18 位）');
  if (typeof occurredAt !== 'string') return fail('缺少设备时间 occurredAt');
  // ISO-8601 with a zone (Z or ±hh:mm): a time without a zone cannot be placed.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(occurredAt))
    return fail('设备时间 occurredAt 应为带时区的 ISO-8601 时间');
  const at = new Date(occurredAt);
  if (Number.isNaN(at.getTime())) return fail('设备时间 occurredAt 不是有效时间');
  if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) return fail('设备时间晚于当前时间超过 10 分钟，请校准设备时钟');
  if (at.getTime() < now.getTime() - MAX_EVENT_AGE_MS) return fail('设备时间早于 30 天前，报文已过期');
  if (detail !== undefined && detail !== null && typeof detail !== 'string' && !isObject(detail)) return fail('附加信息 detail 应为文字或 JSON 对象');
  const detailText = detail === undefined || detail === null ? null : typeof detail === 'string' ? detail : JSON.stringify(detail);
  if (detailText !== null && detailText.length > 2000) return fail('附加信息 detail 过长（超过 2000 字符）');
  return {
    ok: true,
    message: {
      centreCode,
      messageId,
      deviceId,
      unitUsci: typeof unitUsci === 'string' ? unitUsci : null,
      type: type as DeviceEventType,
      occurredAt: at.toISOString(),
      detail: detailText,
    },
  };
}

/**
 * A device is offline when nothing has been heard from it for longer than its heartbeat period (MON-01: "a device
 * silent past its heartbeat period"). A device never heard from counts from its registration.
 */
export function isSilent(lastSeenAt: string | null, registeredAt: string, heartbeatSeconds: number, now: Date): boolean {
  const since = new Date(lastSeenAt ?? registeredAt).getTime();
  return now.getTime() - since > heartbeatSeconds * 1000;
}

/** The instant before which a device with this heartbeat period and no later sign of life is silent. */
export function silentBefore(heartbeatSeconds: number, now: Date): string {
  return new Date(now.getTime() - heartbeatSeconds * 1000).toISOString();
}
