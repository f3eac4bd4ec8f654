import {
  chinaDateOf,
  LICENCE_STATUS_LABELS,
  type LicensingNumberingPolicy,
  type ResolvedPolicy,
  renderDocumentNumber,
  VENUE_KIND_LABELS,
  type VenueKind,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable, LicenceTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { newVerifyCode, produceSealedDocument, sealKeyOf, verifyUrl } from '../../platform/documents/issue.ts';
import type { DocumentSpec } from '../../platform/documents/pdf.ts';
import { renderDocument } from '../../platform/documents/render-pool.ts';
import type { SealKey } from '../../platform/documents/seal.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/**
 * Issues an e-licence (LIC-07): permit number unique per agency and year, PDF with the CJK font and a
 * QR code to the public verification page, sealed with the agency's SM2 key (platform/documents/issue.ts,
 * the one producer of sealed documents). An amendment or a reissue keeps the permit number and raises
 * the revision.
 */
export { newVerifyCode, nextSequence };

/** What the QR signature covers: the facts printed on the permit, so they can be checked offline. */
export function qrPayload(l: Pick<LicenceTable, 'verify_code' | 'number' | 'holder_name' | 'venue_name' | 'issued_on'>): string {
  return [l.verify_code, l.number, l.holder_name, l.venue_name, l.issued_on].join('|');
}

export interface LicenceFacts {
  holderName: string;
  legalRepresentative: string;
  venueName: string;
}

/** The permit as printed. */
function licenceSpec(l: LicenceTable, agencyName: string, note?: string): Omit<DocumentSpec, 'qrUrl'> {
  return {
    title: '公众聚集场所投入使用、营业前消防安全检查合格证',
    number: l.revision > 1 ? `${l.number}（第${l.revision}版）` : l.number,
    rows: [
      ['单位名称', l.holder_name],
      ['统一社会信用代码', l.usci],
      ['法定代表人', l.legal_representative],
      ['场所名称', l.venue_name],
      ['场所地址', l.venue_address],
      ['使用性质', VENUE_KIND_LABELS[l.venue_kind as VenueKind] ?? l.venue_kind],
      ['建筑面积', `${l.floor_area.toLocaleString('zh-CN')} ㎡`],
      ['许可方式', l.path === 'commitment' ? '告知承诺（许可后核查）' : '现场检查合格'],
      ['核验码', l.verify_code],
    ],
    paragraphs: [
      '经审查，该场所符合消防安全要求，准予投入使用、营业。',
      ...(note ? [note] : []),
      '场所的使用性质、建筑面积、内部装修或消防设施发生变化的，应当重新申请消防安全检查。',
    ],
    agencyName,
    issuedOn: l.issued_on,
    footer: `本证照为电子证照，加盖电子印章（SM2/SM3），与纸质证照具有同等效力。状态：${LICENCE_STATUS_LABELS.valid}，以平台核验结果为准。`,
    subject: `${l.number} ${l.venue_name}`,
  };
}

/** Renders and seals a permit without storing it, on the render pool as issuance does (benchmarks measure with it). */
export async function renderLicence(
  ctx: Pick<AppContext, 'config' | 'documents'>,
  l: LicenceTable,
  agencyName: string,
  key: SealKey,
  note?: string,
): Promise<{ pdf: Buffer; digest: string }> {
  const sealed = await renderDocument(ctx, { ...licenceSpec(l, agencyName, note), qrUrl: verifyUrl(ctx, l.verify_code, l.qr_signature) }, key);
  return { pdf: sealed.pdf, digest: sealed.seal!.digest };
}

export interface IssueOptions {
  id?: string;
  previous?: LicenceTable;
  facts?: LicenceFacts;
  note?: string;
  policyVersion?: string | null;
}

/** A licence as issued, and the agency's seal key when this issuance generated it (its own record event). */
export interface IssuedLicence {
  licence: LicenceTable;
  sealKeyCreated: { id: string; agencyId: string } | null;
  /** The licensing.numbering version a new number was rendered from (null: the number was kept). */
  numberingVersion: string | null;
}

export async function issueLicence(trx: Executor, ctx: AppContext, app: ApplicationTable, opts: IssueOptions = {}): Promise<IssuedLicence> {
  const now = ctx.now();
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', app.agency_id).executeTakeFirstOrThrow();
  const { key, created } = await sealKeyOf(trx, ctx, agency.id);
  const issuedOn = chinaDateOf(now);
  // A new permit's number has the form of the agency's licensing.numbering policy on the day of issue;
  // an amended or reissued permit keeps its number.
  let number: string;
  let numberingVersion: string | null = null;
  if (opts.previous) number = opts.previous.number;
  else {
    const year = Number(issuedOn.slice(0, 4));
    const [numbering] = (await resolveForAgency(trx, agency, issuedOn, ['licensing.numbering'])) as [ResolvedPolicy<LicensingNumberingPolicy>];
    number = renderDocumentNumber(numbering.values.permitTemplate, {
      agencyShortName: agency.short_name,
      regionCode: agency.region_code,
      year,
      seq: await nextSequence(trx, agency.id, 'permit', year),
      seqDigits: numbering.values.permitSeqDigits,
    });
    numberingVersion = numbering.versionKey;
  }
  const base = opts.previous;
  const row: LicenceTable = {
    id: opts.id ?? uuidv7(now.getTime()),
    number,
    revision: base ? base.revision + 1 : 1,
    verify_code: newVerifyCode(),
    agency_id: agency.id,
    agency_path: agency.path,
    application_id: app.id,
    applicant_user_id: app.applicant_user_id,
    usci: app.usci,
    holder_name: opts.facts?.holderName ?? base?.holder_name ?? app.company_name,
    legal_representative: opts.facts?.legalRepresentative ?? base?.legal_representative ?? app.legal_representative,
    venue_name: opts.facts?.venueName ?? base?.venue_name ?? app.venue_name,
    venue_address: base?.venue_address ?? app.venue_address,
    venue_kind: base?.venue_kind ?? app.venue_kind,
    floor_area: base?.floor_area ?? app.floor_area,
    path: base?.path ?? app.path,
    issued_on: issuedOn,
    status: 'valid',
    superseded_by: null,
    pdf_sha256: '',
    seal_key_id: key.id,
    seal_digest: '',
    qr_signature: '',
    revoked_at: null,
    revocation_json: null,
    delivery_json: null,
    policy_version: opts.policyVersion ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const sealed = await produceSealedDocument(trx, ctx, {
    agencyId: agency.id,
    verifyCode: row.verify_code,
    qrFacts: qrPayload(row),
    spec: licenceSpec(row, agency.name, opts.note),
    key,
  });
  row.qr_signature = sealed.qrSignature;
  row.pdf_sha256 = sealed.sha256;
  row.seal_digest = sealed.digest;
  await trx.insertInto('licences').values(row).execute();
  return { licence: row, sealKeyCreated: created ? { id: key.id, agencyId: agency.id } : null, numberingVersion };
}
