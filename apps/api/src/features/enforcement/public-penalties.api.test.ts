import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, chinaDateOf, searchBigrams } from '@fep/domain';
import { type Kysely, sql } from 'kysely';
import { migration as publicSearchMigration } from '../../db/migrations/0253_enforcement_public_search.ts';
import type { EnforcementCaseTable } from '../../db/schema/enforcement.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { servedFine } from '../../test-support/penalties.ts';
import { indexPublished } from './public-search.ts';

/**
 * ENF-07 the public 行政处罚公示 page as read at scale (two steps over the partial index, capped total): the
 * published decisions in their period, newest first, none withdrawn; a whole decision number or USCI found by
 * equality; a person's name never searchable (it is shown masked); the total capped like every list.
 */
for (const database of DATABASES) {
  describe(`enforcement: the public penalty page [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('ENF-07 newest first, withdrawn and expired left out; exact number and USCI; a person is not found by name', async () => {
      const db = t.ctx.database.db;
      const agency = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211002').executeTakeFirstOrThrow();
      const today = chinaDateOf(t.clock.now);
      const row = (i: number, over: Partial<EnforcementCaseTable>): EnforcementCaseTable => ({
        id: `pub-${i}`,
        number: `测试消行罚立字〔2026〕第${i}号`,
        agency_id: agency.id,
        agency_path: agency.path,
        region_code: agency.region_code,
        referral_id: null,
        procedure: 'ordinary',
        status: 'served',
        version: 1,
        party_kind: 'unit',
        party_name: `公示测试单位${i}`,
        party_usci: `91211002MA0PUB000${i}`,
        party_id_number: null,
        violation_code: 'XFF-60-1-3',
        facts: '安全出口被锁闭',
        circumstances_json: '{}',
        proposal_json: '{}',
        policy_version: 'enforcement.discretion@national',
        officer_ids_json: '[]',
        clock_id: null,
        filed_at: null,
        filed_by: null,
        notice_served_on: null,
        notice_outcome: null,
        notice_fine: null,
        hearing_eligible: 0,
        statement: null,
        hearing_requested_at: null,
        hearing_host_id: null,
        hearing_held_on: null,
        hearing_transcript: null,
        hearing_at: null,
        hearing_place: null,
        reviewer_id: null,
        review_passed_at: null,
        review_opinion: null,
        occurred_on: null,
        discussion_held_on: null,
        discussion_participants: null,
        discussion_conclusion: null,
        transferred_to: null,
        transfer_reason: null,
        outcome: 'fine',
        fine: 10000 + i,
        deviation: 0,
        deviation_reason: null,
        decision_number: `测试消行罚决字〔2026〕第000${i}号`,
        decided_on: addDays(today, -i),
        decided_by: null,
        service_method: null,
        service_tracking_number: null,
        served_on: null,
        due_date: null,
        paid_on: null,
        paid_amount: null,
        receipt_number: null,
        payment_channel: null,
        published_at: new Date(t.clock.now.getTime() - i * 3_600_000).toISOString(),
        publicity_until: addDays(today, 300),
        withdrawn_at: null,
        revoked_at: null,
        revocation_reason: null,
        created_by: null,
        created_at: t.clock.now.toISOString(),
        updated_at: t.clock.now.toISOString(),
        ...over,
      });
      const rows = [
        row(1, {}),
        row(2, { party_kind: 'person', party_name: '张三丰', party_usci: null, party_id_number: '211002199001011234' }),
        row(3, { withdrawn_at: t.clock.now.toISOString() }),
        row(4, { publicity_until: addDays(today, -1) }),
        row(5, {}),
      ];
      await db.insertInto('enforcement_cases').values(rows).execute();
      // Written straight into the table, so indexed for the search as publication does (the withdrawn one too:
      // the page's own filter must leave it out).
      await db.transaction().execute(async (trx) => {
        for (const r of rows) await indexPublished(trx, r);
      });
      const page = async (q = '') => (await call(t, null, 'GET', `/api/v1/public/penalties?region=211002${q}`)).body as Json;

      const all = await page();
      const mine = all.items.filter((x: Json) => String(x.id).startsWith('pub-'));
      assert.deepEqual(
        mine.map((x: Json) => x.id),
        ['pub-1', 'pub-2', 'pub-5'],
        'newest first; the withdrawn and the expired are not shown',
      );
      assert.equal(all.capped, false);
      assert.equal(all.total, all.items.length);
      const person = mine.find((x: Json) => x.id === 'pub-2');
      assert.deepEqual([person.partyName, person.idNumber, person.usci], ['张**', '2110**********1234', null]);

      const exact = await page(`&q=${encodeURIComponent('测试消行罚决字〔2026〕第0005号')}`);
      assert.deepEqual(
        exact.items.map((x: Json) => x.id),
        ['pub-5'],
      );
      const byUsci = await page(`&q=91211002MA0PUB0001`);
      assert.deepEqual(
        byUsci.items.map((x: Json) => x.id),
        ['pub-1'],
      );
      const part = await page(`&q=${encodeURIComponent('公示测试单位')}`);
      assert.deepEqual(
        part.items.map((x: Json) => x.id).sort(),
        ['pub-1', 'pub-5'],
        'a part of a unit name finds the units; the person (named 公示测试单位2 nowhere) is not among them',
      );
      const byName = await page(`&q=${encodeURIComponent('张三丰')}`);
      assert.deepEqual(byName.items, [], "a person's name is not searchable on the public page");
      assert.equal((await page('&page=2&pageSize=5')).page, 2);
    });

    test('ENF-07 part of a unit name is found through the bigram index of a decision as published; withdrawn, it is gone from the index and the page', async () => {
      const c = await servedFine(t);
      const page = async (q: string) => ((await call(t, null, 'GET', `/api/v1/public/penalties?q=${encodeURIComponent(q)}`)).body as Json).items as Json[];
      const grams = async () =>
        (await t.ctx.database.db.selectFrom('enforcement_public_grams').select('gram').where('case_id', '=', c.id).execute()).map((g) => g.gram);
      assert.ok((await grams()).includes('星光'), 'the name is indexed on publication');
      assert.ok((await grams()).includes('91'), 'the USCI too');
      for (const q of ['星光网', '白塔区星光网吧', '星光网吧'])
        assert.ok(
          (await page(q)).some((x) => x.id === c.id),
          q,
        );
      // A part of its decision number, and one character (no bigram: the contains-search without the index).
      const number = c.decision!.number!;
      assert.ok(
        (await page(number.slice(-6))).some((x) => x.id === c.id),
        'part of the decision number',
      );
      assert.ok(
        (await page('吧')).some((x) => x.id === c.id),
        'one character',
      );
      // Bigrams all present but not next to each other: not a match.
      assert.ok(!(await page('网吧星光')).some((x) => x.id === c.id), 'the bigrams alone are not a match');
      assert.deepEqual(await page('无此单位名称'), []);
      const approver = await t.login('approver.211000');
      const revoked = await call(t, approver, 'POST', `/api/v1/enforcement/cases/${c.id}/revocation`, { reason: '复议决定撤销' });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.deepEqual(await grams(), [], 'withdrawn: its search entries are removed with it');
      assert.ok(!(await page('星光网')).some((x) => x.id === c.id));
    });

    test('ENF-07 migration 0253 indexes the decisions published before it (an existing install)', async () => {
      const c = await servedFine(t);
      const db = t.ctx.database.db;
      // As before the migration: no index table; the migration creates it and indexes what is published.
      await sql`drop table enforcement_public_grams`.execute(db);
      await publicSearchMigration.up(db as unknown as Kysely<unknown>);
      const grams = (await db.selectFrom('enforcement_public_grams').select('gram').where('case_id', '=', c.id).execute()).map((g) => g.gram);
      assert.deepEqual(grams.sort(), searchBigrams(c.party.name, c.decision!.number, c.party.usci).sort());
      const found = (await call(t, null, 'GET', `/api/v1/public/penalties?q=${encodeURIComponent('星光网')}`)).body as Json;
      assert.ok(found.items.some((x: Json) => x.id === c.id));
    });
  });
}
