import type { DeviceEventType } from './message.ts';

/**
 * GB/T 26875.3—2011《城市消防远程监控系统 第3部分：报警传输网络通信协议》: the frame a user information
 * transmission device (用户信息传输装置) sends to the monitoring centre, decoded by a pure function. The layout
 * (clause 6.6 数据包结构, clause 7 应用数据单元, clause 8 数据定义; what was assumed: docs/decisions.md
 * "GB/T 26875.3 frames"):
 *
 *   offset  bytes  field
 *   0       2      启动符 '@@' (0x40 0x40)
 *   2       2      业务流水号 (little-endian)
 *   4       2      协议版本号 (主版本号, 用户版本号)
 *   6       6      时间标签 (秒 分 时 日 月 年-2000, binary)
 *   12      6      源地址 (little-endian)
 *   18      6      目的地址 (little-endian)
 *   24      2      应用数据单元长度 (little-endian, ≤ 1024)
 *   26      1      命令字节 (1 控制命令, 2 发送数据, 3 确认, 4 请求, 5 应答, 6 否认)
 *   27      n      应用数据单元: 类型标志 (1) + 信息对象数目 (1) + 信息对象 …
 *   27+n    1      校验和: the sum, modulo 256, of every byte from 业务流水号 to the end of the 应用数据单元
 *   28+n    2      结束符 '##' (0x23 0x23)
 */

export const GBT_START = 0x40;
export const GBT_END = 0x23;
/** Bytes before the application data unit (start marker + control unit incl. the command byte). */
export const GBT_HEADER_BYTES = 27;
/** Clause 6.6: the application data unit is at most 1024 bytes. */
export const GBT_MAX_ADU = 1024;

export const GBT_COMMANDS: Record<number, string> = {
  1: '控制命令',
  2: '发送数据',
  3: '确认',
  4: '请求',
  5: '应答',
  6: '否认',
};

/** Type flags (类型标志, clause 8.1) this decoder reads, with the size of one information object. */
export const GBT_TYPE_FLAGS: Record<number, { label: string; objectBytes: number }> = {
  1: { label: '上传建筑消防设施系统状态', objectBytes: 10 },
  2: { label: '上传建筑消防设施部件运行状态', objectBytes: 46 },
  4: { label: '上传建筑消防设施操作信息', objectBytes: 10 },
  21: { label: '上传用户信息传输装置运行状态', objectBytes: 7 },
  24: { label: '上传用户信息传输装置操作信息', objectBytes: 8 },
};

/** Bits of the 2-byte state of a system (type 1) and of a component (type 2); bit 0 set = 正常运行, clear = 测试. */
const SYSTEM_STATE_BITS = [
  '正常运行',
  '火警',
  '故障',
  '屏蔽',
  '监管',
  '启动',
  '反馈',
  '延时状态',
  '主电故障',
  '备电故障',
  '总线故障',
  '手动状态',
  '配置改变',
  '复位',
];
const COMPONENT_STATE_BITS = ['正常运行', '火警', '故障', '屏蔽', '监管', '启动', '反馈', '延时状态', '电源故障'];
/** Bits of the 1-byte state of the transmission device itself (type 21). */
const DEVICE_STATE_BITS = ['正常运行', '火警', '故障', '主电故障', '备电故障', '与监控中心通信信道故障', '监测连接线路故障'];
/** Fault bits per layout (the power and bus faults count as faults). */
const FAULT_BITS = { system: [2, 8, 9, 10], component: [2, 8], device: [2, 3, 4, 5, 6] } as const;

export interface GbtHeader {
  serial: number;
  version: string;
  /** The frame's time tag as an instant (device local time read as Beijing time, UTC+8). */
  sentAt: string;
  source: number;
  destination: number;
  command: number;
  commandLabel: string;
}

export interface GbtObject {
  typeFlag: number;
  typeLabel: string;
  systemType: number | null;
  systemAddress: number | null;
  componentType: number | null;
  componentAddress: number | null;
  /** The component's description (部件说明, GB 18030 text), when the type carries one. */
  description: string | null;
  /** The raw state or operation flags, and their Chinese meanings (set bits). */
  flags: number;
  flagLabels: string[];
  occurredAt: string;
  /** The device event this object amounts to (MON-01), or null (an operation record). */
  eventType: DeviceEventType | null;
}

export interface GbtFrame {
  header: GbtHeader;
  typeFlag: number | null;
  objects: GbtObject[];
}

