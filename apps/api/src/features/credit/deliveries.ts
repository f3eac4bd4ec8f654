import { createHmac } from 'node:crypto';
import { type CreditPublicityPolicy, chinaDateOf, publicityWindow } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { CreditEvent, CreditEventTable } from '../../db/schema/credit.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { queuePush, queuedKeys } from '../../platform/partners/outbox.ts';
import { ensureConfiguredPartner } from '../../platform/partners/partners.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { DELIVERY_PAYLOAD } from './credit.columns.ts';

/**
 * The outbound adapter to the credit platform (双公示 to 信用中国 and the enterprise credit publicity system,
 * CRD-03). Each penalty record is queued in the transaction that records it, in the national 行政处罚 field
 * format (`cf_*` codes, amounts in 万元, legal-rules §1.10); a revoked decision queues a withdrawal. The push
 * goes through the partner gateway's one outbox (topic `credit.publicity`, to the partner of kind
 * `credit_platform` made from the configuration on start): retries, backoff, dead letters, the administrator's
 * delivery log and replay are the outbox's. On the wire it is what the platform has always received: the bare
 * record, HMAC-SM3 of the body with the platform secret in `x-fep-signature` (outbox.ts `wireRequest`).
 */

type Row = CreditEvent | (Omit<CreditEventTable, 'severity' | 'status' | 'version'> & { severity: string });

export function signBody(body: string, secret: string): string {
  return createHmac('sm3', secret).update(body, 'utf8').digest('hex');
}

/** The 双公示 record of a credit record (national field codes). Fields the platform does not hold are null. */
export interface PenaltyFacts {
  decisionNumber: string | null;
  fineYuan: number | null;
}

export function nationalRecord(
  e: Row,
  agencyName: string,
  policy: CreditPublicityPolicy,
  action: 'publish' | 'withdraw',
  facts: PenaltyFacts = { decisionNumber: null, fineYuan: null },
): Record<string, string | number | null> {
  const on = e.on_date ?? chinaDateOf(e.occurred_at);
  const w = publicityWindow(on, e.severity === 'serious' ? 'serious' : 'general', policy);
  return {
    cf_xdr_mc: e.subject_name ?? e.usci,
    cf_xdr_lb: '法人及非法人组织',
    cf_xdr_shxym: e.usci,
    cf_wsh: facts.decisionNumber,
    cf_wfxw: e.kind,
    cf_sy: e.reason,
    cf_cflb: e.kind === 'penalty' ? (facts.fineYuan ? '罚款' : '警告') : '失信行为',
    // 万元, as the national format counts amounts.
    cf_nr_fk: facts.fineYuan === null ? null : facts.fineYuan / 10_000,
    cf_jdrq: on,
    cf_yxq: null,
    cf_gsjzq: w.until,
    cf_cfjg: agencyName,
    cf_sjly: agencyName,
    bz: action === 'withdraw' ? '处罚决定已撤销，撤回公示' : null,
    fep_action: action,
    fep_record_id: e.id,
  };
}

export async function queueDelivery(
  trx: Executor,
  deps: Pick<AppContext, 'now'>,
  e: Row,
  action: 'publish' | 'withdraw',
  policy: CreditPublicityPolicy,
  facts?: PenaltyFacts,
): Promise<void> {
  const agency = await trx.selectFrom('agencies').select(['name', 'path']).where('id', '=', e.agency_id).executeTakeFirstOrThrow();
  const payload = nationalRecord(e, agency.name, policy, action, facts);
  await queuePush(trx, deps, {
    topic: 'credit.publicity',
    // Once per record and action: a redelivered decision event queues nothing twice.
    dedupeKey: `credit:${e.id}:${action}`,
    subject: `${e.subject_name ?? e.usci}（${action === 'publish' ? '公示' : '撤回公示'}）`,
    agencyPath: agency.path,
    data: payload,
  });
}

export const CREDIT_PLATFORM_NAME = '信用中国、企业信用信息公示系统（部署配置）';

/**
 * On start, when the deployment names a credit platform: it becomes (or stays) a partner of the gateway, and the
 * pushes still waiting in `credit_deliveries` — the table of the credit feature's own sender before the one
 * outbox — are queued in the outbox once each (same dedupe key as a new push, so a second start copies nothing).
 * This copy is done here and not in a migration because the partner, with its secret sealed under the seal master
 * key, only exists once a process holding that key and the configuration starts. `credit_deliveries` is
 * read-only from then on, kept for the record of what was sent before.
 */
export async function configureCreditPlatform(deps: Deps, target: { url: string; secret: string }): Promise<{ partnerId: string | null; adopted: number }> {
  const partnerId = await ensureConfiguredPartner(deps, {
    kind: 'credit_platform',
    name: CREDIT_PLATFORM_NAME,
    url: target.url,
    secret: target.secret,
    scopes: ['credit.push'],
  });
  if (!partnerId) return { partnerId, adopted: 0 };
  const rows = await deps.database.db
    .selectFrom('credit_deliveries')
    .innerJoin('credit_events', 'credit_events.id', 'credit_deliveries.record_id')
    .innerJoin('agencies', 'agencies.id', 'credit_events.agency_id')
    .select(['credit_deliveries.id', 'credit_deliveries.record_id', 'credit_deliveries.action', 'credit_deliveries.payload_json'])
    .select(['credit_events.subject_name', 'credit_events.usci', 'agencies.path as agency_path'])
    .where('credit_deliveries.status', 'in', ['pending', 'failed'])
    .orderBy('credit_deliveries.created_at')
    .execute();
  const key = (w: (typeof rows)[number]) => `credit:${w.record_id}:${w.action}`;
  const queued = await queuedKeys(deps.database.db, partnerId, rows.map(key));
  const waiting = rows.filter((w) => !queued.has(key(w)));
  if (waiting.length === 0) return { partnerId, adopted: 0 };
  const adopted = await transact(deps, systemActor('credit-delivery'), async (trx, audit) => {
    let n = 0;
    for (const w of waiting) {
      const ids = await queuePush(trx, deps, {
        topic: 'credit.publicity',
        dedupeKey: key(w),
        subject: `${w.subject_name ?? w.usci}（${w.action === 'publish' ? '公示' : '撤回公示'}）`,
        agencyPath: w.agency_path,
        data: DELIVERY_PAYLOAD.decode(w.payload_json) ?? {},
        partnerIds: [partnerId],
      });
      n += ids.length;
    }
    await audit({ action: 'credit_delivery.adopt', targetType: 'partner', targetId: partnerId, details: { adopted: n, waiting: waiting.length } });
    return n;
  });
  return { partnerId, adopted };
}
