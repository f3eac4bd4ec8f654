import type { CaseView } from '@fep/contracts';
import {
  CASE_DOCUMENT_KIND_LABELS,
  CASE_DOCUMENT_PURPOSE,
  CASE_DOCUMENT_STATUS_LABELS,
  caseQrFacts,
  chinaDateOf,
  SEAL_SITUATION_LABELS,
  sealDocumentText,
} from '@fep/domain';
import type { Transaction } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { EnforcementSeal, EnforcementSealDocument, EnforcementSealDocumentTable } from '../../db/schema/enforcement.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { newVerifyCode, produceSealedDocument, sealKeyOf } from '../../platform/documents/issue.ts';
import { sealKeyById } from '../../platform/documents/seal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import type { Audit } from '../../platform/transact.ts';
import { SEAL_DOCUMENT_CONTENT } from './enforcement.columns.ts';
import { sealOfficersOf } from './seals.access.ts';

/**
 * The 临时查封决定书 (ENF-05; 行政强制法 art. 24): recorded in the transaction of the collective decision (or the
 * confirmation of an emergency seal) with its number (the seal's), verification code, seal key, QR facts and the
 * snapshot of what it prints (text from packages/domain enforcement/documents.ts `sealDocumentText`); the PDF is
 * rendered, sealed with the agency's SM2 seal and attached after the commit — on the first download or
 * verification — exactly as a penalty case's documents are, and verified on the same /verify page.
 */
export async function issueSealDocument(trx: Transaction<DB>, deps: AppContext, audit: Audit, actor: Actor, s: EnforcementSeal): Promise<void> {
  if (!s.number || !s.start_date || !s.end_date) throw new Error(`seal ${s.id} has no number or term to print`);
  const now = deps.now();
  const issuedOn = chinaDateOf(now);
  const agency = await agencyById(trx, s.agency_id);
  if (!agency) throw new Error(`agency ${s.agency_id} of seal ${s.id} not found`);
  const officerIds = sealOfficersOf(s);
  const names = new Map(
    officerIds.length
      ? (await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', officerIds).execute()).map((u) => [u.id, u.display_name])
      : [],
  );
  const text = sealDocumentText({
    unitName: s.unit_name,
    usci: s.usci,
    situationLabel: SEAL_SITUATION_LABELS[s.situation],
    scope: s.scope,
    inspectedOn: s.inspected_on,
    startDate: s.start_date,
    endDate: s.end_date,
    termDays: s.term_days,
    emergency: s.emergency === 1,
    officers: officerIds.map((id) => names.get(id) ?? '').filter(Boolean),
    agencyName: agency.name,
    issuedOn,
  });
  const verifyCode = newVerifyCode();
  const caseNumber = s.case_id
    ? ((await trx.selectFrom('enforcement_cases').select('number').where('id', '=', s.case_id).executeTakeFirst())?.number ?? null)
    : null;
  const { key, created } = await sealKeyOf(trx, deps, agency.id);
  if (created)
    await audit({
      action: 'seal_key.create',
      targetType: 'seal_key',
      targetId: key.id,
      details: { agency: agency.id, algorithm: 'SM2', reason: '机构首次出具执法文书' },
    });
  const row: EnforcementSealDocumentTable = {
    id: uuidv7(now.getTime()),
    seal_id: s.id,
    agency_id: agency.id,
    agency_path: agency.path,
    kind: 'seal_decision',
    number: s.number,
    verify_code: verifyCode,
    issued_on: issuedOn,
    qr_facts: caseQrFacts({ verifyCode, number: s.number, kind: 'seal_decision', party: { kind: 'unit', name: s.unit_name }, caseNumber, issuedOn }),
    qr_signature: '',
    seal_key_id: key.id,
    seal_digest: '',
    pdf_sha256: '',
    content_json: SEAL_DOCUMENT_CONTENT.encode({
      layout: 'notice',
      title: text.title,
      number: s.number,
      addressee: text.addressee,
      paragraphs: text.paragraphs,
      rows: [...text.rows, ['核验码', verifyCode]],
      basis: text.basis,
      agencyName: agency.name,
      issuedOn,
      footer: `本文书加盖电子印章（SM2/SM3），与纸质文书具有同等效力。扫描二维码或在消防执法服务平台“证照核验”中输入核验码 ${verifyCode} 核验真伪。`,
      subject: `${s.number} ${CASE_DOCUMENT_KIND_LABELS.seal_decision} ${s.unit_name}`,
    }),
    policy_version: s.policy_version,
    issued_by: actor.userId,
    created_at: now.toISOString(),
  };
  await trx.insertInto('enforcement_seal_documents').values(row).execute();
  await audit({
    action: 'enforcement_document.issue',
    targetType: 'enforcement_seal',
    targetId: s.id,
    details: { document: row.id, kind: 'seal_decision', number: s.number },
  });
}

const inFlight = new Map<string, Promise<EnforcementSealDocument>>();

/** The seal document with its sealed PDF, rendered and attached first when it has none (compare-and-set on the empty file reference). */
export function withSealDocumentPdf(ctx: AppContext, d: EnforcementSealDocument): Promise<EnforcementSealDocument> {
  if (d.pdf_sha256) return Promise.resolve(d);
  const running = inFlight.get(d.id);
  if (running) return running;
  const run = (async () => {
    const { db } = ctx.database;
    const spec = SEAL_DOCUMENT_CONTENT.decode(d.content_json);
    if (!spec) throw new Error(`seal document ${d.id} has no content snapshot`);
    const key = await sealKeyById(db, ctx.sealMasterKey, d.seal_key_id);
    const sealed = await produceSealedDocument(db, ctx, { agencyId: d.agency_id, verifyCode: d.verify_code, qrFacts: d.qr_facts, spec, key });
    const set = { pdf_sha256: sealed.sha256, seal_digest: sealed.digest, qr_signature: sealed.qrSignature };
    const won = await db.updateTable('enforcement_seal_documents').set(set).where('id', '=', d.id).where('pdf_sha256', '=', '').executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) return { ...d, ...set };
    return db.selectFrom('enforcement_seal_documents').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
  })().finally(() => inFlight.delete(d.id));
  inFlight.set(d.id, run);
  return run;
}

/** The seal's document for its view: the caller's own download route (back office or portal). */
export async function sealDocumentsOf(db: Executor, sealId: string, party: boolean): Promise<CaseView['documents']> {
  const rows = await db.selectFrom('enforcement_seal_documents').selectAll().where('seal_id', '=', sealId).execute();
  return rows.map((d) => ({
    id: d.id,
    kindLabel: CASE_DOCUMENT_KIND_LABELS.seal_decision,
    number: d.number,
    issuedOn: d.issued_on,
    downloadUrl: party ? `/api/v1/portal/seals/${sealId}/documents/${d.id}/pdf` : `/api/v1/enforcement/seal-documents/${d.id}/pdf`,
    purpose: CASE_DOCUMENT_PURPOSE.seal_decision,
    verifyCode: d.verify_code,
    statusLabel: CASE_DOCUMENT_STATUS_LABELS.valid,
    valid: true,
  }));
}
