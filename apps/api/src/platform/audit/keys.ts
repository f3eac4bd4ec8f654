import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';

/**
 * The enforcement record's HMAC key: from FEP_AUDIT_KEY (hex, required when several API processes share
 * one PostgreSQL) or generated once into DATA_DIR/keys/audit.key, readable by the owner only.
 */
export function loadAuditKey(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64,}$/.test(fromEnv)) throw new Error('FEP_AUDIT_KEY must be at least 32 bytes in hex');
    return Buffer.from(fromEnv, 'hex');
  }
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/**
 * The SM2 key that signs checkpoints of the record (checkpoints.ts): FEP_CHECKPOINT_KEY (private key, hex)
 * or generated once into DATA_DIR/keys/checkpoint.key. Its public key is what a verifier trusts.
 */
export function loadCheckpointKey(dataDir: string, fromEnv: string | undefined): { privateKey: string; publicKey: string } {
  let privateKey = fromEnv;
  if (privateKey) {
    if (!/^[0-9a-fA-F]{64}$/.test(privateKey)) throw new Error('FEP_CHECKPOINT_KEY must be an SM2 private key: 64 hex digits');
  } else {
    const dir = join(dataDir, 'keys');
    const file = join(dir, 'checkpoint.key');
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, sm2.generateKeyPairHex().privateKey, { mode: 0o600, flag: 'wx' });
    }
    privateKey = readFileSync(file, 'utf8').trim();
  }
  return { privateKey: privateKey.toLowerCase(), publicKey: sm2.getPublicKeyFromPrivateKey(privateKey.toLowerCase()) };
}
