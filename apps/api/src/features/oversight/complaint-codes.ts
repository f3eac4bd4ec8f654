import { createHmac, randomBytes } from 'node:crypto';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH } from '@fep/domain';
import type { AppContext } from '../../platform/context.ts';

/**
 * The complainant's tracking code (查询码, OVS-03): random (80 bits), shown once in the receipt and kept
 * only as an HMAC-SM3 under a key derived from the seal master key (held outside the database), so a copy
 * of the database does not reveal the codes and a code cannot be derived from a complaint's id.
 */
function codeKey(ctx: Pick<AppContext, 'sealMasterKey'>): Buffer {
  return createHmac('sm3', ctx.sealMasterKey).update('officer-complaint-code').digest();
}

export function newTrackingCode(): string {
  // 32 letters: each byte modulo 32 is uniform (256 is a multiple of 32).
  return [...randomBytes(TRACKING_CODE_LENGTH)].map((b) => TRACKING_CODE_ALPHABET[b % TRACKING_CODE_ALPHABET.length]).join('');
}

/** The stored form of a normalised code (see `normalTrackingCode`). */
export function trackingCodeHash(ctx: Pick<AppContext, 'sealMasterKey'>, code: string): string {
  return createHmac('sm3', codeKey(ctx)).update(code).digest('hex');
}
