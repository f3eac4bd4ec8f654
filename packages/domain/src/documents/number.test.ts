import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permitNumber } from '../licensing/permit.ts';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { orderNumber } from '../supervision/order.ts';
import { agencyPrefix, renderDocumentNumber } from './number.ts';

const numbering = POLICY_KINDS['licensing.numbering'].nationalDefault;
const rectification = POLICY_KINDS['supervision.rectification'].nationalDefault;

describe('LIC-07/LIC-01/SUP-10 document numbers from one template function', () => {
  const table: Array<[string, string, Parameters<typeof renderDocumentNumber>[1], string]> = [
    // what, template, parts, expected
    ['national permit (brigade)', numbering.permitTemplate, { agencyShortName: '天河大队', year: 2026, seq: 7, seqDigits: 4 }, '天河消安许字〔2026〕第0007号'],
    [
      'national permit (detachment)',
      numbering.permitTemplate,
      { agencyShortName: '辽阳支队', year: 2026, seq: 1234, seqDigits: 4 },
      '辽阳消安许字〔2026〕第1234号',
    ],
    ['national permit (corps)', numbering.permitTemplate, { agencyShortName: '江西总队', year: 2027, seq: 1, seqDigits: 4 }, '江西消安许字〔2027〕第0001号'],
    [
      'a sequence longer than its digits is not cut',
      numbering.permitTemplate,
      { agencyShortName: '天河大队', year: 2026, seq: 12345, seqDigits: 4 },
      '天河消安许字〔2026〕第12345号',
    ],
    [
      'national application reference',
      numbering.referenceTemplate,
      { agencyShortName: '天河大队', regionCode: '440106', year: 2026, seq: 1, seqDigits: 5 },
      'XK440106202600001',
    ],
    [
      'national rectification order',
      rectification.numberTemplate,
      { agencyShortName: '辽阳支队', year: 2026, seq: 7, seqDigits: 4 },
      '辽阳消责改字〔2026〕第0007号',
    ],
    ['a jurisdiction form', '穗{agency}消许〔{year}〕{seq}号', { agencyShortName: '天河大队', year: 2026, seq: 3, seqDigits: 3 }, '穗天河消许〔2026〕003号'],
    ['a placeholder used twice', '{region}-{year}-{seq}-{region}', { regionCode: '360102', year: 2026, seq: 9, seqDigits: 2 }, '360102-2026-09-360102'],
  ];
  for (const [what, template, parts, expected] of table) {
    it(`${what}: ${expected}`, () => assert.equal(renderDocumentNumber(template, parts), expected));
  }

  const prefixes: Array<[string, string]> = [
    ['天河大队', '天河'],
    ['辽阳支队', '辽阳'],
    ['内蒙古总队', '内蒙古'],
    ['辽阳市消防救援支队', '辽阳市'],
    ['消防站', '消防站'],
  ];
  for (const [short, prefix] of prefixes) it(`{agency} of ${short} is ${prefix}`, () => assert.equal(agencyPrefix(short), prefix));

  it('the permit and order helpers render the national defaults through the same function', () => {
    assert.equal(
      permitNumber('天河大队', 2026, 7),
      renderDocumentNumber(numbering.permitTemplate, { agencyShortName: '天河大队', year: 2026, seq: 7, seqDigits: 4 }),
    );
    assert.equal(
      orderNumber(rectification.numberTemplate, '辽阳支队', 2026, 7, 4),
      renderDocumentNumber(rectification.numberTemplate, { agencyShortName: '辽阳支队', year: 2026, seq: 7, seqDigits: 4 }),
    );
  });
});
