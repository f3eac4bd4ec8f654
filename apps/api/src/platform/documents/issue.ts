import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { AppContext } from '../context.ts';
import { storeBlob } from '../files/storage.ts';
import type { DocumentSpec } from './pdf.ts';
import { renderDocument } from './render-pool.ts';
import { agencySealKeyOrigin, type SealKey, sm2Sign } from './seal.ts';

/**
 * One way every verifiable legal document is produced (permit, intake notices, …): the agency's SM2 seal
 * key (generated on first use), a verification code, an SM2 signature over the facts the QR code carries,
 * the PDF rendered with the QR code to the public verification page, sealed, and stored by content.
 */
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 12-character verification code (no 0/O, 1/I): printed on the document and behind its QR code. */
export function newVerifyCode(): string {
  const b = randomBytes(12);
  return [...b].map((x) => CODE_CHARS[x % CODE_CHARS.length]).join('');
}

/** Where a document's QR code points: the public verification page, with the signature of its facts. */
export function verifyUrl(ctx: Pick<AppContext, 'config'>, code: string, qrSignature: string): string {
  return `${ctx.config.publicUrl}/verify/${code}?s=${Buffer.from(qrSignature, 'hex').toString('base64url')}`;
}

export interface SealedDocument {
  pdf: Buffer;
  /** Content address of the stored PDF. */
  sha256: string;
  /** SM3 digest the seal covers (how an uploaded file is matched to its record). */
  digest: string;
  qrSignature: string;
  key: SealKey;
  /** The seal key when this document generated it (the caller records that in the enforcement record). */
  sealKeyCreated: { id: string; agencyId: string } | null;
}

/** The agency's seal key, and whether this call generated it. */
export async function sealKeyOf(trx: Executor, ctx: AppContext, agencyId: string): Promise<{ key: SealKey; created: boolean }> {
  return agencySealKeyOrigin(trx, ctx.sealMasterKey, agencyId, ctx.now());
}

/** Renders, seals and stores a document whose QR code carries `qrFacts` signed with the agency's seal key. */
export async function produceSealedDocument(
  trx: Executor,
  ctx: AppContext,
  input: { agencyId: string; verifyCode: string; qrFacts: string; spec: Omit<DocumentSpec, 'qrUrl'>; key?: SealKey },
): Promise<SealedDocument> {
  const { key, created } = input.key ? { key: input.key, created: false } : await sealKeyOf(trx, ctx, input.agencyId);
  const qrSignature = sm2Sign(key, input.qrFacts);
  // Rendered and sealed on a worker thread of the render pool (render-pool.ts).
  const sealed = await renderDocument(ctx, { ...input.spec, qrUrl: verifyUrl(ctx, input.verifyCode, qrSignature) }, key);
  const sha256 = await storeBlob(ctx.config.dataDir, sealed.pdf);
  return {
    pdf: sealed.pdf,
    sha256,
    digest: sealed.seal!.digest,
    qrSignature,
    key,
    sealKeyCreated: created ? { id: key.id, agencyId: input.agencyId } : null,
  };
}
