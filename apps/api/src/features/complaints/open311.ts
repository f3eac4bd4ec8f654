import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintCategory,
  chinaDateOf,
  normalTrackingCode,
  open311Status,
} from '@fep/domain';
import type { PartnerKey } from '../../db/schema/complaints.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import type { Deps } from '../../platform/transact.ts';
import { deadlinesFor } from './complaints.policy.ts';
import { limitLabel } from './complaints.presenter.ts';
import { type ComplaintJoined, complaintByCodeHash, complaintById, complaintRows } from './complaints.repository.ts';
import { receiveComplaint } from './use-cases/receive.ts';
import { codeHash } from './vault.ts';

/**
 * Open311 GeoReport v2 (MON-03) over the reports: services are the report categories; a request is a
 * report. Status is open or closed only, our detailed status in `status_notes`; times ISO 8601 with the
 * +08:00 offset; coordinates WGS84. The reporter never appears: a request is created anonymous unless a
 * name or phone is given (then sealed as any reporter's), and the answer is a `token` (our tracking code)
 * resolved to the id by `tokens/{token}`.
 */
const iso = (instant: string | null | undefined) => {
  if (!instant) return '';
  const d = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return `${d.slice(0, 19)}+08:00`;
};

export async function open311Services(ctx: Pick<AppContext, 'database' | 'now'>, jurisdiction: string | undefined) {
  const agency = jurisdiction ? await findAgency(ctx.database.db, jurisdiction) : undefined;
  if (jurisdiction && !agency) throw new AppError('OPEN311.INVALID', 'jurisdiction_id 不在本平台受理范围内');
  const limits = agency ? (await deadlinesFor(ctx.database.db, agency, chinaDateOf(ctx.now()))).policy.deadlines : [];
  return COMPLAINT_CATEGORIES.map((code) => {
    const l = limits.find((d) => d.category === code);
    return {
      service_code: code,
      service_name: COMPLAINT_CATEGORY_LABELS[code],
      description: l ? `${COMPLAINT_CATEGORY_LABELS[code]}（${limitLabel(l.unit, l.amount)}）` : COMPLAINT_CATEGORY_LABELS[code],
      metadata: true,
      type: 'realtime',
      keywords: code === 'other' ? '消防,隐患' : '消防,隐患,疏散,安全出口',
      group: '火灾隐患举报',
    };
  });
}

export function open311Definition(code: string) {
  if (!COMPLAINT_CATEGORIES.includes(code as ComplaintCategory)) throw new AppError('OPEN311.NOT_FOUND', `service_code ${code} 不存在`);
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'unit_usci',
        datatype: 'string',
        required: false,
        datatype_description: '被举报单位的统一社会信用代码（18 位），如知道',
        order: 1,
        description: '被举报单位统一社会信用代码',
        values: [],
      },
      {
        variable: true,
        code: 'anonymous',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '是否匿名（默认匿名；实名时姓名电话仅受理岗可见）',
        order: 2,
        description: '匿名举报',
        values: [
          { key: 'true', name: '匿名' },
          { key: 'false', name: '实名' },
        ],
      },
    ],
  };
}

function present(c: ComplaintJoined) {
  return {
    service_request_id: c.id,
    status: open311Status(c.status),
    status_notes: COMPLAINT_STATUS_LABELS[c.status],
    service_name: COMPLAINT_CATEGORY_LABELS[c.category as ComplaintCategory] ?? c.category,
    service_code: c.category,
    description: c.description,
    agency_responsible: c.agency_name,
    service_notice: `${limitLabel(c.limit_unit, c.limit_amount)}`,
    requested_datetime: iso(c.received_at),
    updated_datetime: iso(c.updated_at),
    expected_datetime: iso(c.due_at),
    address: c.address ?? '',
    address_id: '',
    zipcode: '',
    lat: c.lat,
    long: c.lng,
    media_url: '',
  };
}

export interface Open311Fields {
  jurisdiction_id?: string;
  service_code?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  description?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  email?: string;
  [attribute: string]: string | undefined;
}

/** POST requests: a report from an Open311 client (its key's jurisdiction when none is given). */
export async function open311Create(deps: Deps, actor: Actor, client: PartnerKey, f: Open311Fields) {
  const bad = (m: string) => new AppError('OPEN311.INVALID', m);
  if (!f.service_code || !COMPLAINT_CATEGORIES.includes(f.service_code as ComplaintCategory)) throw bad('service_code 无效');
  let region = f.jurisdiction_id;
  if (!region && client.agency_id)
    region = (await deps.database.db.selectFrom('agencies').select('region_code').where('id', '=', client.agency_id).executeTakeFirst())?.region_code;
  if (!region || !/^\d{6}$/.test(region)) throw bad('须提供 jurisdiction_id（六位行政区划代码）');
  const lat = f.lat != null && f.lat !== '' ? Number(f.lat) : null;
  const lng = f.long != null && f.long !== '' ? Number(f.long) : null;
  const hasPoint = lat != null && lng != null && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  if (!hasPoint && !f.address_string?.trim()) throw bad('须提供位置：lat 和 long，或 address_string');
  const description = (f.description ?? '').trim();
  if (description.length < 5) throw bad('description 至少 5 个字');
  const name = [f.last_name, f.first_name].filter(Boolean).join('').trim();
  const reporter = name || f.phone ? { ...(name ? { name: name.slice(0, 40) } : {}), ...(f.phone ? { phone: f.phone.slice(0, 20) } : {}) } : null;
  const usci = f['attribute[unit_usci]']?.trim();
  const anonymous = f['attribute[anonymous]'] ? f['attribute[anonymous]'] !== 'false' : true;
  const r = await receiveComplaint(deps, actor, {
    channel: 'open311',
    receivedAt: deps.now().toISOString(),
    regionCode: region,
    category: f.service_code,
    description: description.slice(0, 3000),
    unitUsci: usci && /^[0-9A-Za-z]{18}$/.test(usci) ? usci : null,
    address: f.address_string?.trim().slice(0, 200) || null,
    location: hasPoint ? { lat: lat!, lng: lng!, system: 'wgs84' } : null,
    anonymous,
    reporter,
  });
  return [{ token: r.trackingCode, service_notice: `已受理，${limitLabel(r.row.limit_unit, r.row.limit_amount)}` }];
}

