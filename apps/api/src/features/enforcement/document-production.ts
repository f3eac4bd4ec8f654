import type { EnforcementDocument } from '../../db/schema/enforcement.ts';
import type { AppContext } from '../../platform/context.ts';
import { produceSealedDocument } from '../../platform/documents/issue.ts';
import { sealKeyById } from '../../platform/documents/seal.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import { CASE_DOCUMENT_CONTENT } from './enforcement.columns.ts';
import { NOTICE_SERVED, PENALTY_DECIDED } from './events.ts';

/**
 * The sealed PDF of a case document, produced after the act's commit, as intake documents are
 * (decisions.md: rendering after the commit). The act's transaction records the legal facts — number,
 * verification code, seal key, the QR facts and a snapshot of everything the document prints; rendering
 * (15–40 ms of CPU) and the SM2 seal happen here, outside any transaction, from that snapshot: by the
 * subscriber of the act's event (enforcement.notice_served, enforcement.penalty_decided), or by the first
 * download or verification that comes before it. The file is attached with a compare-and-set on the empty
 * file reference, so concurrent producers end with one file: the loser answers with the winner's.
 */

/** Renders made by this process (tests count them: the act's transaction renders nothing, redelivery renders once). */
export const caseDocumentRenders = { count: 0 };

/** Producers in flight in this process, by document id: concurrent first downloads share one rendering. */
const inFlight = new Map<string, Promise<EnforcementDocument>>();

/** The document with its sealed PDF, rendering and attaching it first when it has none yet. */
export function withCaseDocumentPdf(ctx: AppContext, d: EnforcementDocument): Promise<EnforcementDocument> {
  if (d.pdf_sha256) return Promise.resolve(d);
  const running = inFlight.get(d.id);
  if (running) return running;
  const run = renderAndAttachCaseDocument(ctx, d).finally(() => inFlight.delete(d.id));
  inFlight.set(d.id, run);
  return run;
}

/**
 * Renders, seals, stores and attaches the PDF (compare-and-set on the empty file reference). Exported for
 * the test of producers in different processes; callers use `withCaseDocumentPdf`.
 */
export async function renderAndAttachCaseDocument(ctx: AppContext, d: EnforcementDocument): Promise<EnforcementDocument> {
  const { db } = ctx.database;
  const spec = CASE_DOCUMENT_CONTENT.decode(d.content_json);
  if (!spec) throw new Error(`enforcement document ${d.id} has no content snapshot`);
  const key = await sealKeyById(db, ctx.sealMasterKey, d.seal_key_id);
  caseDocumentRenders.count++;
  const sealed = await produceSealedDocument(db, ctx, { agencyId: d.agency_id, verifyCode: d.verify_code, qrFacts: d.qr_facts, spec, key });
  const set = { pdf_sha256: sealed.sha256, seal_digest: sealed.digest, qr_signature: sealed.qrSignature };
  const won = await db.updateTable('enforcement_documents').set(set).where('id', '=', d.id).where('pdf_sha256', '=', '').executeTakeFirst();
  if (Number(won.numUpdatedRows) === 1) return { ...d, ...set };
  // Another producer (another process, or the subscriber) attached its file first: that one is the document.
  return db.selectFrom('enforcement_documents').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
}

/** Makes sure every document of a case has its PDF (the subscriber's work, also a redelivery's: nothing to do then). */
export async function produceCaseDocumentPdfs(ctx: AppContext, caseId: string): Promise<void> {
  const pending = await ctx.database.db.selectFrom('enforcement_documents').selectAll().where('case_id', '=', caseId).where('pdf_sha256', '=', '').execute();
  for (const d of pending) await withCaseDocumentPdf(ctx, d);
}

export const documentSubscribers: Subscriber[] = [
  {
    name: 'enforcement.produce_case_documents',
    types: [NOTICE_SERVED, PENALTY_DECIDED],
    async handle(deps, event) {
      await produceCaseDocumentPdfs(deps, String(event.payload.caseId));
    },
  },
];
