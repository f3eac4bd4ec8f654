import { createHmac } from 'node:crypto';
import { type CreditPublicityPolicy, chinaDateOf, publicityWindow } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { CreditEvent, CreditEventTable } from '../../db/schema/credit.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { transact } from '../../platform/transact.ts';
import { DELIVERY_PAYLOAD } from './credit.columns.ts';

/**
 * The outbound adapter to the credit platform (双公示 to 信用中国 and the enterprise credit publicity system,
 * CRD-03). Each penalty record is queued in the transaction that records it, in the national 行政处罚 field
 * format (`cf_*` codes, amounts in 万元, legal-rules §1.10); a revoked decision queues a withdrawal. A
 * delivery is a signed POST (HMAC-SM3 of the body with the platform secret, header `x-fep-signature`),
 * retried with backoff until the platform answers 2xx; each attempt is in the enforcement record.
 */
export const CREDIT_DELIVERY_JOB = 'credit-delivery';
export const MAX_DELIVERY_ATTEMPTS = 10;

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
  const agency = await trx.selectFrom('agencies').select('name').where('id', '=', e.agency_id).executeTakeFirstOrThrow();
  const payload = nationalRecord(e, agency.name, policy, action, facts);
  const nowIso = deps.now().toISOString();
  await trx
    .insertInto('credit_deliveries')
    .values({
      id: uuidv7(deps.now().getTime()),
      record_id: e.id,
      action,
      payload_json: DELIVERY_PAYLOAD.encode(payload),
      // The signature is computed per attempt with the secret in force; this column keeps the last one sent.
      signature: '',
      status: 'pending',
      attempts: 0,
      last_error: null,
      next_attempt_at: nowIso,
      delivered_at: null,
      created_at: nowIso,
    })
    .execute();
}

export interface DeliveryRun {
  ran: boolean;
  delivered: number;
  failed: number;
}

/** Backoff after the n-th failed attempt: 2ⁿ minutes, at most a day. */
export const deliveryBackoffMs = (attempts: number) => Math.min(86_400_000, 60_000 * 2 ** attempts);

/**
 * Sends the due deliveries (lease-protected: one process at a time). Each outcome is written by
 * compare-and-set on (status, attempts), so a delivery is never counted twice.
 */
export async function deliverCreditRecords(
  ctx: AppContext,
  target: { url: string; secret: string },
  holder: string,
  send: typeof fetch = fetch,
): Promise<DeliveryRun> {
  const { db } = ctx.database;
  const now = ctx.now();
  if (!(await acquireLease(db, CREDIT_DELIVERY_JOB, holder, now, 5 * 60_000))) return { ran: false, delivered: 0, failed: 0 };
  const run: DeliveryRun = { ran: true, delivered: 0, failed: 0 };
  try {
    const due = await db
      .selectFrom('credit_deliveries')
      .selectAll()
      .where('status', 'in', ['pending', 'failed'])
      .where('next_attempt_at', '<=', now.toISOString())
      .where('attempts', '<', MAX_DELIVERY_ATTEMPTS)
      .orderBy('created_at')
      .limit(200)
      .execute();
    for (const d of due) {
      // The body is the record's canonical JSON (the codec's encoding), so the signature covers exactly what is sent.
      const body = DELIVERY_PAYLOAD.encode(DELIVERY_PAYLOAD.decode(d.payload_json)!);
      const signature = signBody(body, target.secret);
      let error: string | null = null;
      try {
        const r = await send(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-fep-signature': signature, 'x-fep-delivery': d.id },
          body,
        });
        if (r.status < 200 || r.status >= 300) error = `HTTP ${r.status}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const at = ctx.now();
      await transact(ctx, systemActor('credit-delivery'), async (trx, audit) => {
        const r = await trx
          .updateTable('credit_deliveries')
          .set(
            error
              ? {
                  status: 'failed',
                  attempts: d.attempts + 1,
                  last_error: error.slice(0, 500),
                  signature,
                  next_attempt_at: new Date(at.getTime() + deliveryBackoffMs(d.attempts)).toISOString(),
                }
              : { status: 'delivered', attempts: d.attempts + 1, last_error: null, signature, delivered_at: at.toISOString() },
          )
          .where('id', '=', d.id)
          .where('status', '=', d.status)
          .where('attempts', '=', d.attempts)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return;
        await audit({
          action: 'credit_delivery.attempt',
          outcome: error ? 'failure' : 'success',
          targetType: 'credit_event',
          targetId: d.record_id,
          details: { deliveryId: d.id, action: d.action, attempt: d.attempts + 1, ...(error ? { error: error.slice(0, 200) } : {}) },
        });
      });
      if (error) run.failed++;
      else run.delivered++;
    }
    return run;
  } finally {
    await releaseLease(db, CREDIT_DELIVERY_JOB, holder);
  }
}