export async function open311Token(ctx: Pick<AppContext, 'database' | 'sealMasterKey'>, token: string) {
  const code = normalTrackingCode(token);
  const c = code ? await complaintByCodeHash(ctx.database.db, codeHash(ctx, code)) : undefined;
  if (!c) throw new AppError('OPEN311.NOT_FOUND', 'token 不存在');
  return [{ service_request_id: c.id, token }];
}

export async function open311One(ctx: Pick<AppContext, 'database'>, client: PartnerKey, id: string) {
  const c = await complaintById(ctx.database.db, id);
  if (!c || !(await inClientScope(ctx, client, c))) throw new AppError('OPEN311.NOT_FOUND', `service_request_id ${id} 不存在`);
  return [present(c)];
}

async function clientPath(ctx: Pick<AppContext, 'database'>, client: PartnerKey): Promise<string | null> {
  if (!client.agency_id) return null;
  return (await ctx.database.db.selectFrom('agencies').select('path').where('id', '=', client.agency_id).executeTakeFirst())?.path ?? null;
}

async function inClientScope(ctx: Pick<AppContext, 'database'>, client: PartnerKey, c: ComplaintJoined): Promise<boolean> {
  const path = await clientPath(ctx, client);
  return !path || c.agency_path.startsWith(path);
}

/** GET requests with the spec's filters: ids (override the rest), service_code, start/end (≤ 90 days), status; at most 1,000. */
export async function open311List(
  ctx: Pick<AppContext, 'database' | 'now'>,
  client: PartnerKey,
  q: { service_request_id?: string; service_code?: string; start_date?: string; end_date?: string; status?: string },
) {
  const path = await clientPath(ctx, client);
  let query = complaintRows(ctx.database.db).selectAll('complaints').select('agencies.name as agency_name');
  if (path) query = query.where('complaints.agency_path', 'like', `${path}%`);
  if (q.service_request_id) {
    const ids = q.service_request_id
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 1000);
    const rows = ids.length ? await query.where('complaints.id', 'in', ids).execute() : [];
    return rows.map(present);
  }
  const end = q.end_date ? Date.parse(q.end_date) : ctx.now().getTime();
  const start = q.start_date ? Date.parse(q.start_date) : end - 90 * 86_400_000;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new AppError('OPEN311.INVALID', 'start_date / end_date 须为 ISO 8601 时间');
  if (end - start > 90 * 86_400_000) throw new AppError('OPEN311.INVALID', '起止时间跨度不得超过 90 天');
  query = query.where('complaints.received_at', '>=', new Date(start).toISOString()).where('complaints.received_at', '<=', new Date(end).toISOString());
  if (q.service_code)
    query = query.where(
      'complaints.category',
      'in',
      q.service_code.split(',').map((s) => s.trim()),
    );
  if (q.status === 'closed') query = query.where('complaints.status', 'in', ['closed', 'duplicate']);
  else if (q.status === 'open') query = query.where('complaints.status', 'not in', ['closed', 'duplicate']);
  else if (q.status) throw new AppError('OPEN311.INVALID', 'status 须为 open 或 closed');
  const rows = await query.orderBy('complaints.received_at', 'desc').limit(1000).execute();
  return rows.map(present);
}

/** GeoReport v2 XML of a list of objects under a root and item element (UTF-8, escaped). */
export function toXml(root: string | null, item: string, rows: readonly Record<string, unknown>[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const value = (k: string, v: unknown): string => {
    if (v == null) return `<${k}/>`;
    if (Array.isArray(v)) {
      const inner = k === 'attributes' ? 'attribute' : k === 'values' ? 'value' : 'item';
      return `<${k}>${v.map((x) => (typeof x === 'object' && x ? `<${inner}>${fields(x as Record<string, unknown>)}</${inner}>` : value(inner, x))).join('')}</${k}>`;
    }
    if (typeof v === 'object') return `<${k}>${fields(v as Record<string, unknown>)}</${k}>`;
    return `<${k}>${esc(String(v))}</${k}>`;
  };
  const fields = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([k, v]) => value(k, v))
      .join('');
  const items = rows.map((r) => `<${item}>${fields(r)}</${item}>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>${root ? `<${root}>${items}</${root}>` : items}`;
}
