import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.ts';

/**
 * A partner's signing secret at rest: SM4-CBC with HMAC-SM3 (encrypt-then-MAC, bound to the partner's id), under
 * keys derived from the seal master key held outside the database. The secret is needed in clear to check an
 * inbound signature and to sign a push, so it is sealed, not hashed; a copy of the database reveals none.
 */
type Keys = Pick<AppContext, 'sealMasterKey'>;

function key(ctx: Keys, purpose: string): Buffer {
  return createHmac('sm3', ctx.sealMasterKey).update(`partners:${purpose}`).digest();
}

export function sealSecret(ctx: Keys, plain: string, partnerId: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', key(ctx, 'secret-enc').subarray(0, 16), iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  const tag = createHmac('sm3', key(ctx, 'secret-mac')).update(partnerId).update(iv).update(ct).digest();
  return `sm4cbc-hmacsm3:${iv.toString('hex')}:${ct.toString('hex')}:${tag.toString('hex')}`;
}

export function openSecret(ctx: Keys, stored: string, partnerId: string): string {
  const [scheme, ivHex, ctHex, tagHex] = stored.split(':');
  if (scheme !== 'sm4cbc-hmacsm3' || !ivHex || !ctHex || !tagHex) throw new Error('partner secret: unknown storage format');
  const iv = Buffer.from(ivHex, 'hex');
  const ct = Buffer.from(ctHex, 'hex');
  const expected = createHmac('sm3', key(ctx, 'secret-mac')).update(partnerId).update(iv).update(ct).digest();
  if (!timingSafeEqual(expected, Buffer.from(tagHex, 'hex'))) throw new Error('partner secret: authentication failed');
  const d = createDecipheriv('sm4-cbc', key(ctx, 'secret-enc').subarray(0, 16), iv);
  return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
}

/**
 * The string a signature covers, the same for inbound calls and outbound pushes (and the 12345 adapter's):
 * `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nSM3(body)`. Signing the path and method stops a signature being moved to
 * another route; the timestamp and nonce stop it being used twice.
 */
export function canonicalRequest(method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return [method.toUpperCase(), path, timestamp, nonce, createHash('sm3').update(body).digest('hex')].join('\n');
}

export function signRequest(secret: string, method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sm3', secret)
    .update(canonicalRequest(method, path, timestamp, nonce, body))
    .digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * The identity assertion a unified service portal sends with a call made for its signed-in user
 * (header `x-identity-assertion`): `base64url(JSON claims) + '.' + HMAC-SM3(secret, 'FEP-ID-V1\n' + part 1)`.
 * Claims: `sub` (the portal's user id), `usci` (the business the user acts for, as the portal verified it),
 * `name`, `iat` and `exp` (ISO instants, at most ten minutes apart).
 */
export interface IdentityClaims {
  sub: string;
  usci: string;
  name: string;
  iat: string;
  exp: string;
}

export function makeIdentityAssertion(secret: string, claims: IdentityClaims): string {
  const part = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${part}.${createHmac('sm3', secret).update(`FEP-ID-V1\n${part}`).digest('hex')}`;
}

export function readIdentityAssertion(secret: string, token: string): IdentityClaims | null {
  const [part, mac] = token.split('.');
  if (!part || !mac || !/^[0-9a-f]{64}$/.test(mac)) return null;
  if (!sameHex(mac, createHmac('sm3', secret).update(`FEP-ID-V1\n${part}`).digest('hex'))) return null;
  try {
    const c = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Partial<IdentityClaims>;
    if (typeof c.sub !== 'string' || typeof c.usci !== 'string' || typeof c.name !== 'string' || typeof c.iat !== 'string' || typeof c.exp !== 'string')
      return null;
    return { sub: c.sub, usci: c.usci, name: c.name, iat: c.iat, exp: c.exp };
  } catch {
    return null;
  }
}
