import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type Kysely, Migrator, sql } from 'kysely';
import { buildApp, createContext } from '../app.ts';
import { loadConfig } from '../config.ts';
import { seedReferenceData } from '../demo/reference.ts';
import { seedDemoData } from '../demo/seed.ts';
import { createClock } from '../platform/clock.ts';
import { EventBus } from '../platform/events/bus.ts';
import { DATABASES, DEMO_PASSWORD, type TestDatabase } from '../test-support/harness.ts';
import { dropSchema, pgAdmin } from '../test-support/pg-schema.ts';
import { type Database, openDatabase } from './database.ts';
import { LEGACY_MIGRATIONS, migrateToLatest, migrations, underSchemaLock } from './migrations/index.ts';
import { legacyMigrations } from './testing/legacy-migrations.ts';

/**
 * Stores created before the per-feature split carry the legacy migration names. These tests build such a
 * store with the frozen legacy migrations, fill it, and move it forward with today's `migrateToLatest`.
 */

interface Store {
  database: Database;
  dataDir: string;
  pgSchema: string | undefined;
  drop(): Promise<void>;
}

/** An empty store: a new SQLite file, or a new PostgreSQL schema (as the API test harness does). */
async function emptyStore(kind: TestDatabase): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-mig-'));
  const pgSchema = kind === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  if (pgSchema) await pgAdmin(`CREATE SCHEMA ${pgSchema}`);
  const database = openDatabase({ dataDir, databaseUrl: kind === 'postgres' ? process.env.DATABASE_URL : undefined, pgSchema });
  const store: Store = {
    database,
    dataDir,
    pgSchema,
    async drop() {
      // The store's database may have been replaced by the one of a context started on it: close both.
      await database.close().catch(() => {});
      if (store.database !== database) await store.database.close().catch(() => {});
      if (pgSchema) await dropSchema(pgSchema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return store;
}

/** Runs the legacy migrations exactly as the code before the split did (up to `upTo`, or all of them). */
async function migrateLegacy(store: Store, upTo?: string): Promise<void> {
  const db = store.database.db as unknown as Kysely<unknown>;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => legacyMigrations(store.database.dialect) },
    ...(store.pgSchema ? { migrationTableSchema: store.pgSchema } : {}),
  });
  const { error, results } = await underSchemaLock(db, store.database.dialect, () => (upTo ? migrator.migrateTo(upTo) : migrator.migrateToLatest()));
  if (error) throw error;
  assert.ok(results?.every((r) => r.status === 'Success'));
}

async function bookkeeping(store: Store): Promise<{ name: string; timestamp: string }[]> {
  const r = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(store.database.db);
  return r.rows;
}

const COUNTED = ['agencies', 'users', 'units', 'applications', 'audit_events', 'policy_versions', 'inspectors'] as const;

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COUNTED) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(store.database.db);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

/**
 * Everything that makes up the schema, in a form two stores can be compared by: SQLite's own DDL text, or
 * PostgreSQL's catalogue (columns, constraints, indexes, triggers, functions) with the schema name removed.
 * Kysely's own bookkeeping tables are left out.
 */
async function schemaOf(store: Store): Promise<unknown> {
  const { db } = store.database;
  if (store.database.dialect === 'sqlite') {
    const r = await sql`select type, name, tbl_name, sql from sqlite_master where tbl_name not like 'kysely_%' order by type, name`.execute(db);
    return r.rows;
  }
  const s = store.pgSchema!;
  const queries = {
    columns: sql`select table_name, column_name, ordinal_position, data_type, is_nullable, column_default from information_schema.columns
      where table_schema = ${s} and table_name not like 'kysely_%' order by table_name, ordinal_position`,
    constraints: sql`select t.relname as table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) as def from pg_constraint c
      join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = c.connamespace
      where n.nspname = ${s} and t.relname not like 'kysely_%' order by t.relname, c.conname`,
    indexes: sql`select tablename, indexname, indexdef from pg_indexes where schemaname = ${s} and tablename not like 'kysely_%' order by tablename, indexname`,
    triggers: sql`select event_object_table, trigger_name, event_manipulation, action_timing, action_statement from information_schema.triggers
      where trigger_schema = ${s} order by event_object_table, trigger_name, event_manipulation`,
    functions: sql`select p.proname, p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${s} order by p.proname`,
  };
  const out: Record<string, unknown> = {};
  for (const [k, q] of Object.entries(queries)) out[k] = (await q.execute(db)).rows;
  return JSON.parse(JSON.stringify(out).replaceAll(`${s}.`, 'SCHEMA.'));
}

