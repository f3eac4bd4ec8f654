import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DiscretionView, ViolationsView } from '@fep/contracts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/** ENF-02/ENF-03 over HTTP: the published benchmark and the engine's proposals, per jurisdiction. */
for (const database of DATABASES) {
  describe(`enforcement: discretion benchmark and proposals [${database}]`, () => {
    let t: TestApp;
    let inspector: string;
    before(async () => {
      t = await startTestApp(database);
      inspector = await t.login('inspector.440106');
    });
    after(() => t.close());

    test('ENF-02 GET /enforcement/violations is public and lists the items in force with ranges, bands and accepted circumstances', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/enforcement/violations?region=150102' });
      assert.equal(r.statusCode, 200);
      const v = r.json() as ViolationsView;
      assert.match(v.policyVersion, /^enforcement\.discretion@national/);
      const item = v.items.find((i) => i.code === 'XFF-60-1-3');
      assert.ok(item);
      assert.deepEqual(item.ranges, { unit: { min: 5000, max: 50000 } });
      assert.deepEqual(
        item.bands.map((b) => [b.label, b.ranges.unit]),
        [
          ['严重', { min: 36500, max: 50000 }],
          ['较轻', { min: 5000, max: 18500 }],
          ['一般', { min: 18500, max: 36500 }],
        ],
      );
      for (const key of ['firstViolation', 'correctedInTime', 'harmfulConsequence', 'selfFoundBeforeInspection', 'repeatWithin12Months', 'blockedWidthPercent'])
        assert.ok(
          item.circumstances.some((c) => c.key === key),
          key,
        );
      assert.ok(v.items.find((i) => i.code === 'XFF-58-1-4')?.circumstances.some((c) => c.key === 'floorArea' && c.unit === '㎡'));
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/enforcement/violations?region=44' });
      assert.equal(bad.statusCode, 400);
    });

    test('ENF-02 a Guangdong inspector gets a proposal that explains itself, with the policy version', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/enforcement/discretion',
        headers: bearer(inspector),
        payload: { regionCode: '440106', violationCode: 'XFF-60-1-3', circumstances: { blockedWidthPercent: 40 } },
      });
      assert.equal(r.statusCode, 200, r.body);
      const p = r.json() as DiscretionView;
      assert.equal(p.outcome, 'fine');
      assert.deepEqual(p.range, { min: 18500, max: 36500 });
      assert.equal(p.proposedFine, 27500);
      assert.equal(p.band?.label, '一般');
      assert.match(p.policyVersion, /^enforcement\.discretion@national\+440000v\d+$/);
      assert.ok(p.explanation.some((l) => l.includes('第六十条第一款第三项')));
    });

    test('ENF-03 Guangdong waives a violation the unit found itself before the inspection; Inner Mongolia fines it', async () => {
      const body = (regionCode: string) => ({
        regionCode,
        violationCode: 'XFF-60-1-1',
        circumstances: { selfFoundBeforeInspection: true, correctedInTime: true },
      });
      const gd = await t.app.inject({ method: 'POST', url: '/api/v1/enforcement/discretion', headers: bearer(inspector), payload: body('440106') });
      assert.equal(gd.json().noPenalty, true);
      assert.match(gd.json().rule.legalBasis.document, /广东/);
      const nm = await t.app.inject({ method: 'POST', url: '/api/v1/enforcement/discretion', headers: bearer(inspector), payload: body('150102') });
      assert.equal(nm.json().noPenalty, false);
      assert.equal(nm.json().band.label, '较轻');
    });

    test('ENF-02 a request the benchmark cannot answer is a 422 with a stable code naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ violationCode: 'XFF-99-9-9', circumstances: {} }, 'ENFORCEMENT.UNKNOWN_VIOLATION', 'violationCode'],
        [{ violationCode: 'XFF-60-1-3', partyKind: 'person', circumstances: {} }, 'ENFORCEMENT.PARTY_NOT_COVERED', 'party'],
        [{ violationCode: 'XFF-60-1-3', circumstances: { floorArea: 10 } }, 'ENFORCEMENT.UNKNOWN_CIRCUMSTANCE', 'circumstances.floorArea'],
        [{ violationCode: 'XFF-58-1-4', circumstances: { floorArea: true } }, 'ENFORCEMENT.BAD_CIRCUMSTANCE', 'circumstances.floorArea'],
      ];
      for (const [payload, code, field] of cases) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/enforcement/discretion',
          headers: bearer(inspector),
          payload: { regionCode: '440106', ...payload },
        });
        assert.equal(r.statusCode, 422, r.body);
        assert.equal(r.json().code, code);
        assert.equal(r.json().details.field, field);
        assert.match(r.json().message, /[\u4e00-\u9fa5]/);
      }
    });

    test('the proposal is for staff only: anonymous 401, an applicant 403', async () => {
      const payload = { regionCode: '440106', violationCode: 'XFF-60-1-3', circumstances: {} };
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/enforcement/discretion', payload })).statusCode, 401);
      const applicant = await t.login('applicant.440106');
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/enforcement/discretion', headers: bearer(applicant), payload })).statusCode, 403);
    });
  });
}
