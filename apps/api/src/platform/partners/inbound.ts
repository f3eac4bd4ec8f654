import { isValidUsci, type PartnerScope } from '@fep/domain';
import type { GatewayPartner } from '../../db/schema/partners.ts';
import { type Actor, systemActor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { clientCertificate } from './certificates.ts';
import { scopesOf } from './partners.ts';
import { type IdentityClaims, openSecret, readIdentityAssertion, sameHex, signRequest } from './secrets.ts';

/**
 * Inbound partner calls (MON-03). A call carries `x-partner-key` (the key id), `x-timestamp` (ISO instant, within
 * five minutes of the platform's clock), `x-nonce` (16–64 characters, accepted once per partner) and
 * `x-signature` (HMAC-SM3 of the canonical request, secrets.ts). Each refusal has a stable code and is written to
 * the inbound log with its reason, as is each accepted call; the nonce is taken by a unique key, so of identical
 * replays sent at once exactly one gets through.
 *
 * A partner the administrator registered a client certificate for (mutual TLS behind the proxy) sends
 * `x-partner-key` only: its certificate, as the trusted proxy verified it, is its credential (certificates.ts).
 */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export interface InboundRequest {
  method: string;
  /** The path with its query, as sent (the signature covers it). */
  path: string;
  /** The route's pattern: what the inbound log keeps (no identifier or query value of the call). */
  route: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ip: string | null;
  /** The connection's peer address (the socket's, not X-Forwarded-For): whether a proxy may vouch for a certificate. */
  peer: string | null;
}

export interface VerifiedPartner {
  partner: GatewayPartner;
  secret: string;
  scopes: PartnerScope[];
}

const header = (h: InboundRequest['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

type Ctx = Pick<AppContext, 'database' | 'sealMasterKey' | 'now' | 'config'>;

async function log(ctx: Ctx, req: InboundRequest, partnerId: string | null, outcome: 'accepted' | 'refused', code: string | null, reason: string | null) {
  await ctx.database.db
    .insertInto('gateway_inbound_log')
    .values({
      id: uuidv7(ctx.now().getTime()),
      partner_id: partnerId,
      method: req.method,
      path: req.route.slice(0, 500),
      outcome,
      code,
      reason,
      ip: req.ip,
      at: ctx.now().toISOString(),
    })
    .execute();
}

export async function verifyInbound(ctx: Ctx, req: InboundRequest, scope: PartnerScope): Promise<VerifiedPartner> {
  let partnerId: string | null = null;
  const refuse = async (
    code:
      | 'PARTNER.SIGNATURE_INVALID'
      | 'PARTNER.UNKNOWN'
      | 'PARTNER.TIMESTAMP_STALE'
      | 'PARTNER.SCOPE_DENIED'
      | 'PARTNER.REPLAYED'
      | 'PARTNER.CERTIFICATE_INVALID',
    reason: string,
  ) => {
    await log(ctx, req, partnerId, 'refused', code, reason);
    const message = {
      'PARTNER.SIGNATURE_INVALID': '接口签名验证失败',
      'PARTNER.UNKNOWN': '接口密钥无效或已停用',
      'PARTNER.TIMESTAMP_STALE': '请求时间戳超出允许范围（±5 分钟），请校准时间后重新签名',
      'PARTNER.SCOPE_DENIED': '该平台未获授权调用此接口',
      'PARTNER.REPLAYED': '重复的请求（随机数已使用），已拒绝',
      'PARTNER.CERTIFICATE_INVALID': '客户端证书验证失败：须经平台的 TLS 代理以登记的证书双向认证后调用',
    }[code];
    return new AppError(code, message, { reason });
  };
  const keyId = header(req.headers, 'x-partner-key');
  const timestamp = header(req.headers, 'x-timestamp');
  const nonce = header(req.headers, 'x-nonce');
  const signature = header(req.headers, 'x-signature');
  const signed = !!(keyId && timestamp && nonce && signature);
  // A signed call's headers are checked before its key is looked up (as they always were); a call without them
  // may still be a mutual TLS partner's, which names itself by its key id alone.
  if (!keyId) throw await refuse('PARTNER.SIGNATURE_INVALID', 'missing headers');
  if (signed && !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw await refuse('PARTNER.SIGNATURE_INVALID', 'nonce format');
  const partner =
    keyId.length <= 64 ? await ctx.database.db.selectFrom('gateway_partners').selectAll().where('key_id', '=', keyId).executeTakeFirst() : undefined;
  if (partner?.status !== 'active') throw await refuse('PARTNER.UNKNOWN', partner ? 'revoked' : 'unknown key');
  partnerId = partner.id;
  const secret = openSecret(ctx, partner.secret_enc, partner.id);
  const now = ctx.now().getTime();
  if (partner.client_cert_sha256) {
    // Mutual TLS: the certificate the trusted proxy verified is the credential, and the only one — a signature does
    // not stand in for it (the administrator chose the certificate). Replays need no nonce here: TLS gives each
    // connection its own keys, so a captured request cannot be sent again without the partner's private key.
    const cert = clientCertificate(req.headers, req.peer, ctx.config.trustedProxies);
    if ('refused' in cert) throw await refuse('PARTNER.CERTIFICATE_INVALID', cert.refused);
    if (!sameHex(cert.fingerprint, partner.client_cert_sha256)) throw await refuse('PARTNER.CERTIFICATE_INVALID', 'fingerprint_mismatch');
  } else {
    if (!signed) throw await refuse('PARTNER.SIGNATURE_INVALID', 'missing headers');
    if (!/^[0-9a-f]{64}$/.test(signature) || !sameHex(signature, signRequest(secret, req.method, req.path, timestamp, nonce, req.body)))
      throw await refuse('PARTNER.SIGNATURE_INVALID', 'signature');
    const at = Date.parse(timestamp);
    if (!Number.isFinite(at) || Math.abs(now - at) > SIGNATURE_WINDOW_MS) throw await refuse('PARTNER.TIMESTAMP_STALE', 'timestamp');
  }
  const scopes = scopesOf(partner);
  if (!scopes.includes(scope)) throw await refuse('PARTNER.SCOPE_DENIED', `scope ${scope}`);
  if (!partner.client_cert_sha256) {
    const seen = await ctx.database.db
      .insertInto('gateway_nonces')
      .values({ partner_id: partner.id, nonce: nonce!, seen_at: new Date(now).toISOString() })
      .onConflict((oc) => oc.columns(['partner_id', 'nonce']).doNothing())
      .returning('nonce')
      .executeTakeFirst();
    if (!seen) throw await refuse('PARTNER.REPLAYED', `nonce ${nonce}`);
  }
  await log(ctx, req, partner.id, 'accepted', null, null);
  // A nonce older than twice the window can never pass again (its timestamp is refused first): drop those.
  await ctx.database.db
    .deleteFrom('gateway_nonces')
    .where('seen_at', '<', new Date(now - 2 * SIGNATURE_WINDOW_MS).toISOString())
    .execute();
  return { partner, secret, scopes };
}

/** The partner itself as the actor of a call that acts for no person (a query, a pushed review). */
export function partnerSystemActor(v: VerifiedPartner, ip: string | null, requestId: string | null): Actor {
  return { ...systemActor(`partner:${v.partner.kind}`), displayName: v.partner.name, ip, requestId };
}

/**
 * The identity a unified service portal asserts for its signed-in user (header `x-identity-assertion`, signed
 * with the partner's secret): a valid USCI, and an assertion at most ten minutes long that is current.
 */
export async function verifyAssertion(ctx: Ctx, v: VerifiedPartner, req: InboundRequest): Promise<IdentityClaims> {
  const token = header(req.headers, 'x-identity-assertion');
  const bad = async (reason: string) => {
    await log(ctx, req, v.partner.id, 'refused', 'PARTNER.ASSERTION_INVALID', reason);
    return new AppError('PARTNER.ASSERTION_INVALID', '用户身份断言无效或已过期，请用户重新登录门户后再试', { reason });
  };
  if (!token || token.length > 4096) throw await bad('missing');
  const claims = readIdentityAssertion(v.secret, token);
  if (!claims) throw await bad('signature');
  const iat = Date.parse(claims.iat);
  const exp = Date.parse(claims.exp);
  const now = ctx.now().getTime();
  if (!Number.isFinite(iat) || !Number.isFinite(exp) || exp - iat > 10 * 60_000 || now > exp || now < iat - SIGNATURE_WINDOW_MS) throw await bad('expired');
  if (!isValidUsci(claims.usci)) throw await bad('usci');
  if (!/^[\x21-\x7e]{1,128}$/.test(claims.sub) || !claims.name.trim() || claims.name.length > 100) throw await bad('subject');
  return claims;
}
