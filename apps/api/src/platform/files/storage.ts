import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
    await renameIntoPlace(tmp, path);
  }
  return sha;
}

/**
 * Renames a written temporary file to its content address (whose directory exists). Another writer of the same
 * bytes may have got there first: then its copy stands (same content) and the temporary file is removed.
 */
async function renameIntoPlace(tmp: string, path: string): Promise<void> {
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    if (!existsSync(path)) throw err;
  }
}

/** A blob written piece by piece (a file too large to hold twice in memory); `finish` stores it under its SHA-256. */
export interface BlobWriter {
  write(data: Buffer): Promise<void>;
  /** Stores the bytes written and returns their SHA-256. */
  finish(): Promise<string>;
  /** Removes what was written (the caller failed before finishing). */
  abort(): Promise<void>;
}

/**
 * Opens a blob to be written in pieces: the pieces go to a temporary file in the store while their SHA-256 is
 * taken, and the file is renamed to its content address at the end (as `storeBlob`, atomically).
 */
export async function openBlobWriter(dataDir: string): Promise<BlobWriter> {
  const root = join(dataDir, 'files');
  await mkdir(root, { recursive: true });
  const tmp = join(root, `${randomUUID()}.tmp`);
  const file = await open(tmp, 'wx', 0o600);
  const hash = createHash('sha256');
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await file.close();
    }
  };
  return {
    async write(data) {
      hash.update(data);
      await file.write(data);
    },
    async finish() {
      await close();
      const sha = hash.digest('hex');
      const path = blobPath(dataDir, sha);
      if (existsSync(path)) await rm(tmp, { force: true });
      else {
        await mkdir(join(path, '..'), { recursive: true });
        await renameIntoPlace(tmp, path);
      }
      return sha;
    },
    async abort() {
      await close();
      await rm(tmp, { force: true });
    },
  };
}

export function readBlob(dataDir: string, sha: string): Promise<Buffer> {
  return readFile(blobPath(dataDir, sha));
}

/**
 * The stored bytes, refused when they no longer hash to their address (changed or damaged on disk). The digest runs
 * on the thread pool (Web Crypto): checking a file of megabytes does not hold the event loop.
 */
export async function readBlobChecked(dataDir: string, sha: string): Promise<Buffer> {
  const bytes = await readBlob(dataDir, sha);
  const digest = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
  if (digest !== sha) throw new Error(`stored file ${sha} does not match its content address`);
  return bytes;
}

/** The stored bytes as a stream: a large file (a province's draw input) is sent without holding it whole. */
export function blobStream(dataDir: string, sha: string): ReadStream {
  return createReadStream(blobPath(dataDir, sha));
}
