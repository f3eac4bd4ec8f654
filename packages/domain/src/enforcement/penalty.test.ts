import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkPaymentPlan,
  daysBetween,
  fineInWan,
  instalmentLateFee,
  instalmentLedger,
  lateFee,
  PaymentPlanError,
  paymentDueDate,
  paymentSettles,
  publicPartyOf,
  scheduledLateFee,
  searchBigrams,
} from './penalty.ts';

describe('ENF-06 late fee (行政处罚法 art. 72): 3 % a day after the due date, capped at the fine', () => {
  const cases: [string, Parameters<typeof lateFee>[0], { days: number; amount: number }][] = [
    ['paid on the due date', { fine: 18500, dueDate: '2027-01-16', asOf: '2027-01-16', percentPerDay: 3 }, { days: 0, amount: 0 }],
    ['before the due date', { fine: 18500, dueDate: '2027-01-16', asOf: '2027-01-10', percentPerDay: 3 }, { days: 0, amount: 0 }],
    ['one day late', { fine: 18500, dueDate: '2027-01-16', asOf: '2027-01-17', percentPerDay: 3 }, { days: 1, amount: 555 }],
    ['ten days late', { fine: 18500, dueDate: '2027-01-16', asOf: '2027-01-26', percentPerDay: 3 }, { days: 10, amount: 5550 }],
    ['33 days late stays under the fine', { fine: 10000, dueDate: '2027-01-01', asOf: '2027-02-03', percentPerDay: 3 }, { days: 33, amount: 9900 }],
    ['34 days late reaches the cap', { fine: 10000, dueDate: '2027-01-01', asOf: '2027-02-04', percentPerDay: 3 }, { days: 34, amount: 10000 }],
    ['a year late is capped at the fine', { fine: 10000, dueDate: '2027-01-01', asOf: '2028-01-01', percentPerDay: 3 }, { days: 365, amount: 10000 }],
    ['fen are kept', { fine: 333, dueDate: '2027-01-01', asOf: '2027-01-02', percentPerDay: 3 }, { days: 1, amount: 9.99 }],
    ['a zero rate owes nothing', { fine: 5000, dueDate: '2027-01-01', asOf: '2027-03-01', percentPerDay: 0 }, { days: 59, amount: 0 }],
    [
      'days of a pending review do not count (art. 73)',
      { fine: 10000, dueDate: '2027-01-01', asOf: '2027-01-11', percentPerDay: 3, suspensions: [{ from: '2027-01-03', to: '2027-01-07' }] },
      { days: 5, amount: 1500 },
    ],
    [
      'an open suspension stops the fee until it ends',
      { fine: 10000, dueDate: '2027-01-01', asOf: '2027-01-11', percentPerDay: 3, suspensions: [{ from: '2027-01-03' }] },
      { days: 1, amount: 300 },
    ],
    ['across a month and a leap day', { fine: 2000, dueDate: '2028-02-27', asOf: '2028-03-01', percentPerDay: 3 }, { days: 3, amount: 180 }],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(lateFee(input), expected));
});

describe('ENF-06 due date and settlement', () => {
  test('15 calendar days after service (art. 67 ¶3)', () => {
    assert.equal(paymentDueDate('2027-01-01', 15), '2027-01-16');
    assert.equal(paymentDueDate('2027-12-25', 15), '2028-01-09');
  });
  test('a payment settles the fine and the fee to the fen', () => {
    assert.equal(paymentSettles(18500, 18500, 0), true);
    assert.equal(paymentSettles(18499.99, 18500, 0), false);
    assert.equal(paymentSettles(19055, 18500, 555), true);
    assert.equal(paymentSettles(19054.99, 18500, 555), false);
  });
  test('days between civil dates', () => {
    assert.equal(daysBetween('2027-01-01', '2027-01-01'), 0);
    assert.equal(daysBetween('2027-01-01', '2027-03-01'), 59);
    assert.equal(daysBetween('2027-03-01', '2027-01-01'), -59);
  });
});

describe('ENF-07 the public record', () => {
  test('a unit is shown by name and USCI; a person masked', () => {
    assert.deepEqual(publicPartyOf({ kind: 'unit', name: '某某网吧', usci: '91211000MA0000000X' }), {
      name: '某某网吧',
      usci: '91211000MA0000000X',
      idNumber: null,
    });
    assert.deepEqual(publicPartyOf({ kind: 'person', name: '张三丰', idNumber: '211002199001011234' }), {
      name: '张**',
      usci: null,
      idNumber: '2110**********1234',
    });
  });
  test('fines in 万元 as the national format has it', () => {
    assert.equal(fineInWan(18500), 1.85);
    assert.equal(fineInWan(500), 0.05);
    assert.equal(fineInWan(30000), 3);
    assert.equal(fineInWan(12345.67), 1.234567);
  });
});

