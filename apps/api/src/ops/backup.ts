import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Backup and restore of an embedded (SQLite) installation: the database, the files store and the keys,
 * consistent with each other (等保 2.0 GB/T 22239-2019 8.1.4.9 数据备份恢复).
 *
 * Order makes it consistent while the product keeps running: the database is copied first with SQLite's
 * online backup API (a snapshot of committed data, whatever writes go on), then the files store — a file
 * is stored before the row that names it commits, so every file the snapshot names is already there (a
 * newer file is harmless) — then the keys. A manifest lists every file with its SHA-256 so that a restore
 * refuses a damaged or incomplete copy. PostgreSQL is backed up with its own tools (docs/operations.md).
 */
export const BACKUP_MANIFEST = 'manifest.json';
const DB_FILE = 'fep.sqlite';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  files: { path: string; bytes: number; sha256: string }[];
}

function walk(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, base));
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out.sort();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Copies DATA_DIR's database, files and keys into `dest` (created; must not exist). */
export async function backupDataDir(dataDir: string, dest: string, now: Date = new Date()): Promise<BackupManifest> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source)) throw new Error(`没有找到数据库文件：${source}`);
  if (existsSync(dest)) throw new Error(`备份目录已存在：${dest}`);
  mkdirSync(dest, { recursive: true, mode: 0o700 });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(join(dest, DB_FILE));
  } finally {
    db.close();
  }
  for (const sub of ['files', 'keys']) {
    const from = join(dataDir, sub);
    if (existsSync(from)) cpSync(from, join(dest, sub), { recursive: true, preserveTimestamps: true });
  }
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    files: walk(dest).map((path) => ({ path, bytes: statSync(join(dest, path)).size, sha256: sha256(join(dest, path)) })),
  };
  writeFileSync(join(dest, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** Checks a backup against its manifest and SQLite's integrity check; the first problem, or null. */
export function checkBackup(backup: string): string | null {
  const file = join(backup, BACKUP_MANIFEST);
  if (!existsSync(file)) return '备份缺少清单 manifest.json';
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) return `不认识的备份格式：${manifest.format}`;
  for (const f of manifest.files) {
    const p = join(backup, f.path);
    if (!existsSync(p)) return `备份缺少文件：${f.path}`;
    if (statSync(p).size !== f.bytes || sha256(p) !== f.sha256) return `备份文件已损坏：${f.path}`;
  }
  if (!manifest.files.some((f) => f.path === DB_FILE)) return '备份缺少数据库文件';
  const db = new SQLite(join(backup, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const r = db.pragma('integrity_check', { simple: true });
    if (r !== 'ok') return `数据库完整性检查未通过：${String(r)}`;
  } finally {
    db.close();
  }
  return null;
}

/** Restores a checked backup into an empty (or absent) DATA_DIR. */
export function restoreDataDir(backup: string, dataDir: string): BackupManifest {
  const problem = checkBackup(backup);
  if (problem) throw new Error(problem);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`恢复目标须为空目录：${dataDir}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const manifest = JSON.parse(readFileSync(join(backup, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  for (const f of manifest.files) {
    const to = join(dataDir, f.path);
    mkdirSync(join(to, '..'), { recursive: true, mode: 0o700 });
    cpSync(join(backup, f.path), to, { preserveTimestamps: true });
  }
  return manifest;
}