/** Copies every row of the legacy store's tables from a current store, restricted to the legacy columns. */
async function copyIntoLegacy(from: Store, to: Store): Promise<void> {
  const tablesOf = async (store: Store): Promise<Map<string, string[]>> => {
    const db = store.database.db;
    const rows =
      store.database.dialect === 'sqlite'
        ? (
            await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p
              where m.type = 'table' and m.name not like 'kysely_%' and m.name not like 'sqlite_%' order by m.name, p.cid`.execute(db)
          ).rows
        : (
            await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
              where table_schema = ${store.pgSchema!} and table_name not like 'kysely_%' order by table_name, ordinal_position`.execute(db)
          ).rows;
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.t, [...(out.get(r.t) ?? []), r.c]);
    return out;
  };
  const target = await tablesOf(to);
  const source = await tablesOf(from);
  // Parents before children (foreign keys): a table whose insert is refused waits for the next pass.
  let pending = [...target.keys()].filter((t) => !/^audit_(events|chain_heads)$/.test(t) && source.has(t));
  const db = to.database.db;
  if (to.database.dialect === 'sqlite') {
    await sql`pragma foreign_keys = off`.execute(db);
    await sql.raw(`attach database '${join(from.dataDir, 'fep.sqlite').replaceAll("'", "''")}' as src`).execute(db);
  }
  try {
    for (let pass = 0; pending.length && pass < 10; pass++) {
      const later: string[] = [];
      for (const table of pending) {
        const cols = target.get(table)!.filter((c) => source.get(table)!.includes(c));
        const list = cols.map((c) => `"${c}"`).join(', ');
        const from_ = to.database.dialect === 'sqlite' ? `src."${table}"` : `${from.pgSchema}."${table}"`;
        const into = to.database.dialect === 'sqlite' ? `main."${table}"` : `${to.pgSchema}."${table}"`;
        await sql
          .raw(`insert into ${into} (${list}) select ${list} from ${from_}`)
          .execute(db)
          .catch(() => later.push(table));
      }
      pending = later;
    }
    assert.deepEqual(pending, [], 'every legacy table received its rows');
  } finally {
    if (to.database.dialect === 'sqlite') {
      await sql`detach database src`.execute(db);
      await sql`pragma foreign_keys = on`.execute(db);
    }
  }
}

