import type { ApplicationDocumentTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { produceSealedDocument } from '../../platform/documents/issue.ts';
import { sealKeyById } from '../../platform/documents/seal.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import { INTAKE_DOCUMENT_RECORDED } from './events.ts';
import { INTAKE_DOCUMENT_CONTENT } from './licensing.columns.ts';

/**
 * The sealed PDF of an intake document, produced after the act's commit (decisions.md: rendering after the
 * commit). The act's transaction records the legal facts — number, verification code, seal key, the QR
 * facts and a snapshot of everything the document prints — and an event; rendering (15–40 ms of CPU) and the
 * SM2 seal happen here, outside any transaction, from that snapshot: by the subscriber of the event, or by
 * the first download or verification that comes before it. The file is attached with a compare-and-set on
 * the empty file reference, so concurrent producers end with one file: the loser answers with the winner's.
 */

/** Renders made by this process (tests count them: the act's transaction renders nothing, redelivery renders once). */
export const documentRenders = { count: 0 };

/** Producers in flight in this process, by document id: concurrent first downloads share one rendering. */
const inFlight = new Map<string, Promise<ApplicationDocumentTable>>();

/** The document with its sealed PDF, rendering and attaching it first when it has none yet. */
export function withIntakeDocumentPdf(ctx: AppContext, d: ApplicationDocumentTable): Promise<ApplicationDocumentTable> {
  if (d.pdf_sha256) return Promise.resolve(d);
  const running = inFlight.get(d.id);
  if (running) return running;
  const run = renderAndAttach(ctx, d).finally(() => inFlight.delete(d.id));
  inFlight.set(d.id, run);
  return run;
}

/**
 * Renders, seals, stores and attaches the PDF (compare-and-set on the empty file reference). Exported for
 * the test of producers in different processes; callers use `withIntakeDocumentPdf`.
 */
export async function renderAndAttach(ctx: AppContext, d: ApplicationDocumentTable): Promise<ApplicationDocumentTable> {
  const { db } = ctx.database;
  const spec = INTAKE_DOCUMENT_CONTENT.decode(d.content_json);
  if (!spec) throw new Error(`application document ${d.id} has neither a PDF nor a content snapshot`);
  const key = await sealKeyById(db, ctx.sealMasterKey, d.seal_key_id);
  documentRenders.count++;
  const sealed = await produceSealedDocument(db, ctx, { agencyId: d.agency_id, verifyCode: d.verify_code, qrFacts: d.qr_facts, spec, key });
  const set = { pdf_sha256: sealed.sha256, seal_digest: sealed.digest, qr_signature: sealed.qrSignature };
  const won = await db.updateTable('application_documents').set(set).where('id', '=', d.id).where('pdf_sha256', '=', '').executeTakeFirst();
  if (Number(won.numUpdatedRows) === 1) return { ...d, ...set };
  // Another producer (another process, or the subscriber) attached its file first: that one is the document.
  return db.selectFrom('application_documents').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
}

/** Loads a document by id and makes sure it has its PDF (the subscriber's work, also a redelivery's). */
export async function produceIntakeDocumentPdf(ctx: AppContext, documentId: string): Promise<ApplicationDocumentTable | undefined> {
  const d = await ctx.database.db.selectFrom('application_documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  return d && withIntakeDocumentPdf(ctx, d);
}

export const licensingSubscribers: Subscriber[] = [
  {
    name: 'licensing.produce_intake_document',
    types: [INTAKE_DOCUMENT_RECORDED],
    async handle(deps, event) {
      await produceIntakeDocumentPdf(deps, String(event.payload.documentId));
    },
  },
];
