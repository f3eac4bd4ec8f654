import type { Executor } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { queuePush, queuedKeys } from '../../platform/partners/outbox.ts';
import { mirrorPartner } from '../../platform/partners/partners.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { WORK_ORDER_REPORT } from './complaints.columns.ts';
import type { ComplaintJoined } from './complaints.repository.ts';
import { progressView } from './use-cases/work-orders.ts';
import { openText } from './vault.ts';

/**
 * Progress and results pushed back to the 12345 platform (CMP-01; 国办发〔2020〕53号 asks the handling unit to
 * 回复、办结 through the hotline platform). The acknowledgement is the answer to the platform's own push; every
 * later step of the order (dispatch, conclusion, reply, reopening) queues a report in the transaction of that
 * step, so a report exists exactly when the step happened. The report goes through the partner gateway's one
 * outbox (topic `hotline.report`): the 12345 key becomes a receiver of the outbox under the same id, so retries
 * with backoff, dead letters, the administrator's delivery log and replay are the outbox's. On the wire it is what
 * the platform has always received: the report as the body, signed with the partner's secret over
 * `POST\nPATH\nTIMESTAMP\nNONCE\nSM3(body)`, headers x-partner-id, x-timestamp, x-nonce, x-signature. Reports of
 * one order are a sequence: a later one waits while an earlier one is not delivered, so the platform never hears
 * the result before the progress. No reporter data: the payload is the progress view the platform could also pull.
 */
export const HOTLINE_REPORT_SCOPE = 'hotline.reports' as const;

type Keys = Pick<AppContext, 'now' | 'sealMasterKey'>;

/** The 12345 key of an order as a receiver of the outbox (null: it gave no callback address, it pulls). */
async function receiverOf(trx: Executor, deps: Keys, partnerId: string): Promise<string | null> {
  const k = await trx
    .selectFrom('partner_keys')
    .leftJoin('agencies', 'agencies.id', 'partner_keys.agency_id')
    .select([
      'partner_keys.id',
      'partner_keys.name',
      'partner_keys.callback_url',
      'partner_keys.secret_enc',
      'partner_keys.revoked_at',
      'partner_keys.agency_id',
    ])
    .select('agencies.path as agency_path')
    .where('partner_keys.id', '=', partnerId)
    .executeTakeFirst();
  if (!k?.callback_url || !k.secret_enc || k.revoked_at) return null;
  await mirrorPartner(trx, deps, {
    id: k.id,
    kind: 'hotline_12345',
    name: k.name,
    url: k.callback_url,
    secret: openText(deps, k.secret_enc, `partner:${k.id}`),
    agencyId: k.agency_id,
    agencyPath: k.agency_path ?? null,
    scopes: [HOTLINE_REPORT_SCOPE],
  });
  return k.id;
}

/** Queues the report of a step of a 12345 order whose partner receives pushes (inside the step's transaction). */
export async function queueWorkOrderReport(trx: Executor, deps: Keys, c: ComplaintJoined): Promise<void> {
  if (c.channel !== 'hotline_12345' || !c.partner_id || !c.external_ref) return;
  const partnerId = await receiverOf(trx, deps, c.partner_id);
  if (!partnerId) return;
  const kind = c.status === 'closed' ? 'result' : 'progress';
  const sequence = `complaint:${c.id}`;
  // The step's compare-and-set on the report serialises its steps, so the highest is the previous step's (reports
  // sent before the outbox are in `work_order_reports`, kept read-only: the numbering goes on after them).
  const [prior, before] = await Promise.all([
    trx
      .selectFrom('gateway_deliveries')
      .select((eb) => eb.fn.max<number>('sequence_no').as('seq'))
      .where('sequence_key', '=', sequence)
      .executeTakeFirst(),
    trx
      .selectFrom('work_order_reports')
      .select((eb) => eb.fn.max<number>('seq').as('seq'))
      .where('complaint_id', '=', c.id)
      .executeTakeFirst(),
  ]);
  const seq = Math.max(Number(prior?.seq ?? 0), Number(before?.seq ?? 0)) + 1;
  await queuePush(trx, deps, {
    topic: 'hotline.report',
    dedupeKey: `12345:${c.id}:${seq}`,
    subject: `${c.external_ref}（${kind === 'result' ? '办理结果' : '办理进度'}）`,
    agencyPath: c.agency_path,
    data: WORK_ORDER_REPORT.decode(WORK_ORDER_REPORT.encode({ ...progressView(c, c.external_ref), kind })) ?? {},
    partnerIds: [partnerId],
    namedReceivers: true,
    sequence: { key: sequence, no: seq },
  });
}

/**
 * On start: the reports still waiting in `work_order_reports` — the table of this feature's own sender before the
 * one outbox — are queued in the outbox once each, in their order (same dedupe key and sequence as a new report, so
 * a second start copies nothing). Done here and not in a migration because the receiver's secret is sealed for the
 * gateway under the seal master key, which only the running process holds. `work_order_reports` is read-only from
 * then on, kept for the record of what was sent before.
 */
export async function moveWaitingWorkOrderReports(deps: Deps): Promise<number> {
  const rows = await deps.database.db
    .selectFrom('work_order_reports')
    .innerJoin('complaints', 'complaints.id', 'work_order_reports.complaint_id')
    // Only reports a receiver can still take (a key with an address and a secret, not revoked), as the old sender.
    .innerJoin('partner_keys', 'partner_keys.id', 'work_order_reports.partner_id')
    .where('partner_keys.callback_url', 'is not', null)
    .where('partner_keys.secret_enc', 'is not', null)
    .where('partner_keys.revoked_at', 'is', null)
    .select([
      'work_order_reports.partner_id',
      'work_order_reports.complaint_id',
      'work_order_reports.work_order_no',
      'work_order_reports.seq',
      'work_order_reports.kind',
      'work_order_reports.payload_json',
      'complaints.agency_path',
    ])
    .where('work_order_reports.status', 'in', ['pending', 'failed'])
    .orderBy('work_order_reports.complaint_id')
    .orderBy('work_order_reports.seq')
    .execute();
  const key = (w: (typeof rows)[number]) => `12345:${w.complaint_id}:${w.seq}`;
  const waiting: typeof rows = [];
  for (const partnerId of new Set(rows.map((w) => w.partner_id))) {
    const mine = rows.filter((w) => w.partner_id === partnerId);
    const queued = await queuedKeys(deps.database.db, partnerId, mine.map(key));
    waiting.push(...mine.filter((w) => !queued.has(key(w))));
  }
  if (waiting.length === 0) return 0;
  return transact(deps, systemActor('work-order-report'), async (trx, audit) => {
    let n = 0;
    for (const w of waiting) {
      const partnerId = await receiverOf(trx, deps, w.partner_id);
      if (!partnerId) continue;
      const ids = await queuePush(trx, deps, {
        topic: 'hotline.report',
        dedupeKey: key(w),
        subject: `${w.work_order_no}（${w.kind === 'result' ? '办理结果' : '办理进度'}）`,
        agencyPath: w.agency_path,
        data: WORK_ORDER_REPORT.decode(w.payload_json) ?? {},
        partnerIds: [partnerId],
        namedReceivers: true,
        sequence: { key: `complaint:${w.complaint_id}`, no: w.seq },
      });
      n += ids.length;
    }
    // Recorded even when a receiver refused in between (nothing queued): the transaction is an act of the platform.
    await audit({
      action: 'work_order_report.adopt',
      targetType: 'partner_delivery',
      targetId: `hotline:${n}`,
      details: { adopted: n, waiting: waiting.length },
    });
    return n;
  });
}
