import type { PublicCaseDocumentStatusView } from '@fep/contracts';
import { CASE_DOCUMENT_KIND_LABELS, CASE_DOCUMENT_STATUS_LABELS, caseDocumentStatus, maskPersonName } from '@fep/domain';
import type { EnforcementDocument, EnforcementSealDocument } from '../../db/schema/enforcement.ts';
import type { AppContext } from '../../platform/context.ts';
import { sealPublicKey, sm2Verify } from '../../platform/documents/seal.ts';
import { withCaseDocumentPdf } from './document-production.ts';
import { withSealDocumentPdf } from './seal-documents.ts';

/**
 * Public verification of a penalty case's documents (ENF-04), reached through this feature's index.ts by
 * the one /verify page (licensing's routes): by the code behind the QR code, or by the seal digest of an
 * uploaded file. It shows the facts printed on the document — a person's name masked (个人信息保护法) — and
 * the document's standing now, read from the case: a decision revoked or changed (行政处罚法 art. 48) is no
 * longer valid; a notice followed by a newer one is superseded.
 */
export async function caseDocumentByCode(ctx: AppContext, code: string, qrSig?: string): Promise<PublicCaseDocumentStatusView | null> {
  const d = await ctx.database.db.selectFrom('enforcement_documents').selectAll().where('verify_code', '=', code.toUpperCase()).executeTakeFirst();
  if (d) return present(ctx, d, qrSig);
  const sd = await ctx.database.db.selectFrom('enforcement_seal_documents').selectAll().where('verify_code', '=', code.toUpperCase()).executeTakeFirst();
  return sd ? presentSealDocument(ctx, sd, qrSig) : null;
}

export async function caseDocumentByDigest(ctx: AppContext, digest: string): Promise<PublicCaseDocumentStatusView | null> {
  const d = await ctx.database.db.selectFrom('enforcement_documents').selectAll().where('seal_digest', '=', digest).executeTakeFirst();
  if (d) return present(ctx, d);
  const sd = await ctx.database.db.selectFrom('enforcement_seal_documents').selectAll().where('seal_digest', '=', digest).executeTakeFirst();
  return sd ? presentSealDocument(ctx, sd) : null;
}

/** A 临时查封决定书 (ENF-05): the unit, the seal's number; valid as issued (the seal's own course is on the seal). */
async function presentSealDocument(ctx: AppContext, recorded: EnforcementSealDocument, qrSig?: string): Promise<PublicCaseDocumentStatusView> {
  const { db } = ctx.database;
  const d = await withSealDocumentPdf(ctx, recorded);
  const agency = await db.selectFrom('agencies').select('name').where('id', '=', d.agency_id).executeTakeFirstOrThrow();
  const seal = await db.selectFrom('enforcement_seals').select(['unit_name', 'case_id']).where('id', '=', d.seal_id).executeTakeFirstOrThrow();
  const caseNumber = seal.case_id
    ? ((await db.selectFrom('enforcement_cases').select('number').where('id', '=', seal.case_id).executeTakeFirst())?.number ?? null)
    : null;
  const status = caseDocumentStatus({ kind: 'seal_decision', decisionRevoked: false, newerNotice: false });
  let qrSignatureValid: boolean | null = null;
  if (qrSig) {
    const key = await sealPublicKey(db, d.seal_key_id);
    const hex = /^[A-Za-z0-9_-]{80,100}$/.test(qrSig) ? Buffer.from(qrSig, 'base64url').toString('hex') : '';
    qrSignatureValid = !!key && sm2Verify(key.publicKey, d.qr_facts, hex);
  }
  return {
    kind: 'seal_decision',
    title: CASE_DOCUMENT_KIND_LABELS.seal_decision,
    number: d.number,
    status,
    statusLabel: CASE_DOCUMENT_STATUS_LABELS[status],
    valid: status === 'valid',
    issuer: agency.name,
    issuedOn: d.issued_on,
    party: seal.unit_name,
    caseNumber,
    qrSignatureValid,
    sealDigest: d.seal_digest,
  };
}

async function present(ctx: AppContext, recorded: EnforcementDocument, qrSig?: string): Promise<PublicCaseDocumentStatusView> {
  const { db } = ctx.database;
  // The seal digest shown is the PDF's: a document verified before its PDF was produced gets it now.
  const d = await withCaseDocumentPdf(ctx, recorded);
  const [agency, c, newer] = await Promise.all([
    db.selectFrom('agencies').select('name').where('id', '=', d.agency_id).executeTakeFirstOrThrow(),
    db.selectFrom('enforcement_cases').select(['number', 'party_kind', 'party_name', 'revoked_at']).where('id', '=', d.case_id).executeTakeFirstOrThrow(),
    d.kind === 'notice' || d.kind === 'hearing_notice'
      ? db
          .selectFrom('enforcement_documents')
          .select('id')
          .where('case_id', '=', d.case_id)
          .where('kind', '=', d.kind)
          .where('created_at', '>', d.created_at)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const status = caseDocumentStatus({ kind: d.kind, decisionRevoked: c.revoked_at !== null, newerNotice: !!newer });
  return {
    kind: d.kind,
    title: CASE_DOCUMENT_KIND_LABELS[d.kind],
    number: d.number,
    status,
    statusLabel: CASE_DOCUMENT_STATUS_LABELS[status],
    valid: status === 'valid',
    issuer: agency.name,
    issuedOn: d.issued_on,
    party: c.party_kind === 'unit' ? c.party_name : maskPersonName(c.party_name),
    caseNumber: c.number,
    qrSignatureValid: qrSig ? await qrSignatureValid(ctx, d, qrSig) : null,
    sealDigest: d.seal_digest,
  };
}

async function qrSignatureValid(ctx: AppContext, d: EnforcementDocument, qrSig: string): Promise<boolean> {
  const key = await sealPublicKey(ctx.database.db, d.seal_key_id);
  const hex = /^[A-Za-z0-9_-]{80,100}$/.test(qrSig) ? Buffer.from(qrSig, 'base64url').toString('hex') : '';
  return !!key && sm2Verify(key.publicKey, d.qr_facts, hex);
}
