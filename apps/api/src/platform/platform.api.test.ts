import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import sharp from 'sharp';
import { sqlitePragmas } from '../db/database.ts';
import { agencyId, bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../test-support/harness.ts';
import { unitOfAgency } from '../test-support/targets.ts';
import { sweepClocks } from './clocks/sweep.ts';

/** Cross-cutting behaviour over HTTP: health, docs, error model, policy, calendar, clocks, idempotency, files. */
for (const database of DATABASES) {
  describe(`platform API [${database}]`, () => {
    let t: TestApp;
    let clerk: string;
    let unitId: string;
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.211000');
      unitId = await unitOfAgency(t, '211000');
    });
    after(() => t.close());

    test('GET /api/health → {"status":"ok"}; OpenAPI lists the routes at /api/docs', async () => {
      const h = await t.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(h.statusCode, 200);
      assert.deepEqual(h.json(), { status: 'ok' });
      const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
      assert.equal(doc.statusCode, 200);
      const paths = Object.keys((doc.json() as { paths: object }).paths);
      for (const p of ['/api/v1/auth/login', '/api/v1/policies/resolved', '/api/v1/calendar/working-days/add', '/api/v1/audit/verify'])
        assert.ok(paths.includes(p), p);
    });

    test('errors have a stable code, a Chinese message and details naming the field', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/working-days/add?from=2026-09-30' });
      assert.equal(r.statusCode, 400);
      const body = r.json() as { code: string; message: string; details: { problems: { field: string }[] } };
      assert.equal(body.code, 'REQUEST.VALIDATION');
      assert.match(body.message, /days/);
      assert.match(body.message, /[\u4e00-\u9fa5]/);
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/working-days/add?from=2026-02-30&days=1' });
      assert.equal(bad.json().code, 'REQUEST.BAD_DATE');
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().code, 'RESOURCE.NOT_FOUND');
    });

    if (database === 'sqlite') {
      test('SQLite runs with WAL, synchronous=FULL and foreign keys on', async () => {
        const p = await sqlitePragmas(t.ctx.database);
        assert.equal(p.journal_mode, 'wal');
        assert.equal(Number(p.synchronous), 2);
        assert.equal(Number(p.foreign_keys), 1);
      });
    }

    if (database === 'postgres') {
      test('migrations create their own bookkeeping in a schema even when another schema of the database already has it', async () => {
        // This suite's app has migrated its schema already; a second store in another schema must still migrate.
        const second = await startTestApp('postgres', { demo: false });
        try {
          const r = await sql<{ n: string }>`select count(*) as n from kysely_migration`.execute(second.ctx.database.db);
          assert.ok(Number(r.rows[0]!.n) >= 1);
        } finally {
          await second.close();
        }
      });
    }

    test('policy: resolved by region code without login, each value with its provenance (Guangdong preset)', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/policies/resolved?agency=440106&at=2026-11-23&kind=licensing.exemption' });
      assert.equal(r.statusCode, 200);
      const p = (
        r.json() as {
          agency: { regionCode: string };
          policies: { values: { rules: { limit: number }[] }; provenance: Record<string, { source: string; regionCode: string }>; versionKey: string }[];
        }
      ).policies[0]!;
      assert.deepEqual(
        p.values.rules.map((x) => x.limit).sort((a, b) => a - b),
        [500, 1_000_000],
      );
      assert.equal(p.provenance.rules!.source, 'agency');
      assert.equal(p.provenance.rules!.regionCode, '440000');
      assert.equal(p.versionKey, 'licensing.exemption@national+440000v1');
      const byId = await t.app.inject({
        method: 'GET',
        url: `/api/v1/policies/resolved?agency=${await agencyId(t, '440100')}&at=2026-11-23&kind=licensing.exemption`,
      });
      assert.deepEqual(byId.json().policies[0].values, p.values);
      const before = await t.app.inject({ method: 'GET', url: '/api/v1/policies/resolved?agency=440100&at=2024-12-31&kind=licensing.exemption' });
      assert.equal(before.json().policies[0].provenance.rules.source, 'national', 'presets take effect on 2025-01-01');
    });

    test('policy: an administrator adds a new effective-dated version; validation and scope are enforced', async () => {
      const admin = await t.login('admin.211000');
      const agency = await agencyId(t, '211000');
      const body = {
        agencyId: agency,
        kind: 'licensing.inspection',
        effectiveFrom: '2027-01-01',
        values: { checkWorkingDays: 7 },
        legalBasis: { document: '辽阳市消防救援支队便民服务20项措施', clause: '第3项' },
      };
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/policies/versions', headers: bearer(admin), payload: body });
      assert.equal(created.statusCode, 201, created.body);
      const now = await t.app.inject({ method: 'GET', url: '/api/v1/policies/resolved?agency=211002&at=2026-12-31&kind=licensing.inspection' });
      assert.equal(now.json().policies[0].values.checkWorkingDays, 10);
      const later = await t.app.inject({ method: 'GET', url: '/api/v1/policies/resolved?agency=211002&at=2027-01-01&kind=licensing.inspection' });
      const p = later.json().policies[0];
      assert.equal(p.values.checkWorkingDays, 7);
      assert.equal(p.values.decisionWorkingDays, 3, 'fields not overridden are inherited');
      assert.equal(p.provenance.checkWorkingDays.legalBasis.clause, '第3项');
      assert.equal(p.provenance.decisionWorkingDays.source, 'national');

      const invalid = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policies/versions',
        headers: bearer(admin),
        payload: { ...body, values: { checkWorkingDays: 0, bogus: 1 } },
      });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().code, 'POLICY.INVALID_VALUES');
      assert.equal(invalid.json().details.problems.length, 2);
      // Refusals name the field by its label and say what is wrong in Chinese, as the web's generated form does.
      assert.ok(
        (invalid.json().details.problems as { message: string }[]).some((p) => p.message === '现场检查时限（工作日）：不能小于 1'),
        JSON.stringify(invalid.json().details.problems),
      );
      const past = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policies/versions',
        headers: bearer(admin),
        payload: { ...body, effectiveFrom: '2026-01-01' },
      });
      assert.equal(past.json().code, 'POLICY.EFFECTIVE_DATE_IN_PAST');
      const otherProvince = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policies/versions',
        headers: bearer(admin),
        payload: { ...body, agencyId: await agencyId(t, '440000') },
      });
      assert.equal(otherProvince.statusCode, 404);
      const clerkTry = await t.app.inject({ method: 'POST', url: '/api/v1/policies/versions', headers: bearer(clerk), payload: body });
      assert.equal(clerkTry.statusCode, 403);
      const versions = await t.ctx.database.db
        .selectFrom('policy_versions')
        .select('id')
        .where('agency_id', '=', agency)
        .where('kind', '=', 'licensing.inspection')
        .execute();
      assert.equal(versions.length, 1, 'refused requests wrote nothing');
    });

    test('calendar: 5 working days after 2026-09-30 is 2026-10-13 (10-10 is an adjusted working day); 2027 is provisional', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/working-days/add?from=2026-09-30&days=5&region=211000' });
      assert.equal(r.json().date, '2026-10-13');
      assert.equal(r.json().provisional, false);
      const p = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/working-days/add?from=2026-12-28&days=5&region=211000' });
      assert.equal(p.json().provisional, true);
      const w = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/is-working-day?date=2026-10-10' });
      assert.deepEqual({ working: w.json().working, provisional: w.json().provisional }, { working: true, provisional: false });
    });

    test('calendar: entering the 2027 schedule makes results final and recomputes provisional clocks', async () => {
      const c = await t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: bearer(clerk),
        payload: {
          targetType: 'unit',
          targetId: unitId,
          title: '跨年审查',
          unit: 'working_days',
          amount: 5,
          startedAt: '2026-12-29T02:00:00Z',
          legalBasis: { document: '测试' },
        },
      });
      assert.equal(c.json().provisional, true);
      // Without a 2027 schedule Friday 2027-01-01 would count as a working day: a provisional answer.
      assert.equal(c.json().dueDate, '2027-01-05');
      const provincialAdmin = await t.login('admin.210000');
      const nationalOnly = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        headers: bearer(provincialAdmin),
        payload: { region: '000000', sourceNotice: '国务院办公厅关于2027年部分节假日安排的通知', published: true, days: [] },
      });
      assert.equal(nationalOnly.statusCode, 403);
      const national = await t.login('admin.000000');
      const set = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        headers: bearer(national),
        payload: {
          region: '000000',
          sourceNotice: '国务院办公厅关于2027年部分节假日安排的通知',
          published: true,
          days: [
            { date: '2027-01-01', kind: 'holiday', name: '元旦' },
            { date: '2027-01-04', kind: 'holiday', name: '元旦' },
          ],
        },
      });
      assert.equal(set.statusCode, 200, set.body);
      assert.ok(set.json().recomputedClocks >= 1);
      const after = await t.app.inject({ method: 'GET', url: `/api/v1/clocks/${c.json().id}`, headers: bearer(clerk) });
      assert.equal(after.json().provisional, false);
      // 12-30, 12-31, (01-01 holiday, weekend, 01-04 holiday) 01-05, 01-06, 01-07
      assert.equal(after.json().dueDate, '2027-01-07');
    });

    test('clocks: pause for 补正 and resume move the due date; extension needs an approver; illegal transitions are 409', async () => {
      const c = await t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: bearer(clerk),
        payload: {
          targetType: 'unit',
          targetId: unitId,
          title: '国庆跨节审查',
          unit: 'working_days',
          amount: 5,
          startedAt: '2026-09-30T02:00:00Z',
          legalBasis: { document: '测试' },
        },
      });
      assert.equal(c.json().dueDate, '2026-10-13');
      const id = c.json().id as string;
      const illegal = await t.app.inject({ method: 'POST', url: `/api/v1/clocks/${id}/resume`, headers: bearer(clerk), payload: {} });
      assert.equal(illegal.statusCode, 409);
      assert.equal(illegal.json().code, 'CLOCK.ILLEGAL_TRANSITION');
      const noExtend = await t.app.inject({
        method: 'POST',
        url: `/api/v1/clocks/${id}/extend`,
        headers: bearer(clerk),
        payload: { reason: '想延长', amount: 5 },
      });
      assert.equal(noExtend.statusCode, 403);
      const approver = await t.login('approver.211000');
      const ext = await t.app.inject({
        method: 'POST',
        url: `/api/v1/clocks/${id}/extend`,
        headers: bearer(approver),
        payload: { reason: '经批准延长', amount: 5 },
      });
      assert.equal(ext.statusCode, 200, ext.body);
      assert.equal(ext.json().amount, 10);
      const hours = await t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: bearer(clerk),
        payload: {
          targetType: 'unit',
          targetId: unitId,
          title: '封堵安全出口举报核查',
          unit: 'hours',
          amount: 24,
          startedAt: '2026-10-01T10:30:00Z',
          legalBasis: { document: '《消防监督检查规定》', clause: '第三十条' },
        },
      });
      assert.equal(hours.json().dueAt, '2026-10-02T10:30:00.000Z', '24 hours are calendar hours, holidays included');
    });

    test('clock sweep: two processes sweeping at once raise each alert exactly once', async () => {
      t.clock.now = new Date('2026-11-23T02:00:00Z');
      const first = await Promise.all([sweepClocks(t.ctx, 'process-a'), sweepClocks(t.ctx, 'process-b')]);
      const second = await Promise.all([sweepClocks(t.ctx, 'process-a'), sweepClocks(t.ctx, 'process-b')]);
      const raised = first.reduce((s, r) => s + r.dueSoon + r.overdue, 0);
      assert.ok(raised > 0, 'demo data holds overdue clocks');
      assert.equal(
        second.reduce((s, r) => s + r.dueSoon + r.overdue, 0),
        0,
      );
      const alerts = await t.ctx.database.db
        .selectFrom('clock_alerts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // Each alert is one CLOCK_ALERT_RAISED event (the notification centre turns it into notifications).
      const emitted = await t.ctx.database.db
        .selectFrom('domain_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'clocks.alert_raised')
        .executeTakeFirstOrThrow();
      assert.equal(Number(alerts.n), raised);
      assert.equal(Number(emitted.n), raised);
      const mine = await t.app.inject({ method: 'GET', url: '/api/v1/clocks?mine=true&alert=overdue', headers: bearer(clerk) });
      assert.ok((mine.json() as { alert: string }[]).every((c) => c.alert === 'overdue'));
      assert.ok((mine.json() as unknown[]).length >= 1);
    });

    test('Idempotency-Key: 50 concurrent identical requests create one record and all get the same answer', async () => {
      const payload = { targetType: 'unit', targetId: unitId, title: '幂等测试', unit: 'working_days', amount: 3, legalBasis: { document: '测试' } };
      const headers = { ...bearer(clerk), 'idempotency-key': 'idem-test-0001' };
      const rs = await Promise.all(Array.from({ length: 50 }, () => t.app.inject({ method: 'POST', url: '/api/v1/clocks', headers, payload })));
      assert.ok(
        rs.every((r) => r.statusCode === 201),
        rs.map((r) => r.statusCode).join(','),
      );
      assert.equal(new Set(rs.map((r) => r.json().id)).size, 1);
      const rows = await t.ctx.database.db.selectFrom('clocks').select('id').where('title', '=', '幂等测试').execute();
      assert.equal(rows.length, 1);
      const reused = await t.app.inject({ method: 'POST', url: '/api/v1/clocks', headers, payload: { ...payload, amount: 4 } });
      assert.equal(reused.statusCode, 422);
      assert.equal(reused.json().code, 'IDEMPOTENCY.KEY_REUSED');
    });

    test('files: type decided by content, size limited, EXIF removed from JPEG, stored once by content', async () => {
      const up = (name: string, data: Buffer, type: string) => {
        const mp = multipartFile(name, data, type);
        return t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(clerk), ...mp.headers }, payload: mp.payload });
      };
      const png = await up('现场照片.png', TINY_PNG, 'image/png');
      assert.equal(png.statusCode, 201);
      assert.equal(png.json().contentType, 'image/png');
      const fake = await up('photo.png', Buffer.from('<script>alert(1)</script>'), 'image/png');
      assert.equal(fake.statusCode, 415);
      assert.equal(fake.json().code, 'FILE.TYPE_NOT_ALLOWED');
      const big = await up('big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(t.config.maxUploadBytes + 10)]), 'application/pdf');
      assert.equal(big.statusCode, 413);
      const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
        .jpeg()
        .withExif({ IFD0: { ImageDescription: 'GPS-31.2304N-121.4737E' } })
        .toBuffer();
      assert.ok(jpeg.includes(Buffer.from('GPS')), 'the photo carries the location');
      const j = await up('p.jpg', jpeg, 'image/jpeg');
      assert.equal(j.statusCode, 201);
      const got = await t.app.inject({ method: 'GET', url: `/api/v1/files/${j.json().id}`, headers: bearer(clerk) });
      assert.equal(got.statusCode, 200);
      assert.ok(!got.rawPayload.includes(Buffer.from('GPS')), 'EXIF removed');
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      const again = await up('same.png', TINY_PNG, 'image/png');
      assert.equal(again.json().sha256, png.json().sha256);
      const applicant = await t.login('applicant.440100');
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/files/${png.json().id}`, headers: bearer(applicant) })).statusCode, 404);
    });

    test('units: the USCI check character is verified; lists mask personal data', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: bearer(clerk),
        payload: { usci: '91211000MA0000000X', name: '测试单位', address: '测试路', regionCode: '211000' },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'UNIT.USCI_INVALID');
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/units?limit=5', headers: bearer(clerk) })).json() as {
        items: { contactPhone: string }[];
      };
      assert.ok(list.items.every((u) => /^\d{3}\*{4}\d{4}$/.test(u.contactPhone)));
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM units WHERE region_code LIKE '2110%'`.execute(t.ctx.database.db);
      assert.ok(Number(count.rows[0]!.n) >= 300, 'a few hundred demo units per city');
    });
  });
}
