import { type Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the OWASP minimum (19 MiB, t=2, p=1): memory-hard, so a stolen hash table is slow to
 * attack on GPUs (等保 level 3, 8.1.4.1 identification and authentication).
 */
// Algorithm.Argon2id is a const enum (2), which isolated modules cannot read from the package.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Counts password evaluations, so tests can prove the lockout limits them under concurrency. */
export const passwordStats = { evaluations: 0 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  passwordStats.evaluations++;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** 8+ characters with at least three of: lower case, upper case, digit, symbol (等保 password complexity). */
export function passwordProblems(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
