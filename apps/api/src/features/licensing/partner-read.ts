import { APPLICATION_STATUS_LABELS, type ApplicationStatus, LICENCE_STATUS_LABELS } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Licence } from '../../db/schema/licensing.ts';
import type { AppContext } from '../../platform/context.ts';
import { verifySealedPdf } from '../../platform/documents/seal.ts';
import { readBlob } from '../../platform/files/storage.ts';

/**
 * What the partner gateway (MON-03) reads of licensing, through this surface only: an application's state and
 * permit for the portal that filed it, a holder's permits for the e-licence sharing service with the seal of each
 * stored PDF checked now, and a permit's sealed PDF.
 */
export async function applicationForPartner(db: Executor, id: string) {
  const a = await db
    .selectFrom('applications')
    .select(['id', 'reference_no', 'status', 'usci', 'applicant_user_id', 'agency_path', 'submitted_at', 'decided_at', 'licence_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  const l = a.licence_id
    ? await db.selectFrom('licences').select(['number', 'status', 'issued_on', 'verify_code']).where('id', '=', a.licence_id).executeTakeFirst()
    : undefined;
  return {
    applicationId: a.id,
    referenceNo: a.reference_no,
    usci: a.usci,
    applicantUserId: a.applicant_user_id,
    agencyPath: a.agency_path,
    status: a.status,
    statusLabel: APPLICATION_STATUS_LABELS[a.status as ApplicationStatus] ?? a.status,
    submittedAt: a.submitted_at,
    decidedAt: a.decided_at,
    permit: l ? { number: l.number, status: l.status, statusLabel: LICENCE_STATUS_LABELS[l.status], issuedOn: l.issued_on, verifyCode: l.verify_code } : null,
  };
}

export async function applicationIdByReference(db: Executor, referenceNo: string): Promise<string | undefined> {
  const a = await db.selectFrom('applications').select('id').where('reference_no', '=', referenceNo).executeTakeFirst();
  return a?.id;
}

async function sealValid(ctx: Pick<AppContext, 'database' | 'config'>, l: Pick<Licence, 'pdf_sha256' | 'seal_key_id'>): Promise<boolean> {
  if (!l.pdf_sha256) return false;
  const key = await ctx.database.db.selectFrom('seal_keys').select(['id', 'public_key']).where('id', '=', l.seal_key_id).executeTakeFirst();
  const pdf = await readBlob(ctx.config.dataDir, l.pdf_sha256).catch(() => null);
  if (!pdf || !key) return false;
  return verifySealedPdf(pdf, (id) => (id === key.id ? key.public_key : undefined)).ok;
}

/** Every permit of a holder (all revisions, newest first), with the issuing agency and the seal checked now. */
export async function licencesOfHolder(ctx: Pick<AppContext, 'database' | 'config'>, usci: string) {
  const rows = await ctx.database.db
    .selectFrom('licences')
    .innerJoin('agencies', 'agencies.id', 'licences.agency_id')
    .selectAll('licences')
    .select('agencies.name as agency_name')
    .where('licences.usci', '=', usci)
    .orderBy('licences.issued_on', 'desc')
    .orderBy('licences.revision', 'desc')
    .limit(200)
    .execute();
  const out = [];
  for (const l of rows) {
    out.push({
      number: l.number,
      revision: l.revision,
      holder: l.holder_name,
      usci: l.usci,
      venueName: l.venue_name,
      venueAddress: l.venue_address,
      issuer: l.agency_name,
      issuedOn: l.issued_on,
      status: l.status,
      statusLabel: LICENCE_STATUS_LABELS[l.status],
      sealValid: await sealValid(ctx, l),
      sealDigest: l.seal_digest,
      verifyCode: l.verify_code,
      verifyUrl: `${ctx.config.publicUrl}/verify/${l.verify_code}`,
      agencyPath: l.agency_path,
    });
  }
  return out;
}

/** A permit's facts for a push (issue, amendment, revocation). */
export async function licenceForPartner(ctx: Pick<AppContext, 'database' | 'config'>, licenceId: string) {
  const l = await ctx.database.db.selectFrom('licences').selectAll().where('id', '=', licenceId).executeTakeFirst();
  if (!l) return undefined;
  const mine = await licencesOfHolder(ctx, l.usci);
  return mine.find((x) => x.verifyCode === l.verify_code);
}

/** The sealed PDF of a permit by its verification code, with its holder (the caller checks who may have it). */
export async function licencePdfByCode(ctx: Pick<AppContext, 'database' | 'config'>, verifyCode: string) {
  const l = await ctx.database.db
    .selectFrom('licences')
    .select(['number', 'usci', 'pdf_sha256', 'application_id', 'agency_path'])
    .where('verify_code', '=', verifyCode)
    .executeTakeFirst();
  if (!l?.pdf_sha256) return undefined;
  return { number: l.number, usci: l.usci, applicationId: l.application_id, agencyPath: l.agency_path, pdf: await readBlob(ctx.config.dataDir, l.pdf_sha256) };
}
