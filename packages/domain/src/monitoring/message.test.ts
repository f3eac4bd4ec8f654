import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centreOfTopic, isSilent, parseDeviceMessage } from './message.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const TOPIC = 'fep/v1/centres/LN-SY-01/events';
const ok = { messageId: 'm-1', deviceId: 'UITD-0001', type: 'fire_alarm', occurredAt: '2026-11-23T01:59:00Z' };

describe('MON-01 device messages', () => {
  it('MON-01 reads the centre from the topic', () => {
    const cases: [string, string | null][] = [
      [TOPIC, 'LN-SY-01'],
      ['fep/v1/centres/ABC/events', 'ABC'],
      ['fep/v1/centres/ABC/other', null],
      ['fep/v1/centres//events', null],
      ['fep/v2/centres/ABC/events', null],
      ['fep/v1/centres/A B/events', null],
      ['fep/v1/centres/ABC/events/x', null],
    ];
    for (const [topic, want] of cases) assert.equal(centreOfTopic(topic), want, topic);
  });

  it('MON-01 maps a valid message and refuses each malformed one with a Chinese reason', () => {
    const valid = parseDeviceMessage(TOPIC, JSON.stringify({ ...ok, unitUsci: '91210100MA0000001X', detail: { zone: '3F' } }), NOW);
    assert.ok(valid.ok);
    assert.deepEqual(valid.message, {
      centreCode: 'LN-SY-01',
      messageId: 'm-1',
      deviceId: 'UITD-0001',
      unitUsci: '91210100MA0000001X',
      type: 'fire_alarm',
      occurredAt: '2026-11-23T01:59:00.000Z',
      detail: '{"zone":"3F"}',
    });
    const offset = parseDeviceMessage(TOPIC, JSON.stringify({ ...ok, occurredAt: '2026-11-23T09:59:00+08:00' }), NOW);
    assert.ok(offset.ok && offset.message.occurredAt === '2026-11-23T01:59:00.000Z');

    const refused: [string, string, RegExp][] = [
      ['bad topic', 'x/y', /主题不符合约定/],
      ['not JSON', '{"messageId":', /不是有效的 JSON/],
      ['array', '[]', /JSON 对象/],
      ['no id', JSON.stringify({ ...ok, messageId: undefined }), /messageId/],
      ['empty id', JSON.stringify({ ...ok, messageId: '' }), /messageId/],
      ['no device', JSON.stringify({ ...ok, deviceId: 42 }), /deviceId/],
      ['unknown type', JSON.stringify({ ...ok, type: 'smoke' }), /事件类型/],
      ['bad usci', JSON.stringify({ ...ok, unitUsci: '123' }), /统一社会信用代码/],
      ['no time', JSON.stringify({ ...ok, occurredAt: undefined }), /occurredAt/],
      ['no zone', JSON.stringify({ ...ok, occurredAt: '2026-11-23T01:59:00' }), /带时区/],
      ['impossible', JSON.stringify({ ...ok, occurredAt: '2026-13-40T01:59:00Z' }), /不是有效时间/],
      ['future', JSON.stringify({ ...ok, occurredAt: '2026-11-23T03:00:00Z' }), /校准设备时钟/],
      ['stale', JSON.stringify({ ...ok, occurredAt: '2026-09-01T00:00:00Z' }), /已过期/],
      ['detail number', JSON.stringify({ ...ok, detail: 5 }), /detail/],
    ];
    for (const [name, payload, reason] of refused) {
      const topic = name === 'bad topic' ? payload : TOPIC;
      const r = parseDeviceMessage(topic, name === 'bad topic' ? '{}' : payload, NOW);
      assert.equal(r.ok, false, name);
      if (!r.ok) {
        assert.match(r.reason, reason, name);
        assert.match(r.reason, /[\u4e00-\u9fa5]/, name);
      }
    }
  });

  it('MON-01 a device is silent past its heartbeat period', () => {
    const cases: [string | null, number, boolean][] = [
      ['2026-11-23T01:55:00Z', 600, false],
      ['2026-11-23T01:49:59Z', 600, true],
      [null, 60, true],
    ];
    for (const [seen, period, want] of cases) assert.equal(isSilent(seen, '2026-11-23T01:00:00Z', period, NOW), want, `${seen} ${period}`);
  });
});
