/**
 * Backup and restore of an embedded (SQLite) installation, while it runs (apps/api/src/ops/backup.ts):
 *   npm run backup                      → ./backups/fep-<time>/ (or FEP_BACKUP_DIR/fep-<time>/)
 *   npm run backup -- <folder>          → <folder>
 *   npm run backup -- --check <folder>  checks a backup (manifest, checksums, integrity)
 *   npm run backup -- --restore <folder> restores into DATA_DIR, which must be empty (start the product after)
 */
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { backupDataDir, checkBackup, restoreDataDir } from '../ops/backup.ts';

const args = process.argv.slice(2);
try {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.error('DATABASE_URL 指向 PostgreSQL：请用 pg_basebackup 与 WAL 归档备份（见 docs/operations.md“备份与恢复”）。');
    process.exit(2);
  }
  if (args[0] === '--check' && args[1]) {
    const problem = checkBackup(resolve(args[1]));
    console.log(problem ? `备份不可用：${problem}` : `备份完好：${resolve(args[1])}`);
    process.exitCode = problem ? 1 : 0;
  } else if (args[0] === '--restore' && args[1]) {
    const m = restoreDataDir(resolve(args[1]), config.dataDir);
    console.log(`已恢复 ${m.files.length} 个文件到 ${config.dataDir}（备份时间 ${m.createdAt}）。`);
  } else if (args[0]?.startsWith('--')) {
    console.error('用法：npm run backup [-- <目录>] | -- --check <目录> | -- --restore <目录>');
    process.exitCode = 2;
  } else {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const dest = resolve(args[0] ?? join(process.env.FEP_BACKUP_DIR ?? './backups', `fep-${stamp}`));
    const m = await backupDataDir(config.dataDir, dest);
    const bytes = m.files.reduce((s, f) => s + f.bytes, 0);
    console.log(`已备份 ${m.files.length} 个文件（${(bytes / 1024 / 1024).toFixed(1)} MB）到 ${dest}`);
  }
} catch (e) {
  console.error(`失败：${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
