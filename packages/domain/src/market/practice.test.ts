import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  activeBan,
  type BanFacts,
  banActiveOn,
  banPeriodProblem,
  engineerCounts,
  isPersonSubject,
  personSubjectKey,
  type SigningRefusal,
  signingRefusal,
} from './practice.ts';

const term: BanFacts = { startsOn: '2026-12-01', endsOn: '2027-05-31' };
const permanent: BanFacts = { startsOn: '2026-12-10', endsOn: null };

describe('MKT-01 a ban (消防法第六十九条) is in force from its first to its last day; a permanent one from its first day on', () => {
  const table: Array<[BanFacts, string, boolean]> = [
    [term, '2026-11-30', false],
    [term, '2026-12-01', true],
    [term, '2027-05-31', true],
    [term, '2027-06-01', false],
    [permanent, '2026-12-09', false],
    [permanent, '2026-12-10', true],
    [permanent, '2099-01-01', true],
  ];
  for (const [ban, on, active] of table) it(`${ban.startsOn}…${ban.endsOn ?? '永久'} on ${on}: ${active}`, () => assert.equal(banActiveOn(ban, on), active));
  it('the ban in force with the latest end is named; a permanent one first', () => {
    assert.equal(activeBan([term, permanent], '2026-12-20'), permanent);
    assert.equal(activeBan([term, permanent], '2026-12-05'), term);
    assert.equal(activeBan([term], '2028-01-01'), null);
  });
  const periods: Array<[Parameters<typeof banPeriodProblem>, ReturnType<typeof banPeriodProblem>]> = [
    [['suspension', '2026-12-01', '2026-12-01'], null],
    [['suspension', '2026-12-01', '2026-11-30'], 'ends_before_start'],
    [['revocation', '2026-12-01', null], null],
    [['market_ban', '2026-12-01', null], null],
    [['market_ban', '2026-12-01', '2030-12-01'], 'market_ban_has_no_end'],
  ];
  for (const [args, problem] of periods) it(`period ${args.join(' ')}: ${problem ?? 'ok'}`, () => assert.equal(banPeriodProblem(...args), problem));
});

describe('MKT-01 who may sign a report: a practising engineer registered with the organisation, neither banned', () => {
  const engineer = { organisationId: 'org-1', status: 'practising' as const };
  const base = { organisationId: 'org-1', engineer, engineerBans: [], organisationBans: [], on: '2026-12-15' };
  const table: Array<[string, Partial<Parameters<typeof signingRefusal>[0]>, SigningRefusal | null]> = [
    ['registered and practising', {}, null],
    ['no such engineer', { engineer: null }, 'not_registered'],
    ['engineer of another organisation', { engineer: { ...engineer, organisationId: 'org-2' } }, 'other_organisation'],
    ['suspended engineer', { engineer: { ...engineer, status: 'suspended' } }, 'not_practising'],
    ['left the organisation', { engineer: { ...engineer, status: 'left' } }, 'not_practising'],
    ['engineer banned that day', { engineerBans: [term] }, 'engineer_banned'],
    ['engineer ban not yet begun', { engineerBans: [permanent], on: '2026-12-09' }, null],
    ['engineer ban ended', { engineerBans: [term], on: '2027-06-01' }, null],
    ['organisation banned', { organisationBans: [term] }, 'organisation_banned'],
  ];
  for (const [what, change, refusal] of table) it(`${what}: ${refusal ?? 'may sign'}`, () => assert.equal(signingRefusal({ ...base, ...change }), refusal));
});

describe('MKT-01 the practice conditions count practising, unbanned engineers by class', () => {
  it('counts', () => {
    const e = (c: 'first' | 'second', status: 'practising' | 'suspended' | 'left' = 'practising', bans: BanFacts[] = []) => ({ class: c, status, bans });
    assert.deepEqual(engineerCounts([e('first'), e('second'), e('second', 'left'), e('first', 'practising', [term]), e('second')], '2026-12-15'), {
      firstClassEngineers: 1,
      secondClassEngineers: 2,
    });
    assert.deepEqual(engineerCounts([e('first', 'practising', [term])], '2027-06-01'), { firstClassEngineers: 1, secondClassEngineers: 0 });
  });
});

describe('CRD-01 a person credit subject key is derived from the certificate number, one-way and stable', () => {
  const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');
  it('same certificate, same key; no certificate number in it; never a USCI', () => {
    const k = personSubjectKey('ZC1234567', sm3);
    assert.equal(k, personSubjectKey(' zc1234567 ', sm3));
    assert.notEqual(k, personSubjectKey('ZC1234568', sm3));
    assert.match(k, /^person:[0-9a-f]{32}$/);
    assert.ok(!k.includes('1234567'));
    assert.ok(isPersonSubject(k));
    assert.ok(!isPersonSubject('91211000MA70000013'));
  });
});
