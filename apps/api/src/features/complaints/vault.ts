import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH } from '@fep/domain';
import type { AppContext } from '../../platform/context.ts';

/**
 * The reporter's identity at rest (CMP-04; 个人信息保护法 art. 51): name, phone and ID number are one value
 * encrypted with SM4-CBC and authenticated with HMAC-SM3 (encrypt-then-MAC, bound to the report's id),
 * under keys derived from the master key held outside the database. A copy of the database reveals no
 * reporter; decryption happens in one use case only (the intake role's view), and each is recorded.
 * Tracking codes and partner keys are kept only as HMACs.
 */
type Keys = Pick<AppContext, 'sealMasterKey'>;

function key(ctx: Keys, purpose: string): Buffer {
  return createHmac('sm3', ctx.sealMasterKey).update(`complaints:${purpose}`).digest();
}

export type Identity = { name?: string; phone?: string; idNumber?: string };

/** Name, phone and ID joined by the unit separator (none of them can contain it: the contracts' patterns). */
const SEP = '\u001f';
function packIdentity(i: Identity): string {
  return [i.name ?? '', i.phone ?? '', i.idNumber ?? ''].join(SEP);
}
function unpackIdentity(s: string): Identity {
  const [name, phone, idNumber] = s.split(SEP);
  return { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(idNumber ? { idNumber } : {}) };
}

export function sealText(ctx: Keys, plain: string, boundTo: string): string {
  const enc = key(ctx, 'identity-enc').subarray(0, 16);
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', enc, iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  const tag = createHmac('sm3', key(ctx, 'identity-mac')).update(boundTo).update(iv).update(ct).digest();
  return `sm4cbc-hmacsm3:${iv.toString('hex')}:${ct.toString('hex')}:${tag.toString('hex')}`;
}

export function openText(ctx: Keys, stored: string, boundTo: string): string {
  const [scheme, ivHex, ctHex, tagHex] = stored.split(':');
  if (scheme !== 'sm4cbc-hmacsm3' || !ivHex || !ctHex || !tagHex) throw new Error('complaints vault: unknown storage format');
  const iv = Buffer.from(ivHex, 'hex');
  const ct = Buffer.from(ctHex, 'hex');
  const expected = createHmac('sm3', key(ctx, 'identity-mac')).update(boundTo).update(iv).update(ct).digest();
  if (!timingSafeEqual(expected, Buffer.from(tagHex, 'hex'))) throw new Error('complaints vault: authentication failed');
  const d = createDecipheriv('sm4-cbc', key(ctx, 'identity-enc').subarray(0, 16), iv);
  return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
}

/** The identity as stored (null when the reporter left none). */
export function sealIdentity(ctx: Keys, identity: Identity | null | undefined, complaintId: string): string | null {
  const clean: Identity = {};
  if (identity?.name?.trim()) clean.name = identity.name.trim();
  if (identity?.phone?.trim()) clean.phone = identity.phone.trim();
  if (identity?.idNumber?.trim()) clean.idNumber = identity.idNumber.trim().toUpperCase();
  if (!clean.name && !clean.phone && !clean.idNumber) return null;
  return sealText(ctx, packIdentity(clean), complaintId);
}

export function openIdentity(ctx: Keys, stored: string | null, complaintId: string): Identity | null {
  if (!stored) return null;
  return unpackIdentity(openText(ctx, stored, complaintId));
}

/** A tracking code (查询码): 80 random bits in the oversight alphabet, shown once. */
export function newTrackingCode(): string {
  return [...randomBytes(TRACKING_CODE_LENGTH)].map((b) => TRACKING_CODE_ALPHABET[b % TRACKING_CODE_ALPHABET.length]).join('');
}

export function codeHash(ctx: Keys, code: string): string {
  return createHmac('sm3', key(ctx, 'tracking-code')).update(code).digest('hex');
}

/** The stored form of a partner's key id or an Open311 api_key. */
export function keyHash(ctx: Keys, presented: string): string {
  return createHmac('sm3', key(ctx, 'partner-key')).update(presented).digest('hex');
}