describe('ENF-06 deferral and instalments (行政处罚法 art. 66 ¶2): a schedule within policy limits', () => {
  const limits = { maxDays: 180, maxInstalments: 6 };
  const base = { fine: 20000, dueDate: '2027-01-16' };
  const ok: [string, Parameters<typeof checkPaymentPlan>[1]][] = [
    ['a deferral to one later date', { ...base, kind: 'deferral', schedule: [{ dueDate: '2027-03-16', amount: 20000 }] }],
    ['a deferral to the last day allowed', { ...base, kind: 'deferral', schedule: [{ dueDate: '2027-07-15', amount: 20000 }] }],
    [
      'three instalments adding up to the fine',
      {
        ...base,
        kind: 'instalments',
        schedule: [
          { dueDate: '2027-02-16', amount: 6666.67 },
          { dueDate: '2027-03-16', amount: 6666.67 },
          { dueDate: '2027-04-16', amount: 6666.66 },
        ],
      },
    ],
  ];
  for (const [name, input] of ok) test(`accepted: ${name}`, () => assert.doesNotThrow(() => checkPaymentPlan(limits, input)));
  const refused: [string, Parameters<typeof checkPaymentPlan>[1], RegExp][] = [
    [
      'a deferral with two dates',
      {
        ...base,
        kind: 'deferral',
        schedule: [
          { dueDate: '2027-02-01', amount: 10000 },
          { dueDate: '2027-03-01', amount: 10000 },
        ],
      },
      /一个新的缴纳期限/,
    ],
    [
      'a deferral one day past the longest period',
      { ...base, kind: 'deferral', schedule: [{ dueDate: '2027-07-16', amount: 20000 }] },
      /最长可至原期限后 180 日（2027-07-15）/,
    ],
    ['a date not after the original due date', { ...base, kind: 'deferral', schedule: [{ dueDate: '2027-01-16', amount: 20000 }] }, /晚于原缴纳期限/],
    ['one instalment', { ...base, kind: 'instalments', schedule: [{ dueDate: '2027-02-16', amount: 20000 }] }, /2 至 6 期/],
    [
      'seven instalments',
      { ...base, kind: 'instalments', schedule: Array.from({ length: 7 }, (_, i) => ({ dueDate: `2027-0${i + 2}-01`, amount: 20000 / 7 })) },
      /2 至 6 期/,
    ],
    [
      'instalments out of order',
      {
        ...base,
        kind: 'instalments',
        schedule: [
          { dueDate: '2027-03-16', amount: 10000 },
          { dueDate: '2027-02-16', amount: 10000 },
        ],
      },
      /依次递增/,
    ],
    [
      'instalments a fen short',
      {
        ...base,
        kind: 'instalments',
        schedule: [
          { dueDate: '2027-02-16', amount: 10000 },
          { dueDate: '2027-03-16', amount: 9999.99 },
        ],
      },
      /合计应等于罚款/,
    ],
    [
      'a zero instalment',
      {
        ...base,
        kind: 'instalments',
        schedule: [
          { dueDate: '2027-02-16', amount: 0 },
          { dueDate: '2027-03-16', amount: 20000 },
        ],
      },
      /大于零/,
    ],
  ];
  for (const [name, input, message] of refused)
    test(`refused: ${name}`, () =>
      assert.throws(
        () => checkPaymentPlan(limits, input),
        (e: unknown) => e instanceof PaymentPlanError && e.field === 'schedule' && message.test(e.message),
      ));
});

describe('ENF-06 late fee under a schedule: each instalment from its own date, review or litigation left out (art. 66, 72, 73)', () => {
  const schedule = [
    { dueDate: '2027-02-01', amount: 10000 },
    { dueDate: '2027-03-01', amount: 10000 },
  ];
  const cases: [string, Parameters<typeof scheduledLateFee>[0], { days: number; amount: number; dueDate: string }][] = [
    [
      'no schedule: the whole fine from the original date',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2027-01-18', percentPerDay: 3 },
      { days: 2, amount: 1200, dueDate: '2027-01-16' },
    ],
    [
      'before the first instalment nothing is owed',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2027-01-31', percentPerDay: 3, schedule },
      { days: 0, amount: 0, dueDate: '2027-02-01' },
    ],
    [
      'two days after the first: 3 % of that instalment a day',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2027-02-03', percentPerDay: 3, schedule },
      { days: 2, amount: 600, dueDate: '2027-03-01' },
    ],
    [
      'after both: each on its own amount',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2027-03-02', percentPerDay: 3, schedule },
      { days: 29, amount: 9000, dueDate: '2027-03-01' },
    ],
    [
      'each instalment capped at its amount',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2028-01-01', percentPerDay: 3, schedule },
      { days: 334, amount: 20000, dueDate: '2027-03-01' },
    ],
    [
      'a pending review suspends every instalment (art. 73 ¶3)',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2027-02-05', percentPerDay: 3, schedule, suspensions: [{ from: '2027-02-02', to: '2027-02-04' }] },
      { days: 1, amount: 300, dueDate: '2027-03-01' },
    ],
    [
      'a deferral is a one-date schedule',
      { fine: 20000, dueDate: '2027-01-16', asOf: '2027-03-03', percentPerDay: 3, schedule: [{ dueDate: '2027-03-01', amount: 20000 }] },
      { days: 2, amount: 1200, dueDate: '2027-03-01' },
    ],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(scheduledLateFee(input), expected));
});

