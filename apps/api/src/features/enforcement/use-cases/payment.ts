import { createHash } from 'node:crypto';
import type { PaymentNotificationAnswer, PaymentNotificationBody, PaymentOrderView } from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import type { Config } from '../../../config.ts';
import type { EnforcementCase, EnforcementPaymentOrder, EnforcementPaymentOrderTable } from '../../../db/schema/enforcement.ts';
import { type Actor, systemActor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { loadOwnCase } from '../cases.access.ts';
import { type PaymentChannel, paymentChannelOf } from '../payment-channel.ts';
import { paymentOf, paymentTermsOf } from '../payment-terms.ts';
import { procedureFor } from '../procedure.policy.ts';
import { recordPayment } from './execution.ts';

/**
 * Online payment of a fine (ENF-06; 行政处罚法 art. 67 ¶3: the party may pay electronically): the party starts
 * an order in the portal for what it owes today — the fine and the late fee of art. 72 as of today — and
 * pays at the channel; the channel's signed notification records the payment through the same use case a
 * clerk's entry goes through, with the channel's transaction number as the receipt.
 */

const channels = new WeakMap<Config, PaymentChannel | null>();

/** The process's payment channel (null: online payment is not offered). */
export function paymentChannel(ctx: AppContext): PaymentChannel | null {
  if (!channels.has(ctx.config)) channels.set(ctx.config, paymentChannelOf(ctx.config, ctx.sealMasterKey));
  return channels.get(ctx.config) ?? null;
}

/** Our order number: the same for a case on a day (`FK` + date + a digest of the case id), 22 characters. */
export function orderNoOf(caseId: string, day: string): string {
  return `FK${day.replaceAll('-', '')}${createHash('sha256').update(caseId).digest('hex').slice(0, 12).toUpperCase()}`;
}

function requirePayable(c: EnforcementCase): void {
  if (c.status !== 'served' || c.outcome !== 'fine' || c.fine === null || !c.due_date || c.paid_on)
    throw new AppError('ENFORCEMENT.CASE_STATE', c.paid_on ? '该罚款已缴纳' : '该案件没有待缴纳的罚款', { status: c.status });
}

/** Under approved instalments (art. 66 ¶2) an order pays one instalment: its number goes into the order number. */
function orderKeyOf(caseId: string, instalment: number | null): string {
  return instalment === null ? caseId : `${caseId}:${instalment}`;
}

function present(o: EnforcementPaymentOrder, dueDate: string, channel: PaymentChannel): PaymentOrderView {
  return {
    orderNo: o.order_no,
    caseId: o.case_id,
    amount: o.amount,
    fine: o.fine,
    lateFee: o.late_fee,
    asOf: o.as_of,
    dueDate,
    instalment: o.instalment ?? null,
    channelLabel: channel.label,
    channelRef: o.channel_ref,
    payUrl: o.pay_url,
  };
}

/** Thrown inside the order's transaction when an identical request made the order first: nothing is written. */
class OrderMadeAlready extends Error {}

/**
 * The party's payment order for today (its own served, unpaid fine). Asked again the same day — or 20 times
 * at once — it is the same order: the order number is derived from the case and the day, the channel is
 * asked with it (a channel makes one order per merchant order number), and the row is inserted once.
 */
export async function startPaymentOrder(deps: Deps, actor: Actor, caseId: string): Promise<PaymentOrderView> {
  const channel = paymentChannel(deps);
  if (!channel) throw new AppError('PAYMENT.NOT_OFFERED', '本平台暂未开通在线缴纳罚款，请持决定书到代收罚款的银行缴纳');
  const db = deps.database.db;
  const c = await loadOwnCase(deps, actor, db, caseId);
  requirePayable(c);
  const today = chinaDateOf(deps.now());
  const agency = await agencyById(db, c.agency_id);
  if (!agency) throw new Error(`agency ${c.agency_id} of case ${c.id} not found`);
  // What is owed today and by when, under an approved deferral or instalments (art. 66) and review periods (art. 73):
  // under instalments the earliest open instalment and the fee on it alone (art. 72).
  const owed = paymentOf(c, (await procedureFor(db, agency, today)).policy, today, await paymentTermsOf(db, c.id))!;
  const instalment = owed.dueNow?.seq ?? null;
  const fine = owed.dueNow ? owed.dueNow.amount : owed.fine;
  const lateFee = owed.dueNow ? owed.dueNow.lateFee : owed.lateFee;
  const orderNo = orderNoOf(orderKeyOf(c.id, instalment), today);
  const existing = await db.selectFrom('enforcement_payment_orders').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
  if (existing) return present(existing, owed.dueDate, channel);
  const amount = Math.round((fine + lateFee) * 100) / 100;
  const { publicUrl } = deps.config;
  // The channel is asked before the transaction (no network call holds a transaction open); it makes one
  // order per order number, so a request that loses the insert below asked for the same order.
  const made = await channel.createOrder({
    orderNo,
    amount: amount.toFixed(2),
    subject: `罚款 ${c.decision_number ?? c.number ?? ''}${instalment ? ` 第${instalment}期` : ''}`.trim(),
    payer: c.party_name,
    expiresOn: today,
    notifyUrl: `${publicUrl}/api/v1/payments/notifications`,
    returnUrl: `${publicUrl}/portal/penalties/${c.id}`,
  });
  const now = deps.now();
  const row: EnforcementPaymentOrderTable = {
    id: uuidv7(now.getTime()),
    order_no: orderNo,
    case_id: c.id,
    agency_id: c.agency_id,
    agency_path: c.agency_path,
    channel: channel.name,
    channel_ref: made.channelRef,
    amount,
    fine,
    late_fee: lateFee,
    as_of: today,
    instalment,
    pay_url: made.payUrl,
    created_by: actor.userId,
    created_at: now.toISOString(),
  };
  try {
    return await transact(deps, actor, async (trx, audit) => {
      const current = await trx.selectFrom('enforcement_cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      requirePayable(current);
      const r = await trx
        .insertInto('enforcement_payment_orders')
        .values(row)
        .onConflict((oc) => oc.column('order_no').doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new OrderMadeAlready();
      await audit({
        action: 'enforcement_payment_order.create',
        targetType: 'enforcement_case',
        targetId: c.id,
        details: { orderNo, amount, fine, lateFee, instalment, asOf: today, channel: channel.name, channelRef: made.channelRef },
      });
      return present(row, owed.dueDate, channel);
    });
  } catch (err) {
    if (!(err instanceof OrderMadeAlready)) throw err;
    const won = await db.selectFrom('enforcement_payment_orders').selectAll().where('order_no', '=', orderNo).executeTakeFirstOrThrow();
    return present(won, owed.dueDate, channel);
  }
}

/** The actor of payments the channel reports (recorded as such in the enforcement record). */
export const PAYMENT_CHANNEL_ACTOR = 'payment_channel';

/**
 * A payment notification from the channel: refused unless signed with the channel secret (401
 * PAYMENT.BAD_SIGNATURE); recorded on the case by `recordPayment` as the channel (channel 'online', the
 * transaction number as receipt), which refuses an amount short of the fine and late fee owed on the day
 * paid. A replay of the same transaction — or 20 at once — records one payment and answers `duplicate`.
 */
export async function receivePaymentNotification(deps: Deps, body: PaymentNotificationBody): Promise<PaymentNotificationAnswer> {
  const channel = paymentChannel(deps);
  if (!channel) throw new AppError('PAYMENT.NOT_OFFERED', '本平台未开通在线缴款通道');
  const { signature, ...fields } = body;
  if (!channel.verify(fields, signature)) throw new AppError('PAYMENT.BAD_SIGNATURE', '缴款通知签名无效');
  const db = deps.database.db;
  const order = await db.selectFrom('enforcement_payment_orders').selectAll().where('order_no', '=', body.orderNo).executeTakeFirst();
  if (!order) throw new AppError('PAYMENT.ORDER_UNKNOWN', '没有该缴款订单', { orderNo: body.orderNo });
  const paidAt = new Date(body.paidAt);
  if (Number.isNaN(paidAt.getTime())) throw new AppError('REQUEST.BAD_DATE', '缴款时间无效', { field: 'paidAt' });
  try {
    await recordPayment(deps, systemActor(PAYMENT_CHANNEL_ACTOR), order.case_id, {
      amount: Number(body.amount),
      paidOn: chinaDateOf(paidAt),
      receiptNumber: body.transactionNo,
      channel: 'online',
      ...(order.instalment ? { instalment: order.instalment } : {}),
    });
    return { result: 'recorded', orderNo: order.order_no };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'ENFORCEMENT.CASE_STATE' || err.code === 'ENFORCEMENT.RECEIPT_USED')) {
      const c = await db.selectFrom('enforcement_cases').select(['receipt_number']).where('id', '=', order.case_id).executeTakeFirst();
      if (c?.receipt_number === body.transactionNo) return { result: 'duplicate', orderNo: order.order_no };
      const instalment = await db
        .selectFrom('enforcement_instalment_payments')
        .select('id')
        .where('case_id', '=', order.case_id)
        .where('receipt_number', '=', body.transactionNo)
        .executeTakeFirst();
      if (instalment) return { result: 'duplicate', orderNo: order.order_no };
    }
    throw err;
  }
}

/** The test double's view of an order (its pay page): the order, the case's party and decision. */
export async function testChannelOrder(
  deps: Deps,
  channelRef: string,
): Promise<{ order: EnforcementPaymentOrder; party: string; decisionNumber: string | null; paid: boolean; agency: string } | null> {
  const db = deps.database.db;
  const order = await db
    .selectFrom('enforcement_payment_orders')
    .selectAll()
    .where('channel', '=', 'test')
    .where('channel_ref', '=', channelRef)
    .executeTakeFirst();
  if (!order) return null;
  const c = await db
    .selectFrom('enforcement_cases')
    .innerJoin('agencies', 'agencies.id', 'enforcement_cases.agency_id')
    .select(['enforcement_cases.party_name', 'enforcement_cases.decision_number', 'enforcement_cases.paid_on', 'agencies.name'])
    .where('enforcement_cases.id', '=', order.case_id)
    .executeTakeFirstOrThrow();
  // An order for one instalment (art. 66 ¶2) is paid once that instalment is.
  const instalmentPaid = order.instalment
    ? await db
        .selectFrom('enforcement_instalment_payments')
        .select('id')
        .where('case_id', '=', order.case_id)
        .where('seq', '=', order.instalment)
        .executeTakeFirst()
    : undefined;
  return { order, party: c.party_name, decisionNumber: c.decision_number, paid: c.paid_on !== null || !!instalmentPaid, agency: c.name };
}