export type GbtErrorCode = 'too_short' | 'start_marker' | 'truncated' | 'end_marker' | 'checksum' | 'length' | 'unknown_type' | 'object_count' | 'time_tag';
export type GbtResult = { ok: true; frame: GbtFrame } | { ok: false; code: GbtErrorCode; reason: string };

/** The sum of the bytes modulo 256 (校验和). */
export function gbtChecksum(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + bytes[i]!) & 0xff;
  return sum;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
const u48 = (b: Uint8Array, i: number) => u32(b, i) + u16(b, i + 4) * 0x100000000;

/** A 6-byte time tag (秒 分 时 日 月 年) as an ISO instant, reading the device's clock as Beijing time; null when invalid. */
export function gbtTime(b: Uint8Array, i: number): string | null {
  const [s, mi, h, d, mo, y] = [b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!];
  if (s > 59 || mi > 59 || h > 23 || d < 1 || d > 31 || mo < 1 || mo > 12 || y > 99) return null;
  const ms = Date.UTC(2000 + y, mo - 1, d, h, mi, s) - 8 * 3_600_000;
  const back = new Date(ms + 8 * 3_600_000);
  if (back.getUTCDate() !== d) return null; // 31 February and the like
  return new Date(ms).toISOString();
}

function setBits(flags: number, labels: string[]): string[] {
  const out: string[] = [flags & 1 ? labels[0]! : '测试状态'];
  for (let bit = 1; bit < labels.length; bit++) if (flags & (1 << bit)) out.push(labels[bit]!);
  return out;
}

/** What a state amounts to: fire first, then a fault, supervision, a started system; otherwise a sign of life. */
function eventOf(flags: number, faultBits: readonly number[], supervisoryBit: number | null, startBit: number | null): DeviceEventType {
  if (flags & 0b10) return 'fire_alarm';
  if (faultBits.some((b) => flags & (1 << b))) return 'fault';
  if (supervisoryBit !== null && flags & (1 << supervisoryBit)) return 'supervisory';
  if (startBit !== null && flags & (1 << startBit)) return 'start';
  return 'heartbeat';
}

function gb18030(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  return new TextDecoder('gb18030').decode(bytes.subarray(0, end));
}

const fail = (code: GbtErrorCode, reason: string): GbtResult => ({ ok: false, code, reason });

