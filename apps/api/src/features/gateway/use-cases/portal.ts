import type { ApplicationRequest, PortalApplicationView } from '@fep/contracts';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordUpload } from '../../../platform/files/use-cases/record-upload.ts';
import type { VerifiedPartner } from '../../../platform/partners/inbound.ts';
import type { Deps } from '../../../platform/transact.ts';
import { applicationForPartner, applicationIdByReference, createApplication, licencePdfByCode } from '../../licensing/index.ts';

/**
 * Unified service portal intake (赣服通, 粤商通; MON-03, LIC-01): the portal files for its signed-in business user,
 * whose identity it asserts (the actor is the applicant account bound to that portal user and USCI, created on the
 * first call), through the same use cases as the portal pages of this platform: uploads (recordUpload) and the
 * application (createApplication, submitted at once). The portal follows the application by its reference number
 * and gets status changes and the permit by callback (features/gateway pushes.ts).
 */
export async function uploadPortalFile(deps: Deps, actor: Actor, input: { filename: string; contentBase64: string }) {
  const data = Buffer.from(input.contentBase64, 'base64');
  if (!data.length) throw new AppError('FILE.MISSING', '文件内容为空');
  const f = await recordUpload(deps, actor, { data, declaredType: 'application/octet-stream', filename: input.filename });
  return { id: f.id, name: f.name, contentType: f.contentType };
}

export function submitPortalApplication(deps: Deps, actor: Actor, application: ApplicationRequest) {
  return createApplication(deps, actor, { application, submit: true });
}

async function partnerUsers(ctx: Pick<AppContext, 'database'>, partnerId: string, userId: string): Promise<boolean> {
  const r = await ctx.database.db
    .selectFrom('gateway_identities')
    .select('user_id')
    .where('partner_id', '=', partnerId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!r;
}

/** The state of an application the portal filed (any other application is not found for it). */
export async function portalApplication(ctx: Pick<AppContext, 'database' | 'config'>, v: VerifiedPartner, ref: { id?: string; referenceNo?: string }) {
  const id = ref.id ?? (ref.referenceNo ? await applicationIdByReference(ctx.database.db, ref.referenceNo) : undefined);
  const a = id ? await applicationForPartner(ctx.database.db, id) : undefined;
  if (!a || !(await partnerUsers(ctx, v.partner.id, a.applicantUserId))) throw new AppError('PARTNER.NOT_FOUND', '未找到该平台代为提交的办件');
  return presentPortalApplication(ctx, a);
}

export function presentPortalApplication(
  ctx: Pick<AppContext, 'config'>,
  a: NonNullable<Awaited<ReturnType<typeof applicationForPartner>>>,
): PortalApplicationView {
  return {
    applicationId: a.applicationId,
    referenceNo: a.referenceNo,
    status: a.status,
    statusLabel: a.statusLabel,
    submittedAt: a.submittedAt,
    decidedAt: a.decidedAt,
    permit: a.permit
      ? {
          number: a.permit.number,
          status: a.permit.status,
          statusLabel: a.permit.statusLabel,
          issuedOn: a.permit.issuedOn,
          pdfPath: `/api/v1/partners/portal/permits/${a.permit.verifyCode}/pdf`,
          verifyUrl: `${ctx.config.publicUrl}/verify/${a.permit.verifyCode}`,
        }
      : null,
  };
}

/** The sealed permit PDF of an application the portal filed. */
export async function portalPermitPdf(ctx: Pick<AppContext, 'database' | 'config'>, v: VerifiedPartner, code: string) {
  const pdf = await licencePdfByCode(ctx, code.toUpperCase());
  const a = pdf ? await applicationForPartner(ctx.database.db, pdf.applicationId) : undefined;
  if (!pdf || !a || !(await partnerUsers(ctx, v.partner.id, a.applicantUserId))) throw new AppError('PARTNER.NOT_FOUND', '未找到该平台代为提交的办件的许可证');
  return pdf;
}
