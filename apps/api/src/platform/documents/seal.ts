import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import type { Executor } from '../../db/database.ts';
import { uuidv7 } from '../ids.ts';

/**
 * Electronic seals (电子印章, LIC-07): each agency has an SM2 key pair. A sealed document carries an SM2
 * signature (GB/T 32918, default user ID 1234567812345678, GB/T 35276) over the SM3 digest of the
 * document. Private keys are stored encrypted with SM4-CBC and authenticated with HMAC-SM3
 * (encrypt-then-MAC; this OpenSSL build has no SM4-GCM), under a master key held outside the database.
 */
export interface SealKey {
  id: string;
  agencyId: string;
  publicKey: string;
  privateKey: string;
}

/** The seal master key: FEP_SEAL_MASTER_KEY (hex) or generated once into DATA_DIR/keys/seal-master.key. */
export function loadSealMasterKey(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('FEP_SEAL_MASTER_KEY must be 32 bytes in hex');
    return Buffer.from(fromEnv, 'hex');
  }
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'seal-master.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

function subkeys(master: Buffer): { enc: Buffer; mac: Buffer } {
  const enc = createHmac('sm3', master).update('seal-key-encryption').digest().subarray(0, 16);
  const mac = createHmac('sm3', master).update('seal-key-authentication').digest();
  return { enc, mac };
}

export function encryptPrivateKey(master: Buffer, privateKeyHex: string, keyId: string): string {
  const { enc, mac } = subkeys(master);
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', enc, iv);
  const ct = Buffer.concat([c.update(privateKeyHex, 'utf8'), c.final()]);
  const tag = createHmac('sm3', mac).update(keyId).update(iv).update(ct).digest();
  return `sm4cbc-hmacsm3:${iv.toString('hex')}:${ct.toString('hex')}:${tag.toString('hex')}`;
}

export function decryptPrivateKey(master: Buffer, stored: string, keyId: string): string {
  const [scheme, ivHex, ctHex, tagHex] = stored.split(':');
  if (scheme !== 'sm4cbc-hmacsm3' || !ivHex || !ctHex || !tagHex) throw new Error('seal key: unknown storage format');
  const { enc, mac } = subkeys(master);
  const iv = Buffer.from(ivHex, 'hex');
  const ct = Buffer.from(ctHex, 'hex');
  const expected = createHmac('sm3', mac).update(keyId).update(iv).update(ct).digest();
  if (!timingSafeEqual(expected, Buffer.from(tagHex, 'hex'))) throw new Error('seal key: authentication failed (wrong master key or tampered row)');
  const d = createDecipheriv('sm4-cbc', enc, iv);
  return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
}

/** The agency's active seal key, generated (and stored encrypted) on first use. */
export async function agencySealKey(db: Executor, master: Buffer, agencyId: string, now: Date): Promise<SealKey> {
  return (await agencySealKeyOrigin(db, master, agencyId, now)).key;
}

/** The agency's active seal key, and whether this call generated it (one read when it exists). */
export async function agencySealKeyOrigin(db: Executor, master: Buffer, agencyId: string, now: Date): Promise<{ key: SealKey; created: boolean }> {
  const row = await db.selectFrom('seal_keys').selectAll().where('agency_id', '=', agencyId).where('active', '=', 1).executeTakeFirst();
  if (row)
    return { key: { id: row.id, agencyId, publicKey: row.public_key, privateKey: decryptPrivateKey(master, row.private_key_enc, row.id) }, created: false };
  const pair = sm2.generateKeyPairHex();
  const id = uuidv7(now.getTime());
  await db
    .insertInto('seal_keys')
    .values({
      id,
      agency_id: agencyId,
      public_key: pair.publicKey,
      private_key_enc: encryptPrivateKey(master, pair.privateKey, id),
      active: 1,
      created_at: now.toISOString(),
    })
    .execute();
  return { key: { id, agencyId, publicKey: pair.publicKey, privateKey: pair.privateKey }, created: true };
}

/** A seal key by id with its private key (a document recorded under it is sealed with it later). */
export async function sealKeyById(db: Executor, master: Buffer, keyId: string): Promise<SealKey> {
  const row = await db.selectFrom('seal_keys').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
  return { id: row.id, agencyId: row.agency_id, publicKey: row.public_key, privateKey: decryptPrivateKey(master, row.private_key_enc, row.id) };
}

export async function sealPublicKey(db: Executor, keyId: string): Promise<{ publicKey: string; agencyId: string } | undefined> {
  const row = await db.selectFrom('seal_keys').select(['public_key', 'agency_id']).where('id', '=', keyId).executeTakeFirst();
  return row ? { publicKey: row.public_key, agencyId: row.agency_id } : undefined;
}

export function sm3(data: Uint8Array | string): string {
  return createHash('sm3').update(data).digest('hex');
}

/** Standard SM2 signature (Z_A with the default user ID, SM3) of a message, as r‖s hex. */
export function sm2Sign(key: Pick<SealKey, 'privateKey' | 'publicKey'>, message: string): string {
  return sm2.doSignature(message, key.privateKey, { hash: true, publicKey: key.publicKey });
}