describe('ENF-07 bigrams of the public search: every query of two or more characters found in a field has all its bigrams there', () => {
  const cases: [string, Array<string | null>, string[]][] = [
    ['a Chinese name', ['星光网吧'], ['星光', '光网', '网吧']],
    ['distinct, lower-cased, not across fields', ['AbAb', 'b1'], ['ab', 'ba', 'b1']],
    ['one character has none', ['吧'], []],
    ['absent fields are skipped', [null, '第1号'], ['第1', '1号']],
    ['characters outside the BMP count as one', ['𠀀𠀁x'], ['𠀀𠀁', '𠀁x']],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(searchBigrams(...input), expected));
  test('a contained query’s bigrams are a subset of the field’s', () => {
    const field = searchBigrams('压测单位3333有限公司', '91211002MA00003333');
    for (const q of ['单位3333', '3333有限', 'ma0000', '有限公司']) for (const g of searchBigrams(q)) assert.ok(field.includes(g), `${q}: ${g}`);
  });
});

describe('ENF-06 one instalment settled on its own (行政处罚法 art. 66 ¶2, 72): its amount and the fee on it alone', () => {
  const i = { dueDate: '2027-02-01', amount: 10000 };
  const cases: [string, Parameters<typeof instalmentLateFee>[0], { days: number; amount: number }][] = [
    ['paid on its due date: no fee', { instalment: i, asOf: '2027-02-01', percentPerDay: 3 }, { days: 0, amount: 0 }],
    ['paid before its due date: no fee', { instalment: i, asOf: '2027-01-20', percentPerDay: 3 }, { days: 0, amount: 0 }],
    ['a day late: 3 % of the instalment, not of the fine', { instalment: i, asOf: '2027-02-02', percentPerDay: 3 }, { days: 1, amount: 300 }],
    ['33 days late stays under the instalment', { instalment: i, asOf: '2027-03-06', percentPerDay: 3 }, { days: 33, amount: 9900 }],
    ['34 days late: capped at the instalment (art. 72)', { instalment: i, asOf: '2027-03-07', percentPerDay: 3 }, { days: 34, amount: 10000 }],
    ['a year late: still the instalment', { instalment: i, asOf: '2028-02-01', percentPerDay: 3 }, { days: 365, amount: 10000 }],
    [
      'days of a pending review do not count (art. 73)',
      { instalment: i, asOf: '2027-02-11', percentPerDay: 3, suspensions: [{ from: '2027-02-03', to: '2027-02-07' }] },
      { days: 5, amount: 1500 },
    ],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(instalmentLateFee(input), expected));

  const schedule = [
    { dueDate: '2027-02-01', amount: 10000 },
    { dueDate: '2027-03-01', amount: 6000 },
    { dueDate: '2027-04-01', amount: 4000 },
  ];
  test('nothing paid: the first is due now, with its own fee only', () => {
    const l = instalmentLedger({ schedule, paid: [], asOf: '2027-03-03', percentPerDay: 3 });
    assert.deepEqual(
      l.instalments.map((x) => [x.seq, x.paid, x.lateFee, x.lateFeeDays]),
      [
        [1, false, 9000, 30],
        [2, false, 360, 2],
        [3, false, 0, 0],
      ],
    );
    assert.deepEqual([l.dueNow?.seq, l.dueNow?.total, l.settled], [1, 19000, false]);
  });
  test('the first paid a day late: the second is due now; the paid one keeps the fee paid', () => {
    const l = instalmentLedger({ schedule, paid: [{ seq: 1, paidOn: '2027-02-02', lateFee: 300 }], asOf: '2027-03-01', percentPerDay: 3 });
    assert.deepEqual(
      l.instalments.map((x) => [x.seq, x.paid, x.paidOn, x.lateFee]),
      [
        [1, true, '2027-02-02', 300],
        [2, false, null, 0],
        [3, false, null, 0],
      ],
    );
    assert.deepEqual([l.dueNow?.seq, l.dueNow?.total], [2, 6000]);
  });
  test('all paid: settled, nothing due now', () => {
    const paid = [1, 2, 3].map((seq) => ({ seq, paidOn: schedule[seq - 1]!.dueDate, lateFee: 0 }));
    const l = instalmentLedger({ schedule, paid, asOf: '2027-05-01', percentPerDay: 3 });
    assert.deepEqual([l.dueNow, l.settled], [null, true]);
  });
});
