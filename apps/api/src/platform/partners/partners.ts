import { randomBytes } from 'node:crypto';
import { DEFAULT_PARTNER_SCOPES, isPartnerScope, PARTNER_KIND_LABELS, PARTNER_SCOPE_LABELS, type PartnerKindId, type PartnerScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { JsonValue, jsonColumn } from '../../db/json.ts';
import type { GatewayPartner } from '../../db/schema/partners.ts';
import { type Actor, systemActor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound, outOfScope } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { agencyById, findAgency } from '../org/agencies.repository.ts';
import { inScope } from '../org/scope.ts';
import { type Deps, transact } from '../transact.ts';
import { normalizeFingerprint } from './certificates.ts';
import { openSecret, sealSecret } from './secrets.ts';

/**
 * Partners of the gateway (MON-03): the government systems an administrator registers — a unified service portal,
 * the e-licence sharing service, the national 双随机 platform, the 好差评 system — each with its own key id, a
 * signing secret shown once, the scopes it holds and, for pushes, its receiving address.
 */
export const SCOPES = jsonColumn('gateway_partners.scopes_json', JsonValue);

export function scopesOf(p: Pick<GatewayPartner, 'scopes_json'>): PartnerScope[] {
  const v = SCOPES.decode(p.scopes_json);
  return Array.isArray(v) ? v.filter((s): s is PartnerScope => typeof s === 'string' && isPartnerScope(s)) : [];
}

export function presentPartner(p: GatewayPartner) {
  const scopes = scopesOf(p);
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: PARTNER_KIND_LABELS[p.kind],
    name: p.name,
    keyId: p.key_id,
    scopes,
    scopeLabels: scopes.map((s) => PARTNER_SCOPE_LABELS[s]),
    callbackUrl: p.callback_url,
    clientCertSha256: p.client_cert_sha256 ?? null,
    authLabel: p.client_cert_sha256 ? '双向 TLS 客户端证书' : '请求签名',
    status: p.status,
    statusLabel: p.status === 'active' ? '启用' : '已停用',
    createdAt: p.created_at,
    revokedAt: p.revoked_at,
    version: p.version,
  };
}

export interface RegisterPartnerInput {
  kind: PartnerKindId;
  name: string;
  scopes?: PartnerScope[] | undefined;
  callbackUrl?: string | null | undefined;
  regionCode?: string | null | undefined;
  /** SHA-256 of the partner's client certificate: the partner authenticates by mutual TLS behind the proxy. */
  clientCertSha256?: string | null | undefined;
}

/** A fingerprint as entered (colons and case as tools print them) → stored form; empty → none; else refused. */
function checkFingerprint(raw: string | null | undefined): string | null {
  if (!raw?.trim()) return null;
  const f = normalizeFingerprint(raw);
  if (!f) throw new AppError('PARTNER.INVALID', '客户端证书指纹须为 SHA-256 指纹（64 位十六进制字符，可用冒号分隔）', { field: 'clientCertSha256' });
  return f;
}

function checkCallback(url: string | null | undefined, production: boolean): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('PARTNER.INVALID', '回调地址不是有效的网址', { field: 'callbackUrl' });
  }
  // Pushes carry permits and personal data: https in production; plain http only to a local simulator.
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (local || !production)))
    throw new AppError('PARTNER.INVALID', '回调地址须使用 https', { field: 'callbackUrl' });
  return u.toString();
}

/** An administrator registers a partner; the key id and secret are returned once and never shown again. */
export async function registerPartner(deps: Deps, actor: Actor, input: RegisterPartnerInput) {
  // A partner serves an area: the region given, else the administrator's agency; only a national administrator
  // registers a partner for the whole country.
  const agency = input.regionCode
    ? await findAgency(deps.database.db, input.regionCode)
    : actor.agencyId
      ? await agencyById(deps.database.db, actor.agencyId)
      : undefined;
  if (input.regionCode && !agency) throw new AppError('PARTNER.INVALID', '该地区不在本平台服务范围内', { field: 'regionCode' });
  if (agency ? !inScope(actor.scope, { agencyPath: agency.path }) : actor.scope.kind !== 'all')
    throw new AppError('PARTNER.INVALID', '只能为本机构辖区登记对接平台', { field: 'regionCode' });
  const scopes = [...new Set(input.scopes ?? DEFAULT_PARTNER_SCOPES[input.kind])];
  const callbackUrl = checkCallback(input.callbackUrl, deps.config.production === true);
  const pushes = scopes.some((s) => s.endsWith('.push') || s === 'portal.callbacks');
  if (pushes && !callbackUrl) throw new AppError('PARTNER.INVALID', '接收推送的平台须填写回调地址', { field: 'callbackUrl' });
  const clientCert = checkFingerprint(input.clientCertSha256);
  const secret = randomBytes(32).toString('hex');
  const keyId = `GW${randomBytes(12).toString('hex').toUpperCase()}`;
  return transact(deps, actor, async (trx, audit) => {
    const now = deps.now().toISOString();
    const id = uuidv7(deps.now().getTime());
    const row = {
      id,
      kind: input.kind,
      name: input.name.trim(),
      key_id: keyId,
      secret_enc: sealSecret(deps, secret, id),
      scopes_json: SCOPES.encode(scopes),
      callback_url: callbackUrl,
      agency_id: agency?.id ?? null,
      agency_path: agency?.path ?? null,
      status: 'active' as const,
      client_cert_sha256: clientCert,
      version: 0,
      created_by: actor.userId,
      created_at: now,
      revoked_at: null,
    };
    await trx.insertInto('gateway_partners').values(row).execute();
    await audit({ action: 'partner.register', targetType: 'partner', targetId: id, after: { ...row, secret_enc: null } });
    return { ...presentPartner(row), secret };
  });
}

