import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { type MonitoringCheckFacts, monitoringCheckReasons } from './trigger.ts';

const policy = { windowDays: 30, fireAlarms: 5, faults: 20, offlineHours: 72 };
const none: MonitoringCheckFacts = { fireAlarms: 0, faults: 0, longestOfflineHours: null };

describe('MON-01 / SUP-06 a check triggered by remote monitoring', () => {
  const cases: [string, MonitoringCheckFacts, typeof policy, RegExp[]][] = [
    ['nothing', none, policy, []],
    ['fire alarms one below', { ...none, fireAlarms: 4 }, policy, []],
    ['fire alarms at the threshold', { ...none, fireAlarms: 5 }, policy, [/近30天火警信号 5 次（达到 5 次）/]],
    ['faults one below', { ...none, faults: 19 }, policy, []],
    ['faults at the threshold', { ...none, faults: 20 }, policy, [/故障和监管报警 20 次/]],
    ['offline just under', { ...none, longestOfflineHours: 71.9 }, policy, []],
    ['offline at the threshold', { ...none, longestOfflineHours: 72.4 }, policy, [/离线 72 小时（达到 72 小时）/]],
    ['every condition', { fireAlarms: 9, faults: 30, longestOfflineHours: 100 }, policy, [/火警/, /故障/, /离线/]],
    ['a condition at 0 is off', { fireAlarms: 99, faults: 99, longestOfflineHours: 999 }, { ...policy, fireAlarms: 0, faults: 0, offlineHours: 0 }, []],
  ];
  for (const [name, facts, p, want] of cases) {
    test(name, () => {
      const got = monitoringCheckReasons(facts, p);
      assert.equal(got.length, want.length, got.join('; '));
      for (const [i, re] of want.entries()) assert.match(got[i]!, re);
    });
  }
  test('the national default validates against its schema and every value is marked to confirm', () => {
    const k = POLICY_KINDS['monitoring.check_trigger'];
    assert.ok(k.nationalDefault.windowDays > 0);
    for (const f of Object.values(k.fields)) assert.match(f.help ?? '', /待确认/);
  });
});
