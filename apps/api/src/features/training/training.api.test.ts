import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

const DAY = 86_400_000;
const N = 20;

for (const database of DATABASES) {
  describe(`online training [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106', 'inspector.440106']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    const course = (title: string) => ({
      title,
      kind: 'video',
      resource: 'https://example.org/training/fire-101.mp4',
      durationMinutes: 45,
      audience: '单位消防安全管理人、员工',
    });

    test('SVC-04 staff publish a course; a person completes it once; archives and the due reminder follow the retraining interval', async () => {
      const clerk = tok['clerk.440106']!;
      const app = tok['applicant.440106']!;
      const bad = await call(
        t,
        clerk,
        'POST',
        '/api/v1/training/courses',
        { ...course('无效资料'), resource: 'not-a-file' },
        { 'idempotency-key': 'course-bad-0001' },
      );
      assert.deepEqual([bad.status, bad.body.code], [400, 'TRAINING.INVALID']);
      // Only staff who manage training publish; an applicant cannot.
      assert.equal((await call(t, app, 'POST', '/api/v1/training/courses', course('越权'), { 'idempotency-key': 'course-app-0001' })).status, 403);
      const c = await call(t, clerk, 'POST', '/api/v1/training/courses', course('消防安全“四个能力”培训'), { 'idempotency-key': 'course-ok-00001' });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      assert.equal(c.body.kindLabel, '视频课程');

      // Before any training the unit's person is on the due list.
      const before = await call(t, app, 'GET', '/api/v1/training/archive/unit');
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.equal(before.body.retrainIntervalMonths, 12);
      assert.match(before.body.legalBasis, /第三十六条/);
      assert.ok(before.body.dueNames.length >= 1);

      const list = await call(t, app, 'GET', '/api/v1/training/courses?region=440106');
      const listed = list.body.items.find((x: Json) => x.id === c.body.id);
      assert.equal(listed.completed, false);
      const done = await call(t, app, 'POST', `/api/v1/training/courses/${c.body.id}/completions`);
      assert.equal(done.status, 201, JSON.stringify(done.body));
      const again = await call(t, app, 'POST', `/api/v1/training/courses/${c.body.id}/completions`);
      assert.deepEqual([again.status, again.body.code], [409, 'TRAINING.ALREADY_COMPLETED']);
      assert.equal((await call(t, app, 'GET', '/api/v1/training/courses?region=440106')).body.items.find((x: Json) => x.id === c.body.id).completed, true);

      const mine = await call(t, app, 'GET', '/api/v1/training/archive/me');
      assert.equal(mine.status, 200);
      assert.equal(mine.body.items.length, 1);
      assert.equal(mine.body.totalMinutes, 45);
      assert.equal(mine.body.due, false);
      const unit = await call(t, app, 'GET', '/api/v1/training/archive/unit');
      assert.equal(unit.body.items.length, 1);
      assert.deepEqual(unit.body.dueNames, before.body.dueNames.slice(1));

      // Staff complete courses too, into their own archive (not the unit's); a staff account has no unit archive.
      const insp = tok['inspector.440106']!;
      assert.equal((await call(t, insp, 'POST', `/api/v1/training/courses/${c.body.id}/completions`)).status, 201);
      assert.equal((await call(t, insp, 'GET', '/api/v1/training/archive/me')).body.items.length, 1);
      assert.equal((await call(t, insp, 'GET', '/api/v1/training/archive/unit')).status, 403);
      assert.equal((await call(t, app, 'GET', '/api/v1/training/archive/unit')).body.items.length, 1);

      // Twelve months later the person is due again.
      t.clock.advance(366 * DAY);
      for (const u of Object.keys(tok)) tok[u] = await t.login(u);
      const later = await call(t, tok['applicant.440106']!, 'GET', '/api/v1/training/archive/me');
      assert.equal(later.body.due, true);
      assert.deepEqual((await call(t, tok['applicant.440106']!, 'GET', '/api/v1/training/archive/unit')).body.dueNames, before.body.dueNames);
    });

    test('SVC-04 20 parallel identical completions of one course leave one record', async () => {
      const c = await call(t, tok['clerk.440106']!, 'POST', '/api/v1/training/courses', course('并发测试课程'), { 'idempotency-key': 'course-par-0001' });
      assert.equal(c.status, 201);
      const rs = await Promise.all(
        Array.from({ length: N }, () => call(t, tok['applicant.440106']!, 'POST', `/api/v1/training/courses/${c.body.id}/completions`)),
      );
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.equal(rs.filter((r) => r.status === 201).length, 1);
      for (const r of rs.filter((x) => x.status !== 201)) assert.deepEqual([r.status, r.body.code], [409, 'TRAINING.ALREADY_COMPLETED']);
      const rows = await t.ctx.database.db.selectFrom('training_completions').select('id').where('course_id', '=', c.body.id).execute();
      assert.equal(rows.length, 1);
    });
  });
}
