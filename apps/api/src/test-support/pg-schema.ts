import pg from 'pg';
import { SCHEMA_LOCK } from '../db/migrations/index.ts';

/** Runs one administrative statement on PostgreSQL (DATABASE_URL) in a connection of its own. */
export async function pgAdmin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** Drops a test schema under the lock migrations hold (see SCHEMA_LOCK: a drop during another schema's migration breaks it). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [SCHEMA_LOCK]);
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query('select pg_advisory_unlock(hashtext($1))', [SCHEMA_LOCK]);
  } finally {
    await client.end();
  }
}