/** Decodes one complete frame (exactly one: bytes after the end marker are an error). */
export function decodeGbt26875(frame: Uint8Array): GbtResult {
  if (frame.length < 2 || frame[0] !== GBT_START || frame[1] !== GBT_START) return fail('start_marker', '启动符错误：数据包应以“@@”（0x40 0x40）开始');
  if (frame.length < GBT_HEADER_BYTES) return fail('too_short', `数据包不完整：控制单元应为 ${GBT_HEADER_BYTES} 字节，实收 ${frame.length} 字节`);
  const aduLength = u16(frame, 24);
  if (aduLength > GBT_MAX_ADU) return fail('length', `应用数据单元长度 ${aduLength} 超过上限 ${GBT_MAX_ADU} 字节`);
  const total = GBT_HEADER_BYTES + aduLength + 3;
  if (frame.length < total) return fail('truncated', `数据包不完整：按应用数据单元长度应为 ${total} 字节，实收 ${frame.length} 字节`);
  if (frame.length > total) return fail('length', `数据包长度与应用数据单元长度不符：应为 ${total} 字节，实收 ${frame.length} 字节`);
  if (frame[total - 2] !== GBT_END || frame[total - 1] !== GBT_END) return fail('end_marker', '结束符错误：数据包应以“##”（0x23 0x23）结束');
  const sum = gbtChecksum(frame, 2, total - 3);
  if (sum !== frame[total - 3]) return fail('checksum', `校验和错误：计算值 ${sum}，数据包中为 ${frame[total - 3]}`);
  const sentAt = gbtTime(frame, 6);
  if (!sentAt) return fail('time_tag', '控制单元的时间标签不是有效时间');
  const command = frame[26]!;
  const header: GbtHeader = {
    serial: u16(frame, 2),
    version: `${frame[4]}.${frame[5]}`,
    sentAt,
    source: u48(frame, 12),
    destination: u48(frame, 18),
    command,
    commandLabel: GBT_COMMANDS[command] ?? `未定义命令（${command}）`,
  };
  if (aduLength === 0) return { ok: true, frame: { header, typeFlag: null, objects: [] } };
  if (aduLength < 2) return fail('object_count', '应用数据单元不完整：缺少信息对象数目');
  const adu = frame.subarray(GBT_HEADER_BYTES, GBT_HEADER_BYTES + aduLength);
  const typeFlag = adu[0]!;
  const type = GBT_TYPE_FLAGS[typeFlag];
  if (!type) return fail('unknown_type', `不支持的类型标志 ${typeFlag}（支持：${Object.keys(GBT_TYPE_FLAGS).join('、')}）`);
  const count = adu[1]!;
  if (count < 1) return fail('object_count', '信息对象数目为 0');
  if (2 + count * type.objectBytes !== aduLength)
    return fail('object_count', `信息对象数目 ${count} 与应用数据单元长度不符：${type.label}每个信息对象 ${type.objectBytes} 字节`);
  const objects: GbtObject[] = [];
  for (let k = 0; k < count; k++) {
    const o = 2 + k * type.objectBytes;
    const occurredAt = gbtTime(adu, o + type.objectBytes - 6);
    if (!occurredAt) return fail('time_tag', `第 ${k + 1} 个信息对象的时间标签不是有效时间`);
    const base = {
      typeFlag,
      typeLabel: type.label,
      systemType: null,
      systemAddress: null,
      componentType: null,
      componentAddress: null,
      description: null,
      occurredAt,
    };
    if (typeFlag === 1) {
      const flags = u16(adu, o + 2);
      objects.push({
        ...base,
        systemType: adu[o]!,
        systemAddress: adu[o + 1]!,
        flags,
        flagLabels: setBits(flags, SYSTEM_STATE_BITS),
        eventType: eventOf(flags, FAULT_BITS.system, 4, 5),
      });
    } else if (typeFlag === 2) {
      const flags = u16(adu, o + 7);
      objects.push({
        ...base,
        systemType: adu[o]!,
        systemAddress: adu[o + 1]!,
        componentType: adu[o + 2]!,
        componentAddress: u32(adu, o + 3),
        description: gb18030(adu.subarray(o + 9, o + 40)),
        flags,
        flagLabels: setBits(flags, COMPONENT_STATE_BITS),
        eventType: eventOf(flags, FAULT_BITS.component, 4, 5),
      });
    } else if (typeFlag === 21) {
      const flags = adu[o]!;
      objects.push({ ...base, flags, flagLabels: setBits(flags, DEVICE_STATE_BITS), eventType: eventOf(flags, FAULT_BITS.device, null, null) });
    } else if (typeFlag === 4) {
      const flags = adu[o + 2]!;
      objects.push({ ...base, systemType: adu[o]!, systemAddress: adu[o + 1]!, flags, flagLabels: operationLabels(flags), eventType: null });
    } else {
      const flags = adu[o]!;
      objects.push({ ...base, flags, flagLabels: operationLabels(flags), eventType: null });
    }
  }
  return { ok: true, frame: { header, typeFlag, objects } };
}

const OPERATION_BITS = ['复位', '消音', '手动报警', '警情消除', '自检', '确认', '测试'];
function operationLabels(flags: number): string[] {
  return OPERATION_BITS.filter((_, bit) => flags & (1 << bit));
}

/** Builds a frame (the tests' and the simulator's encoder): the checksum and length computed. */
export function encodeGbt26875(
  h: { serial: number; version?: [number, number]; time: number[]; source: number; destination: number; command: number },
  adu: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(GBT_HEADER_BYTES + adu.length + 3);
  out[0] = GBT_START;
  out[1] = GBT_START;
  out[2] = h.serial & 0xff;
  out[3] = (h.serial >> 8) & 0xff;
  out[4] = h.version?.[0] ?? 1;
  out[5] = h.version?.[1] ?? 1;
  out.set(h.time.slice(0, 6), 6);
  for (let i = 0; i < 6; i++) {
    out[12 + i] = Math.floor(h.source / 2 ** (8 * i)) & 0xff;
    out[18 + i] = Math.floor(h.destination / 2 ** (8 * i)) & 0xff;
  }
  out[24] = adu.length & 0xff;
  out[25] = (adu.length >> 8) & 0xff;
  out[26] = h.command;
  out.set(adu, GBT_HEADER_BYTES);
  out[GBT_HEADER_BYTES + adu.length] = gbtChecksum(out, 2, GBT_HEADER_BYTES + adu.length);
  out[GBT_HEADER_BYTES + adu.length + 1] = GBT_END;
  out[GBT_HEADER_BYTES + adu.length + 2] = GBT_END;
  return out;
}
