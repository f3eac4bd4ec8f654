import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { PartnerKey } from '../../db/schema/complaints.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { keyHash, openText, sealText } from './vault.ts';

/**
 * Partners that reach the complaints API without a session (CMP-01, MON-03): the 12345 platform (政务服务便民
 * 热线, 国办发〔2020〕53号: 受理、派单、办理、回复、办结、回访、评价) and Open311 clients. Each has a key issued by an
 * administrator. A 12345 request is signed — HMAC-SM3 with the partner's secret over
 * `METHOD\nPATH\nTIMESTAMP\nNONCE\nSM3(body)` — and carries a timestamp (±5 minutes) and a nonce that is
 * accepted once (a replayed request is refused, 409 PARTNER.REPLAYED). Secrets are SM4-sealed at rest (they
 * are needed in clear to check a signature); Open311 api_keys are kept only as HMACs.
 */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export function canonical(method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return [method.toUpperCase(), path, timestamp, nonce, createHash('sm3').update(body).digest('hex')].join('\n');
}

export function sign(secret: string, method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sm3', secret)
    .update(canonical(method, path, timestamp, nonce, body))
    .digest('hex');
}

/** Issues a partner key (administrator): the id and secret are shown once. */
export async function issuePartnerKey(
  deps: Deps,
  actor: Actor,
  input: { kind: 'hotline_12345' | 'open311'; name: string; regionCode?: string | null; callbackUrl?: string | null },
) {
  const agency = input.regionCode ? await findAgency(deps.database.db, input.regionCode) : undefined;
  if (input.regionCode && !agency) throw new AppError('COMPLAINTS.REGION_NOT_SERVED', '该地区不在本平台受理范围内', { field: 'regionCode' });
  const presented = `${input.kind === 'open311' ? 'o311' : 'p12345'}_${randomBytes(18).toString('base64url')}`;
  const secret = input.kind === 'hotline_12345' ? randomBytes(32).toString('hex') : null;
  return transact(deps, actor, async (trx, audit) => {
    const now = deps.now().toISOString();
    const id = uuidv7();
    const row = {
      id,
      kind: input.kind,
      name: input.name,
      agency_id: agency?.id ?? null,
      key_hash: keyHash(deps, presented),
      secret_enc: secret ? sealText(deps, secret, `partner:${id}`) : null,
      created_by: actor.userId,
      created_at: now,
      revoked_at: null,
      callback_url: input.kind === 'hotline_12345' ? (input.callbackUrl ?? null) : null,
    };
    await trx.insertInto('partner_keys').values(row).execute();
    await audit({
      action: 'partner_key.issue',
      targetType: 'partner_key',
      targetId: id,
      after: { id, kind: row.kind, name: row.name, agency_id: row.agency_id, callback_url: row.callback_url },
    });
    return { id, name: input.name, key: presented, secret, createdAt: now };
  });
}

async function keyByPresented(
  ctx: Pick<AppContext, 'database' | 'sealMasterKey'>,
  kind: PartnerKey['kind'],
  presented: string,
): Promise<PartnerKey | undefined> {
  if (!presented || presented.length > 100) return undefined;
  return ctx.database.db
    .selectFrom('partner_keys')
    .selectAll()
    .where('key_hash', '=', keyHash(ctx, presented))
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** An Open311 client by its api_key (403 otherwise). */
export async function open311Client(ctx: Pick<AppContext, 'database' | 'sealMasterKey'>, apiKey: string | undefined): Promise<PartnerKey> {
  const k = apiKey ? await keyByPresented(ctx, 'open311', apiKey) : undefined;
  if (!k) throw new AppError('OPEN311.BAD_KEY', 'api_key 无效或已停用');
  return k;
}

export function partnerActor(key: PartnerKey, ip: string | null, requestId: string | null): Actor {
  return { ...systemActor(key.kind === 'open311' ? 'open311_client' : 'partner_12345'), ip, requestId };
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const header = (h: SignedRequest['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Verifies a 12345 request: the key, the signature (constant time), the timestamp window, and the nonce —
 * written once, inside the caller's answer path: a second request with the same nonce is a replay.
 */
export async function verifyPartnerRequest(ctx: Pick<AppContext, 'database' | 'sealMasterKey' | 'now'>, req: SignedRequest): Promise<PartnerKey> {
  const bad = (why: string) => new AppError('PARTNER.BAD_SIGNATURE', '接口签名验证失败', { why });
  const partnerKey = header(req.headers, 'x-partner-key');
  const timestamp = header(req.headers, 'x-timestamp');
  const nonce = header(req.headers, 'x-nonce');
  const signature = header(req.headers, 'x-signature');
  if (!partnerKey || !timestamp || !nonce || !signature) throw bad('missing headers');
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw bad('nonce');
  const key = await keyByPresented(ctx, 'hotline_12345', partnerKey);
  if (!key?.secret_enc) throw bad('unknown partner');
  const secret = openText(ctx, key.secret_enc, `partner:${key.id}`);
  const expected = Buffer.from(sign(secret, req.method, req.path, timestamp, nonce, req.body), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad('signature');
  const at = Date.parse(timestamp);
  const now = ctx.now().getTime();
  if (!Number.isFinite(at) || Math.abs(now - at) > SIGNATURE_WINDOW_MS) throw bad('timestamp');
  const seen = await ctx.database.db
    .insertInto('partner_nonces')
    .values({ partner_id: key.id, nonce, seen_at: new Date(now).toISOString() })
    .onConflict((oc) => oc.columns(['partner_id', 'nonce']).doNothing())
    .returning('nonce')
    .executeTakeFirst();
  if (!seen) throw new AppError('PARTNER.REPLAYED', '重复的请求（随机数已使用），已拒绝', { nonce });
  // Nonces older than the window can never be accepted again (their timestamp is refused): drop them.
  await ctx.database.db
    .deleteFrom('partner_nonces')
    .where('seen_at', '<', new Date(now - 2 * SIGNATURE_WINDOW_MS).toISOString())
    .execute();
  return key;
}

/** The demo keys named in the README (demo mode only): an Open311 client and a 12345 platform of 辽阳. */
export const DEMO_OPEN311_KEY = 'o311_demo_liaoyang_2026';
export const DEMO_12345_KEY = 'p12345_demo_liaoyang_2026';
export const DEMO_12345_SECRET = 'demo-12345-secret-liaoyang-2026';

export async function seedDemoPartnerKeys(trx: Executor, ctx: Pick<AppContext, 'sealMasterKey'>, agencyId: string, nowIso: string): Promise<void> {
  const open311 = uuidv7();
  const hotline = uuidv7();
  await trx
    .insertInto('partner_keys')
    .values([
      {
        id: open311,
        kind: 'open311',
        name: '演示 Open311 客户端',
        agency_id: agencyId,
        key_hash: keyHash(ctx, DEMO_OPEN311_KEY),
        secret_enc: null,
        created_by: null,
        created_at: nowIso,
        revoked_at: null,
      },
      {
        id: hotline,
        kind: 'hotline_12345',
        name: '演示 辽阳市12345政务服务便民热线',
        agency_id: agencyId,
        key_hash: keyHash(ctx, DEMO_12345_KEY),
        secret_enc: sealText(ctx, DEMO_12345_SECRET, `partner:${hotline}`),
        created_by: null,
        created_at: nowIso,
        revoked_at: null,
      },
    ])
    .execute();
}