/** Revokes a partner (compare-and-set on its version): its key stops working at once; queued pushes stop. */
export async function revokePartner(deps: Deps, actor: Actor, input: { id: string; version: number }) {
  return transact(deps, actor, async (trx, audit) => {
    const p = await trx.selectFrom('gateway_partners').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!p) throw notFound('对接平台');
    if (!inScope(actor.scope, { agencyPath: p.agency_path })) throw outOfScope('对接平台', { type: 'partner', id: p.id });
    const now = deps.now().toISOString();
    const r = await trx
      .updateTable('gateway_partners')
      .set({ status: 'revoked', revoked_at: now, version: p.version + 1 })
      .where('id', '=', p.id)
      .where('status', '=', 'active')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('PARTNER.STATE', '该平台已停用或刚被他人修改，请刷新后再试', { status: p.status });
    await audit({ action: 'partner.revoke', targetType: 'partner', targetId: p.id, before: { status: p.status }, after: { status: 'revoked' } });
    const next = await trx.selectFrom('gateway_partners').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    return presentPartner(next);
  });
}

/**
 * Sets or clears the SHA-256 fingerprint of a partner's client certificate (compare-and-set on its version): set,
 * the partner authenticates by mutual TLS behind the trusted proxy from its next call; cleared, by signed requests
 * again. The same fingerprint again changes nothing and is refused as such (nothing written).
 */
export async function setPartnerCertificate(deps: Deps, actor: Actor, input: { id: string; version: number; clientCertSha256: string | null }) {
  const fingerprint = checkFingerprint(input.clientCertSha256);
  return transact(deps, actor, async (trx, audit) => {
    const p = await trx.selectFrom('gateway_partners').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!p) throw notFound('对接平台');
    if (!inScope(actor.scope, { agencyPath: p.agency_path })) throw outOfScope('对接平台', { type: 'partner', id: p.id });
    if (p.status !== 'active') throw new AppError('PARTNER.STATE', '该平台已停用，不能设置证书', { status: p.status });
    if ((p.client_cert_sha256 ?? null) === fingerprint && p.version === input.version)
      throw new AppError('PARTNER.UNCHANGED', fingerprint ? '该平台已登记此证书指纹' : '该平台未登记客户端证书', { field: 'clientCertSha256' });
    const r = await trx
      .updateTable('gateway_partners')
      .set({ client_cert_sha256: fingerprint, version: p.version + 1 })
      .where('id', '=', p.id)
      .where('status', '=', 'active')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('PARTNER.STATE', '该平台刚被他人修改，请刷新后再试', { status: p.status });
    await audit({
      action: 'partner.set_certificate',
      targetType: 'partner',
      targetId: p.id,
      before: { client_cert_sha256: p.client_cert_sha256 ?? null },
      after: { client_cert_sha256: fingerprint },
    });
    const next = await trx.selectFrom('gateway_partners').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    return presentPartner(next);
  });
}

/** The partners of the administrator's area (a handful: filtered in memory). */
export async function listPartners(deps: Deps, actor: Actor) {
  const rows = await deps.database.db.selectFrom('gateway_partners').selectAll().orderBy('created_at', 'desc').execute();
  return { items: rows.filter((p) => inScope(actor.scope, { agencyPath: p.agency_path })).map(presentPartner) };
}

/** Whether a fact of an agency lies in the area a partner serves (a national partner serves every agency). */
export function servesArea(p: Pick<GatewayPartner, 'agency_path'>, agencyPath: string): boolean {
  return !p.agency_path || agencyPath.startsWith(p.agency_path);
}

/** Active partners holding a scope (the receivers of a push). */
export async function partnersWithScope(db: Deps['database']['db'], scope: PartnerScope): Promise<GatewayPartner[]> {
  const rows = await db.selectFrom('gateway_partners').selectAll().where('status', '=', 'active').execute();
  return rows.filter((p) => scopesOf(p).includes(scope));
}

