import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { sharedStringItems, workbookParts, writeZip } from '../../test-support/xlsx-zip.ts';

/**
 * The unit importer is bounded (issue 10 item 6): an XLSX is checked for what its ZIP inflates to before any XML
 * is parsed — in all, in shared strings (bytes and items), and entry by entry against what the file declares —
 * and both formats for rows and record length. A bomb gets a clear 413 and the process's memory stays flat.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = '统一社会信用代码,单位名称,地址,行政区划代码,场所类别,建筑面积,重点单位,风险等级,信用等级,自我管理承诺,联系人,联系电话';
const dir = mkdtempSync(join(tmpdir(), 'fep-import-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('an XLSX bomb (small file, 189 MB of shared strings) gets 413 UNIT.IMPORT_TOO_LARGE and resident memory rises by less than 100 MB', async () => {
  const bomb = join(dir, 'bomb.xlsx');
  // 186,000 strings of 1,000 characters: 189 MB of XML in a file of a few hundred kilobytes.
  await writeZip(
    bomb,
    workbookParts(() => sharedStringItems(186_000, 1_000)),
  );
  const size = readFileSync(bomb).length;
  assert.ok(size < 1024 * 1024, `the bomb is ${size} bytes`);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', new URL('../../test-support/import-bomb-child.ts', import.meta.url).pathname, bomb],
    {
      encoding: 'utf8',
      env: { ...process.env, FEP_LOG_LEVEL: 'silent' },
      timeout: 240_000,
    },
  );
  assert.equal(child.status, 0, child.stderr);
  const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    status: number;
    body: { code: string; message: string; details: { what: string } };
    deltaBytes: number;
  };
  assert.equal(out.status, 413, JSON.stringify(out.body));
  assert.equal(out.body.code, 'UNIT.IMPORT_TOO_LARGE');
  assert.equal(out.body.details.what, 'shared_strings_bytes');
  assert.match(out.body.message, /CSV/);
  assert.ok(out.deltaBytes < 100 * 1024 * 1024, `resident memory rose by ${(out.deltaBytes / 1048576).toFixed(1)} MB`);
});

for (const database of DATABASES) {
  describe(`import limits [${database}]`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await startTestApp(database, {
        env: { FEP_IMPORT_MAX_SHARED_STRINGS: '1000', FEP_IMPORT_MAX_UNCOMPRESSED_BYTES: String(64 * 1024), FEP_IMPORT_MAX_ROWS: '3' },
      });
      clerk = await t.login('clerk.211000');
    });
    after(() => t.close());

    const post = async (name: string, data: Buffer, type: string) => {
      const mp = multipartFile(name, data, type);
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/units/import', headers: { ...bearer(clerk), ...mp.headers }, payload: mp.payload });
      return { status: r.statusCode, body: r.json() as { code: string; details: { what?: string; limit?: number } | null } };
    };
    const xlsx = async (name: string, parts: ReturnType<typeof workbookParts>) => {
      const path = join(dir, `${database}-${name}.xlsx`);
      await writeZip(path, parts);
      return post(`${name}.xlsx`, readFileSync(path), XLSX);
    };

    test('too many shared strings (items), too much inflated in all, each a 413 naming the limit', async () => {
      const items = await xlsx(
        'items',
        workbookParts(() => sharedStringItems(1500, 3)),
      );
      assert.equal(items.status, 413);
      assert.deepEqual([items.body.code, items.body.details?.what, items.body.details?.limit], ['UNIT.IMPORT_TOO_LARGE', 'shared_strings', 1000]);
      const total = await xlsx(
        'total',
        workbookParts(() => sharedStringItems(100, 1000)),
      );
      assert.equal(total.status, 413);
      assert.deepEqual([total.body.code, total.body.details?.what], ['UNIT.IMPORT_TOO_LARGE', 'uncompressed']);
    });

    test('an entry inflating past the size its central directory declares is refused as invalid', async () => {
      const forged = await xlsx(
        'forged',
        workbookParts(() => sharedStringItems(50, 100), { sharedStringsDeclaredSize: 200 }),
      );
      assert.equal(forged.status, 400);
      assert.equal(forged.body.code, 'UNIT.IMPORT_INVALID');
      const notZip = await post('fake.xlsx', Buffer.from('PK\u0003\u0004 this is not a workbook'), XLSX);
      assert.equal(notZip.status, 400);
      assert.equal(notZip.body.code, 'UNIT.IMPORT_INVALID');
    });

    test('a workbook within the limits is read (and judged on its columns)', async () => {
      const small = await xlsx(
        'small',
        workbookParts(() => sharedStringItems(2, 4)),
      );
      assert.equal(small.status, 400);
      assert.equal(small.body.code, 'UNIT.IMPORT_INVALID', 'past the limits, refused for its missing columns');
    });

    test('a CSV past the row limit is a 413; a record longer than 64 KB is refused', async () => {
      const usci = (n: number) => completeUsci(`91211002MA${String(n).padStart(7, '0')}`);
      const rows = [HEADER, ...[1, 2, 3, 4, 5].map((n) => `${usci(n)},限额测试单位${n},某路${n}号,211002,,,,,,,,`)].join('\n');
      const many = await post('units.csv', Buffer.from(rows), 'text/csv');
      assert.equal(many.status, 413);
      assert.deepEqual([many.body.code, many.body.details?.what, many.body.details?.limit], ['UNIT.IMPORT_TOO_LARGE', 'rows', 3]);
      const long = await post('long.csv', Buffer.from(`${HEADER}\n${usci(9)},${'长'.repeat(40_000)},某路,211002,,,,,,,,`), 'text/csv');
      assert.equal(long.status, 400);
      assert.equal(long.body.code, 'UNIT.IMPORT_INVALID');
    });
  });
}
