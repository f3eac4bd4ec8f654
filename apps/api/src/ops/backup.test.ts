import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../db/database.ts';
import { verifyChain } from '../platform/audit/chain.ts';
import { loadAuditKey } from '../platform/audit/keys.ts';
import { cluster } from '../test-support/processes.ts';
import { backupDataDir, checkBackup, restoreDataDir } from './backup.ts';

/**
 * Restore drill (issue 10 item 8; 等保 2.0 8.1.4.9): a backup taken while the product writes, restored
 * into an empty data folder, starts a product that has every write acknowledged before the backup began,
 * the uploaded files and the same keys — so sessions still work and every record chain verifies.
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('backup and restore of an embedded installation, while it writes', { timeout: 300_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'fep-backup-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('a backup taken under writes restores into a product with every acknowledged write, its files and keys', async () => {
    const source = await cluster({ FEP_DEMO: 'true' }, { database: 'sqlite' });
    const live = await source.start();
    const base = `http://127.0.0.1:${live.port}`;
    const restoredDir = join(scratch, 'restored');
    const backup = join(scratch, 'backup-1');
    let restored: Awaited<ReturnType<typeof cluster>> | undefined;
    try {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'clerk.211000', password: 'Demo@2026' }),
      });
      const { token } = (await login.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}` };
      const units = (await (await fetch(`${base}/api/v1/units?limit=1`, { headers: auth })).json()) as { items: { id: string }[] };
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), '现场照片.png');
      const upload = await fetch(`${base}/api/v1/files`, { method: 'POST', headers: auth, body: form });
      assert.equal(upload.status, 201, await upload.clone().text());
      const file = (await upload.json()) as { id: string };
      const original = Buffer.from(await (await fetch(`${base}/api/v1/files/${file.id}`, { headers: auth })).arrayBuffer());

      // Writes go on before, during and after the backup; each is remembered with when it was acknowledged.
      const acknowledged: { id: string; at: number }[] = [];
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const r = await fetch(`${base}/api/v1/clocks`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({
              targetType: 'unit',
              targetId: units.items[0]!.id,
              title: `备份演练时限${i}`,
              unit: 'working_days',
              amount: 10,
              legalBasis: { document: '《消防监督检查规定》' },
            }),
          });
          if (r.status === 201) acknowledged.push({ id: ((await r.json()) as { id: string }).id, at: Date.now() });
        }
      })();
      while (acknowledged.length < 10) await new Promise((r) => setTimeout(r, 20));
      const startedAt = Date.now();
      const manifest = await backupDataDir(source.dataDir, backup);
      // A few more writes after the backup began (they may or may not be in it; the restore must still be whole).
      const until = Date.now() + 5000;
      while (acknowledged.filter((a) => a.at >= startedAt).length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      writing = false;
      await writer;
      await live.kill('SIGKILL');
      const before = acknowledged.filter((a) => a.at < startedAt);
      assert.ok(before.length >= 10 && acknowledged.length > before.length, `${before.length} before, ${acknowledged.length} in all`);
      assert.ok(manifest.files.some((f) => f.path === 'fep.sqlite'));
      assert.ok(manifest.files.some((f) => f.path.startsWith('keys/')));
      assert.ok(manifest.files.some((f) => f.path.startsWith('files/')));
      assert.equal(checkBackup(backup), null);

      restoreDataDir(backup, restoredDir);
      restored = await cluster({ FEP_DEMO: 'true' }, { database: 'sqlite', dataDir: restoredDir });
      const again = await restored.start();
      const base2 = `http://127.0.0.1:${again.port}`;
      // The session and the keys came back: the old token works, the file reads the same.
      for (const a of before) assert.equal((await fetch(`${base2}/api/v1/clocks/${a.id}`, { headers: auth })).status, 200, a.id);
      const back = Buffer.from(await (await fetch(`${base2}/api/v1/files/${file.id}`, { headers: auth })).arrayBuffer());
      assert.ok(back.equals(original));
      await again.kill('SIGTERM');

      const db = openDatabase({ dataDir: restoredDir });
      try {
        const key = loadAuditKey(restoredDir, undefined);
        const chains = await db.db.selectFrom('audit_chain_heads').select('chain_id').execute();
        assert.ok(chains.length > 10);
        for (const { chain_id } of chains) assert.equal((await verifyChain(db.db, key, chain_id))?.ok, true, chain_id);
      } finally {
        await db.close();
      }
    } finally {
      await source.close();
      await restored?.close();
    }
  });

  test('a damaged or incomplete backup is refused before anything is restored', async () => {
    const source = await cluster({ FEP_DEMO: 'true' }, { database: 'sqlite' });
    const live = await source.start();
    const backup = join(scratch, 'backup-2');
    try {
      await backupDataDir(source.dataDir, backup);
    } finally {
      await live.kill('SIGTERM');
      await source.close();
    }
    const key = join(backup, 'keys/audit.key');
    const good = readFileSync(key, 'utf8');
    writeFileSync(key, `${good.slice(0, -2)}00`);
    assert.match(checkBackup(backup) ?? '', /备份文件已损坏：keys\/audit\.key/);
    const target = join(scratch, 'target-2');
    assert.throws(() => restoreDataDir(backup, target), /备份文件已损坏/);
    writeFileSync(key, good);
    assert.equal(checkBackup(backup), null);
    rmSync(join(backup, 'fep.sqlite'));
    assert.match(checkBackup(backup) ?? '', /备份缺少文件：fep\.sqlite/);
  });
});