/**
 * A partner known from the deployment's configuration rather than registered on the page (the credit platform's
 * address and secret, `FEP_CREDIT_PLATFORM_URL`/`…_SECRET`, from before the gateway existed): made a partner of the
 * whole country on start, so its pushes go through the one outbox and its delivery log. The address and secret in
 * force follow the configuration; a partner an administrator revoked stays revoked (the configuration is removed to
 * stop it for good). Returns the partner's id, or null when revoked.
 */
export async function ensureConfiguredPartner(
  deps: Deps,
  input: { kind: PartnerKindId; name: string; url: string; secret: string; scopes: PartnerScope[] },
): Promise<string | null> {
  const url = checkCallback(input.url, deps.config.production === true);
  if (!url) throw new AppError('PARTNER.INVALID', '配置的推送地址为空', { field: 'callbackUrl' });
  const find = (db: Executor) =>
    db
      .selectFrom('gateway_partners')
      .selectAll()
      .where('kind', '=', input.kind)
      .where('created_by', 'is', null)
      .where('agency_path', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  const sameSecret = (p: GatewayPartner) => {
    try {
      return openSecret(deps, p.secret_enc, p.id) === input.secret;
    } catch {
      return false;
    }
  };
  // Read first: an unchanged configuration (every start but the first) writes nothing.
  const seen = await find(deps.database.db);
  if (seen?.status === 'revoked') return null;
  if (seen && seen.callback_url === url && sameSecret(seen) && SCOPES.encode(input.scopes) === seen.scopes_json) return seen.id;
  return transact(deps, systemActor('partner-config'), async (trx, audit) => {
    const existing = await find(trx);
    if (existing?.status === 'revoked') {
      await audit({ action: 'partner.configure', outcome: 'failure', targetType: 'partner', targetId: existing.id, details: { reason: 'revoked' } });
      return null;
    }
    if (existing) {
      const changedSecret = !sameSecret(existing);
      const r = await trx
        .updateTable('gateway_partners')
        .set({
          callback_url: url,
          secret_enc: sealSecret(deps, input.secret, existing.id),
          scopes_json: SCOPES.encode(input.scopes),
          version: existing.version + 1,
        })
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .executeTakeFirst();
      // Another process starting at the same moment did the same: recorded as such.
      const applied = Number(r.numUpdatedRows) === 1;
      await audit({
        action: 'partner.configure',
        outcome: applied ? 'success' : 'failure',
        targetType: 'partner',
        targetId: existing.id,
        after: { callback_url: url, secret_changed: changedSecret },
      });
      return existing.id;
    }
    const now = deps.now().toISOString();
    const id = uuidv7(deps.now().getTime());
    const row = {
      id,
      kind: input.kind,
      name: input.name,
      key_id: `GW${randomBytes(12).toString('hex').toUpperCase()}`,
      secret_enc: sealSecret(deps, input.secret, id),
      scopes_json: SCOPES.encode(input.scopes),
      callback_url: url,
      agency_id: null,
      agency_path: null,
      status: 'active' as const,
      version: 0,
      created_by: null,
      created_at: now,
      revoked_at: null,
    };
    await trx.insertInto('gateway_partners').values(row).execute();
    await audit({ action: 'partner.configure', targetType: 'partner', targetId: id, after: { ...row, secret_enc: null } });
    return id;
  });
}

/**
 * A partner whose key is issued elsewhere (a 12345 platform's key, issued on the complaints side since CMP-01) made
 * a receiver of the one outbox under the same id, with the same secret and address, so its pushes are in the
 * delivery log. Called in the transaction that queues a push to it; the address follows the issuing side's.
 */
export async function mirrorPartner(
  trx: Executor,
  deps: Pick<AppContext, 'now' | 'sealMasterKey'>,
  input: {
    id: string;
    kind: PartnerKindId;
    name: string;
    url: string;
    secret: string;
    agencyId: string | null;
    agencyPath: string | null;
    scopes: PartnerScope[];
  },
): Promise<void> {
  const existing = await trx.selectFrom('gateway_partners').select(['id', 'callback_url', 'version']).where('id', '=', input.id).executeTakeFirst();
  if (existing) {
    if (existing.callback_url !== input.url)
      await trx
        .updateTable('gateway_partners')
        .set({ callback_url: input.url, version: existing.version + 1 })
        .where('id', '=', input.id)
        .where('version', '=', existing.version)
        .execute();
    return;
  }
  await trx
    .insertInto('gateway_partners')
    .values({
      id: input.id,
      kind: input.kind,
      name: input.name,
      // Not a key a partner presents to the gateway: its calls keep their own routes and key.
      key_id: `MIRROR-${input.id}`,
      secret_enc: sealSecret(deps, input.secret, input.id),
      scopes_json: SCOPES.encode(input.scopes),
      callback_url: input.url,
      agency_id: input.agencyId,
      agency_path: input.agencyPath,
      status: 'active',
      version: 0,
      created_by: null,
      created_at: deps.now().toISOString(),
      revoked_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