/**
 * Public keys verified more than once, with their precomputed multiples (sm-crypto-v2): a verification
 * then takes about 0.8 ms instead of 5 ms. Precomputing costs some 60 ms, so a key is precomputed on its
 * second use only; there is one key per agency, and the cache is bounded all the same.
 */
const PRECOMPUTED_MAX = 256;
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey> | null>();

function verifyingKey(publicKey: string): string | ReturnType<typeof sm2.precomputePublicKey> {
  const known = precomputed.get(publicKey);
  if (known) return known;
  if (known === undefined) {
    if (precomputed.size >= PRECOMPUTED_MAX) precomputed.delete(precomputed.keys().next().value!);
    precomputed.set(publicKey, null);
    return publicKey;
  }
  const point = sm2.precomputePublicKey(publicKey);
  precomputed.set(publicKey, point);
  return point;
}

export function sm2Verify(publicKey: string, message: string, signatureHex: string): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return sm2.doVerifySignature(message, signatureHex, verifyingKey(publicKey), { hash: true });
  } catch {
    return false;
  }
}

// ---- sealed PDF -------------------------------------------------------------------------------
/**
 * The seal lives in the PDF itself, in a fixed-length placeholder of the document information
 * dictionary, like a PDF signature's /Contents: the digest covers every byte of the file except the
 * placeholder (its byte range is recorded), so changing any other byte breaks the digest and changing
 * the placeholder breaks the signature. Verification needs nothing but the file and the public key.
 */
export const SEAL_MARKER = 'FEPSEAL1;';
export const SEAL_PLACEHOLDER_LENGTH = 320;
export const SEAL_PLACEHOLDER = SEAL_MARKER + '0'.repeat(SEAL_PLACEHOLDER_LENGTH - SEAL_MARKER.length);

export interface SealBlock {
  keyId: string;
  digest: string;
  signature: string;
}

function placeholderRange(pdf: Buffer): { start: number; end: number } | null {
  const start = pdf.lastIndexOf(Buffer.from(SEAL_MARKER, 'latin1'));
  if (start < 0 || start + SEAL_PLACEHOLDER_LENGTH > pdf.length) return null;
  return { start, end: start + SEAL_PLACEHOLDER_LENGTH };
}

function digestOutside(pdf: Buffer, r: { start: number; end: number }): string {
  return createHash('sm3').update(pdf.subarray(0, r.start)).update(pdf.subarray(r.end)).digest('hex');
}

function sealMessage(keyId: string, digest: string): string {
  return `FEP-SEAL-V1|${keyId}|${digest}`;
}

/** Fills the placeholder of a rendered PDF with the seal. */
export function sealPdf(pdf: Buffer, key: SealKey): { pdf: Buffer; seal: SealBlock } {
  const r = placeholderRange(pdf);
  if (!r || pdf.subarray(r.start, r.end).toString('latin1') !== SEAL_PLACEHOLDER) throw new Error('PDF has no seal placeholder');
  const digest = digestOutside(pdf, r);
  const signature = sm2Sign(key, sealMessage(key.id, digest));
  const block = `${SEAL_MARKER}alg=SM2-SM3;key=${key.id};digest=${digest};sig=${signature};`;
  if (block.length > SEAL_PLACEHOLDER_LENGTH) throw new Error('seal block longer than its placeholder');
  const out = Buffer.from(pdf);
  out.write(block.padEnd(SEAL_PLACEHOLDER_LENGTH, ' '), r.start, 'latin1');
  return { pdf: out, seal: { keyId: key.id, digest, signature } };
}

export type SealCheck =
  | { ok: true; keyId: string; digest: string }
  | { ok: false; reason: 'no_seal' | 'digest_mismatch' | 'bad_signature' | 'unknown_key'; keyId?: string };

/** Reads the seal block of a PDF (without checking it). */
export function readSeal(pdf: Buffer): (SealBlock & { range: { start: number; end: number } }) | null {
  const r = placeholderRange(pdf);
  if (!r) return null;
  const text = pdf.subarray(r.start, r.end).toString('latin1');
  const m = /^FEPSEAL1;alg=SM2-SM3;key=([0-9a-f-]{36});digest=([0-9a-f]{64});sig=([0-9a-f]{128});\s*$/.exec(text);
  if (!m) return null;
  return { keyId: m[1]!, digest: m[2]!, signature: m[3]!, range: r };
}

/** Checks a sealed PDF offline: the digest of the file and the signature with the given public key. */
export function verifySealedPdf(pdf: Buffer, publicKeyOf: (keyId: string) => string | undefined): SealCheck {
  const seal = readSeal(pdf);
  if (!seal) return { ok: false, reason: 'no_seal' };
  const publicKey = publicKeyOf(seal.keyId);
  if (!publicKey) return { ok: false, reason: 'unknown_key', keyId: seal.keyId };
  if (digestOutside(pdf, seal.range) !== seal.digest) return { ok: false, reason: 'digest_mismatch', keyId: seal.keyId };
  if (!sm2Verify(publicKey, sealMessage(seal.keyId, seal.digest), seal.signature)) return { ok: false, reason: 'bad_signature', keyId: seal.keyId };
  return { ok: true, keyId: seal.keyId, digest: seal.digest };
}
