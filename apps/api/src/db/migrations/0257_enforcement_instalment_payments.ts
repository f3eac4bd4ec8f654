import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * One instalment of an approved schedule paid on its own (ENF-06; 行政处罚法 art. 66 ¶2): its amount and the late
 * fee accrued on it alone (art. 72). One row per instalment of a plan (unique), one per receipt or transaction
 * number (unique), so identical payments made at once record one.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const money = dialect === 'postgres' ? ('double precision' as const) : ('real' as const);
    await db.schema
      .createTable('enforcement_instalment_payments')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('plan_id', text, (c) => c.notNull().references('enforcement_payment_plans.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('amount', money, (c) => c.notNull())
      .addColumn('late_fee', money, (c) => c.notNull())
      .addColumn('paid_amount', money, (c) => c.notNull())
      .addColumn('paid_on', text, (c) => c.notNull())
      .addColumn('receipt_number', text, (c) => c.notNull().unique())
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('recorded_by', text)
      .addColumn('recorded_at', text, (c) => c.notNull())
      .addUniqueConstraint('enforcement_instalment_payments_plan_seq', ['plan_id', 'seq'])
      .execute();
    await db.schema.createIndex('enforcement_instalment_payments_case').on('enforcement_instalment_payments').columns(['case_id', 'seq']).execute();
  },
});
