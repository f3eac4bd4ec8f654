import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  chinaDateOf,
  INTAKE_DOCUMENT_KIND_LABELS,
  type IntakeContent,
  type IntakeDocumentKind,
  intakeDocumentText,
  intakeQrFacts,
  type LicensingNumberingPolicy,
  type ResolvedPolicy,
  renderDocumentNumber,
} from '@fep/domain';
import { insertRows } from '../../db/compiled.ts';
import type { Executor } from '../../db/database.ts';
import type { ApplicationDocumentTable, ApplicationTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { newVerifyCode, sealKeyOf } from '../../platform/documents/issue.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { INTAKE_DOCUMENT_CONTENT } from './licensing.columns.ts';

export type IntakeDocumentContent = NonNullable<ReturnType<typeof INTAKE_DOCUMENT_CONTENT.decode>>;

/**
 * The written vouchers of intake (行政许可法 art. 32 ¶2: an agency accepting or not accepting an
 * application issues a written voucher bearing its seal and the date): 受理回执 on submission, 受理通知书 on
 * acceptance, 补正材料通知书 with each one-time notice, 不予受理通知书 on refusal — recorded in the
 * transaction of the act (number, verification code, seal key and a snapshot of the content), numbered per
 * agency and year from `licensing.numbering` (gapless: the counter is taken in the transaction); the PDF is
 * rendered by the one document renderer after the commit (document-production.ts), sealed with the agency's
 * SM2 seal key and verifiable through their QR code like a permit.
 */

/** What a step asks for: the text's variable part; the acceptance's time limit is read from the clock. */
export type IntakeDocumentRequest =
  | Extract<IntakeContent, { kind: 'receipt' | 'correction' | 'rejection' }>
  | (Omit<Extract<IntakeContent, { kind: 'acceptance' }>, 'limit'> & { limit?: undefined });

export interface IssuedIntakeDocument {
  document: ApplicationDocumentTable;
  sealKeyCreated: { id: string; agencyId: string } | null;
  /** The licensing.numbering version the number came from (null: the receipt carries the application reference). */
  numberingVersion: string | null;
}

const TEMPLATE: Record<Exclude<IntakeDocumentKind, 'receipt'>, keyof LicensingNumberingPolicy> = {
  acceptance: 'acceptanceTemplate',
  correction: 'correctionTemplate',
  rejection: 'rejectionTemplate',
};

/** The act a document records, unique per application and kind (a second acceptance gets no second notice). */
export function actOf(content: IntakeDocumentRequest): string {
  if (content.kind === 'correction') return `notice:${content.seq}`;
  return { receipt: 'submit', acceptance: 'accept', rejection: 'reject' }[content.kind];
}

export async function issueIntakeDocument(
  trx: Executor,
  ctx: AppContext,
  app: ApplicationTable,
  request: IntakeDocumentRequest,
  issuedBy: string | null,
): Promise<IssuedIntakeDocument> {
  const now = ctx.now();
  const agency = await agencyById(trx, app.agency_id);
  if (!agency) throw new Error(`application ${app.id} names a missing agency ${app.agency_id}`);
  const issuedOn = chinaDateOf(now);
  const year = Number(issuedOn.slice(0, 4));
  let number: string;
  let numberingVersion: string | null = null;
  if (request.kind === 'receipt') {
    // The receipt is the voucher of the submission itself: its number is the application's reference,
    // taken when the application was numbered (from the same policy).
    number = app.reference_no;
  } else {
    const [numbering] = (await resolveForAgency(trx, agency, issuedOn, ['licensing.numbering'])) as [ResolvedPolicy<LicensingNumberingPolicy>];
    number = renderDocumentNumber(String(numbering.values[TEMPLATE[request.kind]]), {
      agencyShortName: agency.short_name,
      regionCode: agency.region_code,
      year,
      seq: await nextSequence(trx, agency.id, request.kind, year),
      seqDigits: numbering.values.noticeSeqDigits,
    });
    numberingVersion = numbering.versionKey;
  }
  let content: IntakeContent;
  if (request.kind === 'acceptance') {
    const clock = app.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', app.clock_id).executeTakeFirst() : undefined;
    content = {
      ...request,
      limit: clock
        ? {
            workingDays: clock.amount,
            dueDate: clock.due_date,
            basis: [clock.legal_document, clock.legal_clause].filter(Boolean).join(''),
          }
        : null,
    };
  } else content = request;
  const text = intakeDocumentText(
    {
      applicant: app.company_name,
      usci: app.usci,
      venueName: app.venue_name,
      venueAddress: app.venue_address,
      reference: app.reference_no,
      submittedOn: chinaDateOf(app.submitted_at ?? now),
      agencyName: agency.name,
      issuedOn,
    },
    content,
  );
  const verifyCode = newVerifyCode();
  const qrFacts = intakeQrFacts({ verifyCode, number, kind: request.kind, applicant: app.company_name, reference: app.reference_no, issuedOn });
  const snapshot: IntakeDocumentContent = {
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
    subject: `${number} ${INTAKE_DOCUMENT_KIND_LABELS[request.kind]} ${app.venue_name}`,
  };
  // The seal key is chosen (and generated on first use, recorded by the caller) with the act; the QR
  // signature, the rendering and the seal are made after the commit from the snapshot (document-production.ts).
  const { key, created } = await sealKeyOf(trx, ctx, agency.id);
  const document: ApplicationDocumentTable = {
    id: uuidv7(now.getTime()),
    application_id: app.id,
    agency_id: agency.id,
    agency_path: agency.path,
    kind: request.kind,
    number,
    verify_code: verifyCode,
    issued_on: issuedOn,
    status: 'valid',
    qr_facts: qrFacts,
    qr_signature: '',
    seal_key_id: key.id,
    seal_digest: '',
    pdf_sha256: '',
    content_json: INTAKE_DOCUMENT_CONTENT.encode(snapshot),
    act: actOf(request),
    policy_version: numberingVersion,
    issued_by: issuedBy,
    created_at: now.toISOString(),
  };
  await insertRows(trx, 'application_documents', [document]);
  return { document, sealKeyCreated: created ? { id: key.id, agencyId: agency.id } : null, numberingVersion };
}

// ---- 办件查询 code ----------------------------------------------------------------------------------
/**
 * The applicant's 办件查询 code: derived from the application id with a key held outside the database (a
 * subkey of the seal master key), so the applicant's own pages can show it again while the database keeps
 * only its HMAC. Eight characters of 32 (40 bits), behind attempt limits.
 */
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function lookupKey(ctx: Pick<AppContext, 'sealMasterKey'>): Buffer {
  return createHmac('sm3', ctx.sealMasterKey).update('application-lookup-code').digest();
}

export function lookupCodeOf(ctx: Pick<AppContext, 'sealMasterKey'>, applicationId: string): string {
  const mac = createHmac('sm3', lookupKey(ctx)).update(`code|${applicationId}`).digest();
  return [...mac.subarray(0, 8)].map((x) => CODE_CHARS[x % CODE_CHARS.length]).join('');
}

export function lookupCodeHash(ctx: Pick<AppContext, 'sealMasterKey'>, applicationId: string, code: string): string {
  return createHmac('sm3', lookupKey(ctx)).update(`hash|${applicationId}|${code.toUpperCase()}`).digest('hex');
}

/** Constant-time check of a code against the stored hash (a dummy comparison when there is no application). */
export function lookupCodeMatches(ctx: Pick<AppContext, 'sealMasterKey'>, applicationId: string, stored: string | null, code: string): boolean {
  const given = Buffer.from(lookupCodeHash(ctx, applicationId, code), 'hex');
  const expected = stored && /^[0-9a-f]{64}$/.test(stored) ? Buffer.from(stored, 'hex') : Buffer.alloc(given.length);
  return timingSafeEqual(given, expected) && stored !== null;
}
