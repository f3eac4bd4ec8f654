import { CASE_DOCUMENT_KIND_LABELS } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { loadCase, loadOwnCase } from '../cases.access.ts';
import { partyMaySee } from '../cases.presenter.ts';
import { withCaseDocumentPdf } from '../document-production.ts';
import { withSealDocumentPdf } from '../seal-documents.ts';
import { loadOwnSeal, loadSeal, partyMaySee as partyMaySeeSeal } from '../seals.access.ts';

export interface CaseDocumentFile {
  sha256: string;
  fileName: string;
}

const missing = () => new AppError('RESOURCE.NOT_FOUND', '文书不存在或无权查看');

/** A case document's sealed PDF for the staff: whoever may see the case may download its documents (scope refusal: 404, recorded). */
export async function caseDocumentFile(deps: Deps, actor: Actor, documentId: string): Promise<CaseDocumentFile> {
  const db = deps.database.db;
  const d = await db.selectFrom('enforcement_documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!d) throw missing();
  await loadCase(deps, actor, db, d.case_id);
  const produced = await withCaseDocumentPdf(deps, d);
  return { sha256: produced.pdf_sha256, fileName: `${CASE_DOCUMENT_KIND_LABELS[d.kind]}-${d.number}.pdf` };
}

/**
 * A document of the party's own case in the portal (ENF-04): only its own case, once the party has been told
 * of the case, and of the document (a decision once served, or on the spot) — the same 404 otherwise.
 */
export async function ownCaseDocumentFile(deps: Deps, actor: Actor, caseId: string, documentId: string): Promise<CaseDocumentFile> {
  const db = deps.database.db;
  const c = await loadOwnCase(deps, actor, db, caseId);
  const d = await db.selectFrom('enforcement_documents').selectAll().where('id', '=', documentId).where('case_id', '=', c.id).executeTakeFirst();
  if (!d || !partyMaySee(c, d)) throw missing();
  const produced = await withCaseDocumentPdf(deps, d);
  return { sha256: produced.pdf_sha256, fileName: `${CASE_DOCUMENT_KIND_LABELS[d.kind]}-${d.number}.pdf` };
}

/** A seal's 临时查封决定书 for the staff who may see the seal (scope refusal: 404, recorded). */
export async function sealDocumentFile(deps: Deps, actor: Actor, documentId: string): Promise<CaseDocumentFile> {
  const db = deps.database.db;
  const d = await db.selectFrom('enforcement_seal_documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!d) throw missing();
  await loadSeal(deps, actor, db, d.seal_id);
  const produced = await withSealDocumentPdf(deps, d);
  return { sha256: produced.pdf_sha256, fileName: `${CASE_DOCUMENT_KIND_LABELS.seal_decision}-${d.number}.pdf` };
}

/** The unit's own seal's 临时查封决定书 in the portal (ENF-05). */
export async function ownSealDocumentFile(deps: Deps, actor: Actor, sealId: string, documentId: string): Promise<CaseDocumentFile> {
  const db = deps.database.db;
  const s = await loadOwnSeal(deps, actor, db, sealId);
  const d = await db.selectFrom('enforcement_seal_documents').selectAll().where('id', '=', documentId).where('seal_id', '=', s.id).executeTakeFirst();
  if (!d || !partyMaySeeSeal(s)) throw missing();
  const produced = await withSealDocumentPdf(deps, d);
  return { sha256: produced.pdf_sha256, fileName: `${CASE_DOCUMENT_KIND_LABELS.seal_decision}-${d.number}.pdf` };
}
