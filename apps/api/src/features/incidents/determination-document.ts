import type { PublicCaseDocumentStatusView } from '@fep/contracts';
import { CASE_DOCUMENT_STATUS_LABELS, chinaDateOf, DETERMINATION_DOCUMENT_TITLE, determinationDocumentText, determinationQrFacts, inScope } from '@fep/domain';
import { Type } from 'typebox';
import type { Executor } from '../../db/database.ts';
import { jsonColumn } from '../../db/json.ts';
import type { Incident, IncidentDocument } from '../../db/schema/incidents.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { newVerifyCode, produceSealedDocument, sealKeyOf } from '../../platform/documents/issue.ts';
import { sealKeyById, sealPublicKey, sm2Verify } from '../../platform/documents/seal.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import type { Audit, Deps } from '../../platform/transact.ts';

/** The content snapshot of a 火灾事故认定书: everything the PDF prints but the QR code, recorded when it is served. */
export const DETERMINATION_CONTENT = jsonColumn(
  'incident_documents.content_json',
  Type.Object(
    {
      layout: Type.Literal('notice'),
      title: Type.String(),
      number: Type.String(),
      addressee: Type.String(),
      paragraphs: Type.Array(Type.String()),
      rows: Type.Array(Type.Tuple([Type.String(), Type.String()])),
      basis: Type.String(),
      agencyName: Type.String(),
      issuedOn: Type.String(),
      footer: Type.String(),
      subject: Type.String(),
    },
    { additionalProperties: false },
  ),
);

/**
 * FIR-03: the 火灾事故认定书 recorded in the transaction that serves the determination (消防法 art. 51; 火灾事故调查规定:
 * served within 7 days with notice of the right to review) — its number from the agency's yearly sequence, the
 * verification code, the seal key, the QR facts and the snapshot of what it prints. The PDF is rendered and sealed
 * with the agency's SM2 seal after the commit, on the first download (docs/decisions.md "Sealed PDFs"), as the
 * penalty case documents are.
 */
export async function issueDeterminationDocument(trx: Executor, deps: AppContext, audit: Audit, actor: Actor, i: Incident): Promise<void> {
  if (i.tier === 'onsite_registration' || !i.cause || !i.served_at) throw new Error(`incident ${i.id} has no determination to print`);
  const now = deps.now();
  const issuedOn = chinaDateOf(now);
  const agency = await agencyById(trx, i.agency_id);
  if (!agency) throw new Error(`agency ${i.agency_id} of incident ${i.id} not found`);
  const higher = agency.parent_id ? await agencyById(trx, agency.parent_id) : undefined;
  const year = Number(issuedOn.slice(0, 4));
  const seq = await nextSequence(trx, agency.id, 'fire_determination', year);
  const number = `${agency.name}火认字〔${year}〕第${String(seq).padStart(4, '0')}号`;
  const verifyCode = newVerifyCode();
  const text = determinationDocumentText({
    unitName: i.unit_name ?? i.place,
    place: i.place,
    reportedAt: i.reported_at,
    extinguishedAt: i.extinguished_at,
    tier: i.tier,
    cause: i.cause,
    servedAt: i.served_at,
    reviewLastDay: i.review_last_day,
    reviewingAgencyName: higher?.name ?? null,
    agencyName: agency.name,
    issuedOn,
  });
  const { key, created } = await sealKeyOf(trx, deps, agency.id);
  if (created)
    await audit({
      action: 'seal_key.create',
      targetType: 'seal_key',
      targetId: key.id,
      details: { agency: agency.id, algorithm: 'SM2', reason: '机构首次出具火灾事故认定书' },
    });
  const previous = await latestDetermination(trx, i.id);
  const row: IncidentDocument = {
    id: uuidv7(now.getTime()),
    incident_id: i.id,
    seq: (previous?.seq ?? 0) + 1,
    agency_id: agency.id,
    agency_path: agency.path,
    number,
    verify_code: verifyCode,
    issued_on: issuedOn,
    qr_facts: determinationQrFacts({ verifyCode, number, unitName: i.unit_name ?? i.place, issuedOn }),
    qr_signature: '',
    seal_key_id: key.id,
    seal_digest: '',
    pdf_sha256: '',
    content_json: DETERMINATION_CONTENT.encode({
      layout: 'notice',
      title: text.title,
      number,
      addressee: text.addressee,
      paragraphs: text.paragraphs,
      rows: [...text.rows, ['核验码', verifyCode]],
      basis: text.basis,
      agencyName: agency.name,
      issuedOn,
      footer: `本文书加盖电子印章（SM2/SM3），与纸质文书具有同等效力。扫描二维码或在消防执法服务平台“证照核验”中输入核验码 ${verifyCode} 核验真伪。`,
      subject: `${number} ${text.title} ${i.unit_name ?? i.place}`,
    }),
    issued_by: actor.userId,
    created_at: now.toISOString(),
  };
  await trx.insertInto('incident_documents').values(row).execute();
  await audit({ action: 'incident.document_issue', targetType: 'incident', targetId: i.id, details: { document: row.id, number } });
}

/** The latest 认定书 of an incident (a re-determination after review issues a new one). */
export async function latestDetermination(db: Executor, incidentId: string): Promise<IncidentDocument | undefined> {
  return db.selectFrom('incident_documents').selectAll().where('incident_id', '=', incidentId).orderBy('seq', 'desc').executeTakeFirst();
}

