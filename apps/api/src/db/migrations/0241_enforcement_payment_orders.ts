import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Online payment orders of fines (ENF-06): what the party was asked to pay through the payment channel on a
 * day (the fine and the late fee owed that day), the channel's reference and where to pay. One order per
 * case and day (`order_no` is derived from both, so asking twice makes one order, here and at the channel).
 * The payment itself is recorded on the case by the channel's signed notification (its transaction number
 * is the receipt).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const money = dialect === 'postgres' ? ('double precision' as const) : ('real' as const);
    await db.schema
      .createTable('enforcement_payment_orders')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('order_no', text, (c) => c.notNull().unique())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('channel_ref', text, (c) => c.notNull())
      .addColumn('amount', money, (c) => c.notNull())
      .addColumn('fine', money, (c) => c.notNull())
      .addColumn('late_fee', money, (c) => c.notNull())
      .addColumn('as_of', text, (c) => c.notNull())
      .addColumn('pay_url', text, (c) => c.notNull())
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('enforcement_payment_orders_case').on('enforcement_payment_orders').columns(['case_id', 'as_of']).execute();
    await db.schema.createIndex('enforcement_payment_orders_ref').on('enforcement_payment_orders').columns(['channel', 'channel_ref']).execute();
  },
});
