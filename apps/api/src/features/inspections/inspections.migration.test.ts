import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Kysely, Migrator, sql } from 'kysely';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest, migrations, underSchemaLock } from '../../db/migrations/index.ts';
import { DATABASES } from '../../test-support/harness.ts';
import { dropSchema, pgAdmin } from '../../test-support/pg-schema.ts';
import { assignedTo, inspectorsOfTasks } from './inspections.repository.ts';
import { newInspectionTask } from './new-task.ts';

/** Migrations 0030 and 0786: a store with tasks before the join table keeps every task's inspectors, in order. */
for (const kind of DATABASES) {
  describe(`inspection task inspectors migration [${kind}]`, () => {
    test('SUP-09 existing inspector arrays are copied into inspection_task_inspectors; assignedTo finds them', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fep-mig30-'));
      const pgSchema = kind === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
      if (pgSchema) await pgAdmin(`CREATE SCHEMA ${pgSchema}`);
      const database = openDatabase({ dataDir, databaseUrl: kind === 'postgres' ? process.env.DATABASE_URL : undefined, pgSchema });
      try {
        const db = database.db;
        const migrator = new Migrator({
          db: db as unknown as Kysely<unknown>,
          provider: { getMigrations: async () => migrations(database.dialect) },
          ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
        });
        const r = await underSchemaLock(db as unknown as Kysely<unknown>, database.dialect, () => migrator.migrateTo('0025_platform_domain_events'));
        assert.ifError(r.error);
        const now = '2026-11-20T02:00:00.000Z';
        await db
          .insertInto('agencies')
          .values({
            id: 'ag',
            parent_id: null,
            name: '测试支队',
            short_name: '测试支队',
            level: 'detachment',
            region_code: '211000',
            path: '/ag/',
            created_at: now,
          } as never)
          .execute();
        const base = {
          agency_id: 'ag',
          agency_path: '/ag/',
          region_code: '211000',
          purpose: 'random' as const,
          usci: 'X',
          subject_name: '某单位',
          venue_address: '某地',
          status: 'assigned' as const,
        };
        const a = newInspectionTask({ ...base, inspector_ids_json: '["u-2","u-1"]' }, now);
        const b = newInspectionTask({ ...base, inspector_ids_json: '["u-3","u-2"]' }, now);
        const c = newInspectionTask({ ...base, status: 'unassigned', inspector_ids_json: '[]' }, now);
        // Rows as a store before 0030 held them (no version column yet: 0031 adds it).
        const legacy = [a, b, c].map(({ version: _v, trigger_key: _k, ...row }) => row);
        await db.insertInto('inspection_tasks').values(legacy).execute();

        await migrateToLatest(db as never, database.dialect);
        // The join rows, through 0030's copy and 0786's rebuild keyed by (user, task), in the task's order.
        const joined = await db.selectFrom('inspection_task_inspectors').select(['task_id', 'user_id', 'position']).execute();
        const byTask = (id: string) =>
          joined
            .filter((j) => j.task_id === id)
            .sort((x, y) => x.position - y.position)
            .map((j) => j.user_id);
        assert.deepEqual(byTask(a.id), ['u-2', 'u-1'], 'order kept');
        assert.deepEqual(byTask(b.id), ['u-3', 'u-2']);
        assert.deepEqual(byTask(c.id), []);
        const ids = await inspectorsOfTasks(db, [a.id, b.id, c.id]);
        assert.deepEqual(ids.get(a.id), ['u-2', 'u-1']);
        assert.deepEqual(ids.get(c.id), []);
        const mine = await db.selectFrom('inspection_tasks').select('id').where(assignedTo('u-2')).orderBy('id').execute();
        assert.deepEqual(
          mine.map((m) => m.id),
          [a.id, b.id].sort(),
        );
        const n = await sql<{ n: number | string }>`select count(*) as n from inspection_task_inspectors`.execute(db);
        assert.equal(Number(n.rows[0]!.n), 4);
      } finally {
        await database.close();
        if (pgSchema) await dropSchema(pgSchema);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
