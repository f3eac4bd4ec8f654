import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Content-addressed storage: DATA_DIR/files/ab/cd/<sha256>. The same bytes are stored once. */
export function blobPath(dataDir: string, sha: string): string {
  return join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
}

/** Stores bytes (atomically: temp file, then rename) and returns their SHA-256. */
export async function storeBlob(dataDir: string, data: Buffer): Promise<string> {
  const sha = createHash('sha256').update(data).digest('hex');
  const path = blobPath(dataDir, sha);
  if (!existsSync(path)) {
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, path);
  }
  return sha;
}

export function readBlob(dataDir: string, sha: string): Promise<Buffer> {
  return readFile(blobPath(dataDir, sha));
}
