import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Content-addressed storage: DATA_DIR/files/ab/cd/<sha256>. The same bytes are stored once. */
export function blobPath(dataDir: string, sha: string): string {
  return join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
}

/**
 * Stores bytes (atomically: temp file, then rename) and returns their SHA-256. Each writer has a
 * temporary name of its own (two requests storing the same bytes in the same millisecond used to share
 * one and fail with ENOENT on the second rename); a target that appeared meanwhile holds the same bytes
 * (content-addressed), so the rename simply replaces it or the leftover temporary file is removed.
 */
export async function storeBlob(dataDir: string, data: Buffer): Promise<string> {
  const sha = createHash('sha256').update(data).digest('hex');
  const path = blobPath(dataDir, sha);
  if (!existsSync(path)) {
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    try {
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      if (!existsSync(path)) throw err;
    }
  }
  return sha;
}

export function readBlob(dataDir: string, sha: string): Promise<Buffer> {
  return readFile(blobPath(dataDir, sha));
}

/** The stored bytes as a stream: a large file (a province's draw input) is sent without holding it whole. */
export function blobStream(dataDir: string, sha: string): ReadStream {
  return createReadStream(blobPath(dataDir, sha));
}
