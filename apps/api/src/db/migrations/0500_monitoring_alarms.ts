import type { Kysely, Migration } from 'kysely';

/**
 * Remote monitoring (MON-01): the monitoring centres (城市消防远程监控中心) publishing to the broker, the devices
 * registered to units, the device events (unique per centre and message id: a redelivered or repeated message is
 * stored once) and the dead letters (what could not be read or placed, with the reason).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('monitoring_centres')
      .addColumn('code', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('monitoring_devices')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('centre_code', text, (c) => c.notNull().references('monitoring_centres.code'))
      .addColumn('device_code', text, (c) => c.notNull())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('location', text, (c) => c.notNull())
      .addColumn('heartbeat_seconds', 'integer', (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('last_seen_at', text)
      .addColumn('state', text)
      .addColumn('state_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('monitoring_devices_code').on('monitoring_devices').columns(['centre_code', 'device_code']).unique().execute();
    await db.schema.createIndex('monitoring_devices_status').on('monitoring_devices').columns(['status', 'last_seen_at']).execute();
    await db.schema.createIndex('monitoring_devices_scope').on('monitoring_devices').columns(['agency_path', 'usci']).execute();
    await db.schema
      .createTable('monitoring_events')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('centre_code', text, (c) => c.notNull())
      .addColumn('message_id', text, (c) => c.notNull())
      .addColumn('device_id', text, (c) => c.notNull().references('monitoring_devices.id'))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('occurred_at', text, (c) => c.notNull())
      .addColumn('received_at', text, (c) => c.notNull())
      .addColumn('detail', text)
      .execute();
    await db.schema.createIndex('monitoring_events_message').on('monitoring_events').columns(['centre_code', 'message_id']).unique().execute();
    await db.schema.createIndex('monitoring_events_unit').on('monitoring_events').columns(['usci', 'occurred_at']).execute();
    await db.schema.createIndex('monitoring_events_scope').on('monitoring_events').columns(['agency_path', 'occurred_at']).execute();
    await db.schema
      .createTable('monitoring_dead_letters')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('topic', text, (c) => c.notNull())
      .addColumn('centre_code', text)
      .addColumn('payload', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('received_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('monitoring_dead_letters_received').on('monitoring_dead_letters').columns(['received_at']).execute();
  },
};