/** A permit application and an enforcement-record event, written directly: the demo data has neither. */
async function addRepresentativeRows(store: Store): Promise<void> {
  const { db } = store.database;
  const agency = await db.selectFrom('agencies').select(['id', 'path', 'region_code']).where('region_code', '=', '211000').executeTakeFirstOrThrow();
  const applicant = await db.selectFrom('users').select('id').where('kind', '=', 'applicant').orderBy('id').executeTakeFirstOrThrow();
  const now = '2026-11-20T02:00:00.000Z';
  await db
    .insertInto('applications')
    .values({
      id: '01900000-0000-7000-8000-000000000001',
      reference_no: 'LEGACY-0001',
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      applicant_user_id: applicant.id,
      usci: '91210100MA0000001X',
      company_name: '迁移测试商贸有限公司',
      legal_representative: '张三',
      contact_name: '李四',
      contact_phone: '13800000000',
      venue_name: '迁移测试门店',
      venue_address: '辽宁省沈阳市和平区测试路 1 号',
      venue_kind: 'retail',
      floor_area: 450,
      investment: null,
      path: 'inspection',
      status: 'submitted',
      materials_json: '{}',
      pending_json: '[]',
      commitment_json: null,
      appointment_json: null,
      exemption_json: null,
      policy_json: '{}',
      clock_id: null,
      decision_json: null,
      licence_id: null,
      version: 1,
      submitted_at: now,
      accepted_at: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('audit_events')
    .values({
      id: '01900000-0000-7000-8000-000000000002',
      chain_id: 'application:01900000-0000-7000-8000-000000000001',
      seq: 1,
      occurred_at: now,
      actor_user_id: applicant.id,
      actor_role: 'applicant',
      actor_agency_id: null,
      action: 'licensing.application.submit',
      target_type: 'application',
      target_id: '01900000-0000-7000-8000-000000000001',
      outcome: 'success',
      source_ip: null,
      request_id: null,
      policy_version: null,
      change_digest: '',
      details: '{}',
      prev_hash: '',
      hash: 'legacy',
    })
    .execute();
}

const NEW_NAMES = Object.keys(migrations('sqlite')).sort();

test('every file in db/migrations is listed under its own name, and the legacy names cover the first ones in order', () => {
  const files = readdirSync(new URL('./migrations/', import.meta.url))
    .filter((f) => f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(NEW_NAMES, files);
  assert.deepEqual(Object.keys(migrations('postgres')).sort(), files);
  const legacyCovered = Object.values(LEGACY_MIGRATIONS).flat();
  assert.deepEqual(legacyCovered, NEW_NAMES.slice(0, legacyCovered.length));
});

for (const kind of DATABASES) {
  describe(`migrations on ${kind}`, () => {
    const stores: Store[] = [];
    const track = async (s: Promise<Store>) => {
      const store = await s;
      stores.push(store);
      return store;
    };
    after(async () => {
      for (const s of stores) await s.drop();
    });

    // The legacy migrations, then every migration added after the split: the schema a fresh store must have.
    const legacyThenLatest = async () => {
      const legacy = await track(emptyStore(kind));
      await migrateLegacy(legacy);
      await migrateToLatest(legacy.database.db as never, kind);
      return legacy;
    };

    test('a fresh store runs every per-feature migration and ends with the schema the legacy migrations built (plus the later ones)', async () => {
      const fresh = await track(emptyStore(kind));
      await migrateToLatest(fresh.database.db as never, kind);
      assert.deepEqual(
        (await bookkeeping(fresh)).map((r) => r.name),
        NEW_NAMES,
      );
      assert.deepEqual(await schemaOf(fresh), await schemaOf(await legacyThenLatest()));
    });

    test('a store created before the split moves forward without re-running anything or losing data, and the app starts on it', async () => {
      const store = await track(emptyStore(kind));
      await migrateLegacy(store);
      const config = loadConfig({
        DATA_DIR: store.dataDir,
        FEP_DEMO: 'true',
        FEP_DEMO_PASSWORD: DEMO_PASSWORD,
        FEP_LOG_LEVEL: 'silent',
        FEP_SWEEP_CRON: '',
        ...(kind === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL! } : {}),
      });
      const keys = { auditKey: randomBytes(32), sealMasterKey: randomBytes(32) };
      const now = () => new Date('2026-11-23T02:00:00Z');
      // The demo data as today's code writes it, copied into the legacy tables (their columns only): today's
      // seed may need tables the legacy schema does not have yet.
      const source = await track(emptyStore(kind));
      await migrateToLatest(source.database.db as never, kind);
      const sourceCtx = { database: source.database, config, ...keys, now, clock: createClock(), events: new EventBus() };
      await seedReferenceData(sourceCtx);
      assert.equal(await seedDemoData(sourceCtx), true);
      await copyIntoLegacy(source, store);
      await addRepresentativeRows(store);
      const before = await counts(store);
      for (const t of COUNTED) assert.ok(before[t]! > 0, `${t} has rows in the legacy store`);
      const legacyRows = await bookkeeping(store);
      assert.deepEqual(
        legacyRows.map((r) => r.name),
        ['0001_foundation', '0002_licensing', '0003_supervision'],
      );
      await store.database.close();

      // Start the product on that store exactly as main.ts does: open, migrate, seed reference data.
      const ctx = await createContext(config, {
        ...(store.pgSchema ? { pgSchema: store.pgSchema } : {}),
        ...keys,
        clock: { ...createClock(now()), shifted: true },
      });
      store.database = ctx.database;
      assert.equal(ctx.demoLoaded, false, 'the demo data was already there');
      assert.deepEqual(await counts(store), before);
      const fresh = await track(emptyStore(kind));
      await migrateToLatest(fresh.database.db as never, kind);
      assert.deepEqual(await schemaOf(store), await schemaOf(fresh));
      const rows = await bookkeeping(store);
      assert.deepEqual(
        rows.map((r) => r.name),
        NEW_NAMES,
      );
      const stampOf = new Map(legacyRows.map((r) => [r.name, r.timestamp]));
      for (const [legacy, names] of Object.entries(LEGACY_MIGRATIONS)) {
        for (const name of names) assert.equal(rows.find((r) => r.name === name)?.timestamp, stampOf.get(legacy), `${name} keeps the time ${legacy} ran`);
      }

      const app = await buildApp(ctx, { serveWeb: false });
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.211000', password: DEMO_PASSWORD } });
        assert.equal(login.statusCode, 200, login.body);
        const token = (login.json() as { token: string }).token;
        const list = await app.inject({ method: 'GET', url: '/api/v1/licensing/applications', headers: { authorization: `Bearer ${token}` } });
        assert.equal(list.statusCode, 200, list.body);
        const items = (list.json() as { items: { referenceNo: string }[] }).items;
        assert.deepEqual(
          items.map((i) => i.referenceNo),
          ['LEGACY-0001'],
        );
      } finally {
        await app.close();
      }
    });

    test("0120 carries the clock sweep's queued alerts (the outbox nothing delivered) into the notification centre and drops the outbox", async () => {
      const store = await track(emptyStore(kind));
      const db = store.database.db as unknown as Kysely<unknown>;
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => migrations(store.database.dialect) },
        ...(store.pgSchema ? { migrationTableSchema: store.pgSchema } : {}),
      });
      const { error } = await underSchemaLock(db, store.database.dialect, () => migrator.migrateTo('0070_platform_jsonb'));
      if (error) throw error;
      await sql`insert into outbox (id, channel, recipient_user_id, subject, body, created_at, sent_at) values
        ('o1', 'log', 'u1', '【已超期】现场检查时限', '现场检查时限，办理期限 2026-11-20，依据 《消防监督检查规定》第二十条。', '2026-11-20T00:00:00.000Z', null),
        ('o2', 'log', 'u2', '【即将到期】决定时限', '决定时限……', '2026-11-21T00:00:00.000Z', null),
        ('o3', 'log', null, '【即将到期】无人负责', '……', '2026-11-21T00:00:00.000Z', null)`.execute(db);
      await migrateToLatest(db, kind);
      const rows = await sql<{ user_id: string; kind: string; title: string; link: string; read_at: string | null }>`
        select user_id, kind, title, link, read_at from notifications order by user_id`.execute(db);
      assert.deepEqual(rows.rows, [
        { user_id: 'u1', kind: 'clock_overdue', title: '【已超期】现场检查时限', link: '/admin/clocks', read_at: null },
        { user_id: 'u2', kind: 'clock_due_soon', title: '【即将到期】决定时限', link: '/admin/clocks', read_at: null },
      ]);
      await assert.rejects(sql`select id from outbox`.execute(db));
    });

    for (const upTo of ['0001_foundation', '0002_licensing']) {
      test(`a store that had run the legacy migrations only up to ${upTo} gets the rest, and the full schema`, async () => {
        const store = await track(emptyStore(kind));
        await migrateLegacy(store, upTo);
        const legacyRows = await bookkeeping(store);
        await migrateToLatest(store.database.db as never, kind);
        const rows = await bookkeeping(store);
        assert.deepEqual(
          rows.map((r) => r.name),
          NEW_NAMES,
        );
        // Only the groups the store had run are translated (they keep the legacy timestamp); the rest ran now.
        for (const { name: legacy, timestamp } of legacyRows) {
          for (const name of LEGACY_MIGRATIONS[legacy]!) assert.equal(rows.find((r) => r.name === name)?.timestamp, timestamp);
        }
        assert.deepEqual(await schemaOf(store), await schemaOf(await legacyThenLatest()));
      });
    }
  });
}
