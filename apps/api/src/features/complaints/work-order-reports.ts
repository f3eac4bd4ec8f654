import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { transact } from '../../platform/transact.ts';
import { WORK_ORDER_REPORT } from './complaints.columns.ts';
import type { ComplaintJoined } from './complaints.repository.ts';
import { sign } from './partner.ts';
import { progressView } from './use-cases/work-orders.ts';
import { openText } from './vault.ts';

/**
 * Progress and results pushed back to the 12345 platform (CMP-01; 国办发〔2020〕53号 asks the handling unit to
 * 回复、办结 through the hotline platform). The acknowledgement is the answer to the platform's own push; every
 * later step of the order (dispatch, conclusion, reply, reopening) queues a report in the transaction of that
 * step, so a report exists exactly when the step happened. Each attempt is a POST to the partner's callback
 * address signed like the platform's requests to us — HMAC-SM3 with the partner's secret over
 * `POST\nPATH\nTIMESTAMP\nNONCE\nSM3(body)`, headers x-partner-id, x-timestamp, x-nonce, x-signature — and is
 * retried with backoff until the platform answers 2xx; each attempt is in the record. No reporter data: the
 * payload is the progress view the platform could also pull.
 */
export const WORK_ORDER_REPORT_JOB = 'work-order-reports';
export const MAX_REPORT_ATTEMPTS = 10;
/** Backoff after the n-th failed attempt: 2ⁿ minutes, at most a day (as the credit platform's pushes). */
export const reportBackoffMs = (attempts: number) => Math.min(86_400_000, 60_000 * 2 ** attempts);

/** Queues the report of a step of a 12345 order whose partner receives pushes (inside the step's transaction). */
export async function queueWorkOrderReport(trx: Executor, deps: Pick<AppContext, 'now'>, c: ComplaintJoined): Promise<void> {
  if (c.channel !== 'hotline_12345' || !c.partner_id || !c.external_ref) return;
  const partner = await trx.selectFrom('partner_keys').select(['id', 'callback_url']).where('id', '=', c.partner_id).executeTakeFirst();
  if (!partner?.callback_url) return;
  const kind = c.status === 'closed' ? 'result' : 'progress';
  const nowIso = deps.now().toISOString();
  // The step's compare-and-set on the report serialises its steps, so the highest is the previous step's.
  const prior = await trx
    .selectFrom('work_order_reports')
    .select((eb) => eb.fn.max<number>('seq').as('seq'))
    .where('complaint_id', '=', c.id)
    .executeTakeFirst();
  await trx
    .insertInto('work_order_reports')
    .values({
      id: uuidv7(deps.now().getTime()),
      partner_id: partner.id,
      complaint_id: c.id,
      work_order_no: c.external_ref,
      seq: Number(prior?.seq ?? 0) + 1,
      kind,
      payload_json: WORK_ORDER_REPORT.encode({ ...progressView(c, c.external_ref), kind }),
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

export interface ReportRun {
  ran: boolean;
  delivered: number;
  failed: number;
}

/**
 * Sends the due reports, oldest first (lease-protected: one process at a time). Reports of one order go in
 * order: while an earlier one waits for its retry, the later ones wait too, so the platform never hears the
 * result before the progress. Each outcome is a compare-and-set on (status, attempts).
 */
export async function deliverWorkOrderReports(ctx: AppContext, holder: string, send: typeof fetch = fetch): Promise<ReportRun> {
  const { db } = ctx.database;
  const now = ctx.now();
  if (!(await acquireLease(db, WORK_ORDER_REPORT_JOB, holder, now, 5 * 60_000))) return { ran: false, delivered: 0, failed: 0 };
  const run: ReportRun = { ran: true, delivered: 0, failed: 0 };
  try {
    const open = await db
      .selectFrom('work_order_reports')
      .innerJoin('partner_keys', 'partner_keys.id', 'work_order_reports.partner_id')
      .selectAll('work_order_reports')
      .select(['partner_keys.callback_url', 'partner_keys.secret_enc', 'partner_keys.revoked_at'])
      .where('work_order_reports.status', 'in', ['pending', 'failed'])
      .where('work_order_reports.attempts', '<', MAX_REPORT_ATTEMPTS)
      .orderBy('work_order_reports.created_at')
      .orderBy('work_order_reports.complaint_id')
      .orderBy('work_order_reports.seq')
      .limit(200)
      .execute();
    const held = new Set<string>();
    for (const d of open) {
      if (held.has(d.complaint_id)) continue;
      if (d.next_attempt_at > now.toISOString() || !d.callback_url || !d.secret_enc || d.revoked_at) {
        held.add(d.complaint_id);
        continue;
      }
      const body = WORK_ORDER_REPORT.encode(WORK_ORDER_REPORT.decode(d.payload_json)!);
      const url = new URL(d.callback_url);
      const timestamp = ctx.now().toISOString();
      const nonce = randomBytes(16).toString('hex');
      const signature = sign(openText(ctx, d.secret_enc, `partner:${d.partner_id}`), 'POST', url.pathname + url.search, timestamp, nonce, body);
      let error: string | null = null;
      try {
        const r = await send(d.callback_url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-partner-id': d.partner_id,
            'x-timestamp': timestamp,
            'x-nonce': nonce,
            'x-signature': signature,
            'x-fep-delivery': d.id,
          },
          body,
        });
        if (r.status < 200 || r.status >= 300) error = `HTTP ${r.status}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const at = ctx.now();
      await transact(ctx, systemActor('work-order-report'), async (trx, audit) => {
        const r = await trx
          .updateTable('work_order_reports')
          .set(
            error
              ? {
                  status: 'failed',
                  attempts: d.attempts + 1,
                  last_error: error.slice(0, 500),
                  signature,
                  next_attempt_at: new Date(at.getTime() + reportBackoffMs(d.attempts)).toISOString(),
                }
              : { status: 'delivered', attempts: d.attempts + 1, last_error: null, signature, delivered_at: at.toISOString() },
          )
          .where('id', '=', d.id)
          .where('status', '=', d.status)
          .where('attempts', '=', d.attempts)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return;
        await audit({
          action: 'work_order_report.attempt',
          outcome: error ? 'failure' : 'success',
          targetType: 'complaint',
          targetId: d.complaint_id,
          details: { reportId: d.id, kind: d.kind, workOrderNo: d.work_order_no, attempt: d.attempts + 1, ...(error ? { error: error.slice(0, 200) } : {}) },
        });
      });
      if (error) {
        run.failed++;
        held.add(d.complaint_id);
      } else run.delivered++;
    }
    return run;
  } finally {
    await releaseLease(db, WORK_ORDER_REPORT_JOB, holder);
  }
}
