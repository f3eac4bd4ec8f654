import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type SqlBool, sql } from 'kysely';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { pathRange, scopeFilter } from './scope.ts';

test('pathRange bounds exactly the paths a path prefixes, whatever characters ids use', () => {
  const { from, to } = pathRange('/a1-b/c~d/');
  assert.deepEqual({ from, to }, { from: '/a1-b/c~d/', to: '/a1-b/c~d0' });
  const inRange = (p: string) => p >= from && p < to;
  for (const p of ['/a1-b/c~d/', '/a1-b/c~d/x/', '/a1-b/c~d/~~/', '/a1-b/c~d/\u{10FFFF}/']) assert.ok(inRange(p), p);
  // Neighbours that sort just before or after the subtree: a sibling id sharing the prefix, '-' and '.' (below '/').
  for (const p of ['/a1-b/c~d', '/a1-b/c~d0/', '/a1-b/c~d-/', '/a1-b/c~d./', '/a1-b/c~e/', '/a1-b/']) assert.equal(inRange(p), false, p);
});

for (const database of DATABASES) {
  describe(`data scope as a path range [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('the range selects the same units, clocks and agencies as the prefix test it replaced, for every agency', async () => {
      const { db } = t.ctx.database;
      const agencies = await db.selectFrom('agencies').select('path').execute();
      assert.ok(agencies.length > 5);
      for (const { path } of agencies) {
        const scope = { kind: 'agency_and_below' as const, agencyPath: path };
        const prefix = (col: string) => sql<SqlBool>`substr(${sql.ref(col)}, 1, ${path.length}) = ${path}`;
        const units = await db
          .selectFrom('units')
          .select('id')
          .where(scopeFilter(scope, { agencyPath: 'units.agency_path' }))
          .orderBy('id')
          .execute();
        const unitsOld = await db.selectFrom('units').select('id').where(prefix('units.agency_path')).orderBy('id').execute();
        assert.deepEqual(units, unitsOld, path);
        const walked = await db
          .selectFrom('units')
          .select('id')
          .where(scopeFilter(scope, { agencyPath: 'units.agency_path' }, { byIndex: false }))
          .orderBy('id')
          .execute();
        assert.deepEqual(walked, unitsOld, path);
        const clocks = await db
          .selectFrom('clocks')
          .select('id')
          .where(scopeFilter(scope, { agencyPath: 'clocks.agency_path' }))
          .orderBy('id')
          .execute();
        assert.deepEqual(clocks, await db.selectFrom('clocks').select('id').where(prefix('clocks.agency_path')).orderBy('id').execute(), path);
        const below = await db
          .selectFrom('agencies')
          .select('id')
          .where(scopeFilter(scope, { agencyPath: 'agencies.path' }))
          .orderBy('id')
          .execute();
        assert.deepEqual(below, await db.selectFrom('agencies').select('id').where(prefix('agencies.path')).orderBy('id').execute(), path);
      }
    });
  });
}
