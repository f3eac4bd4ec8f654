import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { recordCreditEvent, withdrawSourceRecords } from './index.ts';

/**
 * CRD-01: a unit's 消防安全责任人 and 消防安全管理人 as credit subjects. Staff set them (the ID number checked by its
 * check character and kept only as a one-way key); the unit's serious records extend to both under the national
 * default of `credit.person_liability`, general ones do not; a person responsible for two units is one subject;
 * withdrawing the source withdraws theirs; 20 parallel identical settings change once.
 */
const ID_A = '11010519491231002X';
const ID_B = '440106199003070036';

for (const database of DATABASES) {
  describe(`credit: a unit's responsible persons [${database}]`, () => {
    let t: TestApp;
    let units: { id: string; usci: string; agency_id: string; name: string }[];
    before(async () => {
      t = await startTestApp(database);
      units = await t.ctx.database.db
        .selectFrom('units')
        .select(['id', 'usci', 'agency_id', 'name'])
        .where('region_code', '=', '211000')
        .orderBy('id')
        .limit(2)
        .execute();
    });
    after(() => t.close());

    const record = (usci: string, severity: 'general' | 'serious', sourceId: string) =>
      recordCreditEvent(t.ctx, systemActor(), {
        usci,
        agencyId: units[0]!.agency_id,
        kind: 'penalty',
        severity,
        reason: `测试处罚 ${sourceId}`,
        sourceType: 'enforcement_case',
        sourceId,
        occurredAt: t.clock.now.toISOString(),
      });

    test('CRD-01 staff set the responsible persons; a wrong ID number or another agency is refused', async () => {
      const clerk = await t.login('clerk.211000');
      const url = `/api/v1/units/${units[0]!.id}/responsible-persons`;
      const bad = await call(t, clerk, 'PUT', url, { responsible: { name: '张三', idNumber: '110105194912310021' }, manager: null });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'UNIT.ID_NUMBER_INVALID');
      assert.match(bad.body.message, /消防安全责任人的居民身份证号码不正确/);
      const far = await t.login('clerk.440100');
      assert.equal((await call(t, far, 'PUT', url, { responsible: { name: '张三', idNumber: ID_A }, manager: null })).status, 404);
      const ok = await call(t, clerk, 'PUT', url, { responsible: { name: '张三', idNumber: ID_A }, manager: { name: '李四', idNumber: ID_B } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(
        ok.body.responsiblePersons.map((p: Json) => `${p.roleLabel}:${p.name}`),
        ['消防安全责任人:张三', '消防安全管理人:李四'],
      );
      assert.ok(!JSON.stringify(ok.body).includes(ID_A), 'no ID number in the answer');
      const row = await t.ctx.database.db.selectFrom('units').selectAll().where('id', '=', units[0]!.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes(ID_A.slice(0, 14)), 'no ID number stored');
      // The same person is responsible for the second unit too.
      const second = await call(t, clerk, 'PUT', `/api/v1/units/${units[1]!.id}/responsible-persons`, {
        responsible: { name: '张三', idNumber: ID_A.toLowerCase() },
        manager: null,
      });
      assert.equal(second.status, 200, JSON.stringify(second.body));
      // Lists mask the names.
      const list = await call(t, clerk, 'GET', `/api/v1/units?q=${units[0]!.usci}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const listed = list.body.items.find((u: Json) => u.id === units[0]!.id);
      assert.equal(listed.responsiblePersons[0].name, '张*');
    });

    test('CRD-01 a serious record extends to both persons, a general one does not; one subject across two units; withdrawn with its source', async () => {
      await record(units[0]!.usci, 'general', `general-${database}`);
      await record(units[0]!.usci, 'serious', `serious-${database}`);
      await record(units[1]!.usci, 'serious', `serious2-${database}`);
      const leader = await t.login('leader.211000');
      const view = await call(t, leader, 'GET', `/api/v1/credit/units/${units[0]!.usci}`);
      assert.equal(view.status, 200, JSON.stringify(view.body));
      const persons = view.body.persons as Json[];
      assert.deepEqual(
        persons.map((p) => p.roleLabel),
        ['消防安全责任人', '消防安全管理人'],
      );
      const zhang = persons[0]!.credit;
      const li = persons[1]!.credit;
      assert.equal(zhang.name, '张三');
      assert.equal(zhang.records.length, 2, 'serious records of both units he is responsible for');
      for (const r of zhang.records) assert.match(r.reason, /作为.*的消防安全责任人：测试处罚 serious/);
      assert.equal(li.records.length, 1);
      assert.ok(zhang.score < 100 || zhang.level !== 'A', JSON.stringify(zhang));
      // The unit itself does not see its persons' credit.
      const owner = await t.ctx.database.db.selectFrom('units').select('owner_user_id').where('id', '=', units[0]!.id).executeTakeFirst();
      if (owner?.owner_user_id) {
        const applicant = await t.login('applicant.211000');
        const own = await call(t, applicant, 'GET', `/api/v1/credit/units/${units[0]!.usci}`);
        if (own.status === 200) assert.deepEqual(own.body.persons, []);
      }
      // Revoked: the unit's record and the persons' are withdrawn together.
      await withdrawSourceRecords(t.ctx, systemActor(), { sourceType: 'enforcement_case', sourceId: `serious-${database}`, reason: '处罚决定已撤销' });
      const again = await call(t, leader, 'GET', `/api/v1/credit/units/${units[0]!.usci}`);
      const statuses = (again.body.persons[0].credit.records as Json[]).map((r) => r.status).sort();
      assert.deepEqual(statuses, ['active', 'withdrawn']);
      assert.deepEqual(
        (again.body.persons[1].credit.records as Json[]).map((r) => r.status),
        ['withdrawn'],
      );
    });

    if (database === 'postgres') {
      test('CRD-01 20 parallel identical settings of the persons change them once', async () => {
        const clerk = await t.login('clerk.211000');
        const url = `/api/v1/units/${units[1]!.id}/responsible-persons`;
        const body = { responsible: { name: '王五', idNumber: ID_B }, manager: null };
        const rs = await Promise.all(Array.from({ length: 20 }, () => call(t, clerk, 'PUT', url, body)));
        for (const r of rs) assert.ok(r.status === 200 || (r.status === 409 && r.body.code === 'REQUEST.CONFLICT'), `${r.status} ${JSON.stringify(r.body)}`);
        const changes = await t.ctx.database.db
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'unit.responsible_persons')
          .where('target_id', '=', units[1]!.id)
          .execute();
        // The earlier setting in the first test, and this one once.
        assert.equal(changes.length, 2);
      });
    }
  });
}