export const presentDetermination = (d: IncidentDocument | undefined) =>
  d
    ? {
        title: DETERMINATION_CONTENT.decode(d.content_json)?.title ?? DETERMINATION_DOCUMENT_TITLE.general,
        number: d.number,
        issuedOn: d.issued_on,
        verifyCode: d.verify_code,
      }
    : null;

const inFlight = new Map<string, Promise<IncidentDocument>>();

/** The document with its sealed PDF, rendered and attached first when it has none (compare-and-set on the empty file reference). */
export function withDeterminationPdf(ctx: AppContext, d: IncidentDocument): Promise<IncidentDocument> {
  if (d.pdf_sha256) return Promise.resolve(d);
  const running = inFlight.get(d.id);
  if (running) return running;
  const run = (async () => {
    const { db } = ctx.database;
    const spec = DETERMINATION_CONTENT.decode(d.content_json);
    if (!spec) throw new Error(`incident document ${d.id} has no content snapshot`);
    const key = await sealKeyById(db, ctx.sealMasterKey, d.seal_key_id);
    const sealed = await produceSealedDocument(db, ctx, { agencyId: d.agency_id, verifyCode: d.verify_code, qrFacts: d.qr_facts, spec, key });
    const set = { pdf_sha256: sealed.sha256, seal_digest: sealed.digest, qr_signature: sealed.qrSignature };
    const won = await db.updateTable('incident_documents').set(set).where('id', '=', d.id).where('pdf_sha256', '=', '').executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) return { ...d, ...set };
    // Another producer (another process) attached its file first: that one is the document.
    return db.selectFrom('incident_documents').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
  })().finally(() => inFlight.delete(d.id));
  inFlight.set(d.id, run);
  return run;
}

/**
 * The sealed PDF of an incident's latest 认定书, for staff in scope or the party (its own incident: the unit's
 * accounts see only their USCI's incidents — 404 otherwise, as incidentInScope).
 */
export async function determinationFile(deps: Deps, actor: Actor, incidentId: string): Promise<{ sha256: string; fileName: string }> {
  const db = deps.database.db;
  const i = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
  if (!i) throw notFound('火灾事故');
  if (!inScope(actor.scope, { agencyPath: i.agency_path, usci: i.unit_usci })) throw outOfScope('火灾事故', { type: 'incident', id: incidentId });
  const d = await latestDetermination(db, i.id);
  if (!d) throw new AppError('INCIDENT.NO_DOCUMENT', '该火灾事故尚未送达火灾事故认定书', { status: i.status });
  const produced = await withDeterminationPdf(deps, d);
  const title = DETERMINATION_CONTENT.decode(d.content_json)?.title ?? DETERMINATION_DOCUMENT_TITLE.general;
  return { sha256: produced.pdf_sha256, fileName: `${title}-${d.number}.pdf` };
}

/**
 * Public verification of a 火灾事故认定书 (FIR-03) on the one /verify page (licensing's routes, through this feature's
 * index.ts): by the code behind its QR code, or by the seal digest of an uploaded file. Valid as served; a newer
 * 认定书 of the same fire (re-determination after review) supersedes it. The party shown is the unit (no person).
 */
export async function determinationByCode(ctx: AppContext, code: string, qrSig?: string): Promise<PublicCaseDocumentStatusView | null> {
  const d = await ctx.database.db.selectFrom('incident_documents').selectAll().where('verify_code', '=', code.toUpperCase()).executeTakeFirst();
  return d ? presentPublic(ctx, d, qrSig) : null;
}

export async function determinationByDigest(ctx: AppContext, digest: string): Promise<PublicCaseDocumentStatusView | null> {
  const d = await ctx.database.db.selectFrom('incident_documents').selectAll().where('seal_digest', '=', digest).executeTakeFirst();
  return d ? presentPublic(ctx, d) : null;
}

async function presentPublic(ctx: AppContext, recorded: IncidentDocument, qrSig?: string): Promise<PublicCaseDocumentStatusView> {
  const { db } = ctx.database;
  // The seal digest shown is the PDF's: a document verified before its first download gets its PDF now.
  const d = await withDeterminationPdf(ctx, recorded);
  const agency = await db.selectFrom('agencies').select('name').where('id', '=', d.agency_id).executeTakeFirstOrThrow();
  const latest = await latestDetermination(db, d.incident_id);
  const status = latest && latest.id !== d.id ? 'superseded' : 'valid';
  let qrSignatureValid: boolean | null = null;
  if (qrSig) {
    const key = await sealPublicKey(db, d.seal_key_id);
    const hex = /^[A-Za-z0-9_-]{80,100}$/.test(qrSig) ? Buffer.from(qrSig, 'base64url').toString('hex') : '';
    qrSignatureValid = !!key && sm2Verify(key.publicKey, d.qr_facts, hex);
  }
  const content = DETERMINATION_CONTENT.decode(d.content_json);
  return {
    kind: 'fire_determination',
    title: content?.title ?? DETERMINATION_DOCUMENT_TITLE.general,
    number: d.number,
    status,
    statusLabel: CASE_DOCUMENT_STATUS_LABELS[status],
    valid: status === 'valid',
    issuer: agency.name,
    issuedOn: d.issued_on,
    party: content?.addressee ?? '',
    caseNumber: null,
    qrSignatureValid,
    sealDigest: d.seal_digest,
  };
}
