import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeGbt26875, encodeGbt26875 } from './gbt26875.ts';

/** 2026-11-23 10:00:00 on the device's clock (Beijing time): 秒 分 时 日 月 年. */
const TIME = [0, 0, 10, 23, 11, 26];
const AT = '2026-11-23T02:00:00.000Z';
const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const header = { serial: 1, time: TIME, source: 1, destination: 0, command: 2 };

/**
 * A frame written out byte by byte from the layout of clause 6.6 (not through the encoder): serial 1, version 1.1,
 * source address 1, command 2 (发送数据), type flag 1 (系统状态), one object: system type 1 (火灾报警系统), address 1,
 * state 0x0003 (正常运行 + 火警), time tag; checksum 0xa5 = the byte sum of serial … end of the unit, mod 256.
 */
const LITERAL = hex(`4040 0100 0101 00000a170b1a 010000000000 000000000000 0c00 02
  01 01  01 01 0300 00000a170b1a  a5 2323`);

/** 部件说明 in GB 18030: “1F火警” (火 = BB F0, 警 = BE AF) padded with NULs to 31 bytes. */
const DESCRIPTION = new Uint8Array(31);
DESCRIPTION.set([0x31, 0x46, 0xbb, 0xf0, 0xbe, 0xaf]);

function component(flags: number): Uint8Array {
  const o = new Uint8Array(46);
  o.set([1, 1, 21, 0x39, 0x30, 0, 0, flags & 0xff, flags >> 8]); // system 1/1, component type 21 (感烟), address 12345, state
  o.set(DESCRIPTION, 9);
  o.set(TIME, 40);
  return Uint8Array.from([2, 1, ...o]);
}

describe('MON-01 GB/T 26875.3 frames', () => {
  it('MON-01 valid frames decode to device events', () => {
    const literal = decodeGbt26875(LITERAL);
    assert.ok(literal.ok, literal.ok ? '' : literal.reason);
    assert.deepEqual(literal.frame.header, { serial: 1, version: '1.1', sentAt: AT, source: 1, destination: 0, command: 2, commandLabel: '发送数据' });
    assert.equal(literal.frame.objects.length, 1);
    assert.equal(literal.frame.objects[0]!.eventType, 'fire_alarm');
    assert.deepEqual(literal.frame.objects[0]!.flagLabels, ['正常运行', '火警']);
    assert.deepEqual(encodeGbt26875(header, LITERAL.subarray(27, 39)), LITERAL, 'the encoder writes the same bytes');

    const cases: [string, Uint8Array, { eventType: string | null; labels: string[]; description?: string; componentAddress?: number }[]][] = [
      ['component fire alarm', component(0x0003), [{ eventType: 'fire_alarm', labels: ['正常运行', '火警'], description: '1F火警', componentAddress: 12345 }]],
      ['component fault', component(0x0005), [{ eventType: 'fault', labels: ['正常运行', '故障'] }]],
      ['component power fault', component(0x0101), [{ eventType: 'fault', labels: ['正常运行', '电源故障'] }]],
      ['component supervisory', component(0x0011), [{ eventType: 'supervisory', labels: ['正常运行', '监管'] }]],
      ['component started', component(0x0021), [{ eventType: 'start', labels: ['正常运行', '启动'] }]],
      ['component normal', component(0x0001), [{ eventType: 'heartbeat', labels: ['正常运行'] }]],
      ['component in test', component(0x0000), [{ eventType: 'heartbeat', labels: ['测试状态'] }]],
      ['system main power fault', Uint8Array.from([1, 1, 1, 1, 0x01, 0x01, ...TIME]), [{ eventType: 'fault', labels: ['正常运行', '主电故障'] }]],
      [
        'two system states',
        Uint8Array.from([1, 2, 1, 1, 0x03, 0, ...TIME, 1, 2, 0x11, 0, ...TIME]),
        [
          { eventType: 'fire_alarm', labels: ['正常运行', '火警'] },
          { eventType: 'supervisory', labels: ['正常运行', '监管'] },
        ],
      ],
      ['device channel fault', Uint8Array.from([21, 1, 0x21, ...TIME]), [{ eventType: 'fault', labels: ['正常运行', '与监控中心通信信道故障'] }]],
      ['device operation: manual alarm', Uint8Array.from([24, 1, 0x04, 7, ...TIME]), [{ eventType: null, labels: ['手动报警'] }]],
    ];
    for (const [name, adu, want] of cases) {
      const r = decodeGbt26875(encodeGbt26875(header, adu));
      assert.ok(r.ok, `${name}: ${r.ok ? '' : r.reason}`);
      assert.equal(r.frame.typeFlag, adu[0], name);
      assert.equal(r.frame.objects.length, want.length, name);
      r.frame.objects.forEach((o, i) => {
        assert.equal(o.eventType, want[i]!.eventType, name);
        assert.deepEqual(o.flagLabels, want[i]!.labels, name);
        assert.equal(o.occurredAt, AT, name);
        if (want[i]!.description) assert.equal(o.description, want[i]!.description, name);
        if (want[i]!.componentAddress) assert.equal(o.componentAddress, want[i]!.componentAddress, name);
      });
    }
    const ack = decodeGbt26875(encodeGbt26875({ ...header, command: 3 }, new Uint8Array()));
    assert.ok(ack.ok && ack.frame.objects.length === 0 && ack.frame.header.commandLabel === '确认');
  });

  it('MON-01 wrong checksum, truncated, unknown type flag and other defects are clear errors', () => {
    const wrongSum = LITERAL.slice();
    wrongSum[39] = 0xa6;
    const flipped = LITERAL.slice();
    flipped[30] = 0x07; // state changed in transit, checksum not
    const badStart = LITERAL.slice();
    badStart[0] = 0x41;
    const badEnd = LITERAL.slice();
    badEnd[41] = 0x24;
    const cases: [string, Uint8Array, string, RegExp][] = [
      ['wrong checksum', wrongSum, 'checksum', /校验和错误：计算值 165，数据包中为 166/],
      ['corrupted byte', flipped, 'checksum', /校验和错误/],
      ['truncated frame', LITERAL.subarray(0, 35), 'truncated', /数据包不完整：按应用数据单元长度应为 42 字节，实收 35 字节/],
      ['truncated control unit', LITERAL.subarray(0, 20), 'too_short', /控制单元应为 27 字节/],
      ['trailing bytes', Uint8Array.from([...LITERAL, 0]), 'length', /长度与应用数据单元长度不符/],
      ['start marker', badStart, 'start_marker', /启动符错误/],
      ['end marker', badEnd, 'end_marker', /结束符错误/],
      ['unknown type flag', encodeGbt26875(header, Uint8Array.from([99, 1, 0, 0])), 'unknown_type', /不支持的类型标志 99/],
      ['object count', encodeGbt26875(header, Uint8Array.from([1, 2, 1, 1, 3, 0, ...TIME])), 'object_count', /信息对象数目 2 与应用数据单元长度不符/],
      ['bad time tag', encodeGbt26875(header, Uint8Array.from([1, 1, 1, 1, 3, 0, 0, 0, 10, 31, 2, 26])), 'time_tag', /时间标签不是有效时间/],
    ];
    for (const [name, bytes, code, reason] of cases) {
      const r = decodeGbt26875(bytes);
      assert.equal(r.ok, false, name);
      if (!r.ok) {
        assert.equal(r.code, code, name);
        assert.match(r.reason, reason, name);
      }
    }
  });
});
