import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Case file review (案卷评查, OVS-02): one row per reviewed file with its scored lines, one row per officer
 * the file names (per-officer averages), and the officers' training records — an append-only list, as the
 * enforcement file keeps what was attended (the database refuses UPDATE and DELETE).
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const path = dialect === 'postgres' ? sql`text collate "binary"` : 'text';
      await db.schema
        .createTable('case_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('agency_path', path, (c) => c.notNull())
        .addColumn('case_reference', 'text', (c) => c.notNull())
        .addColumn('file_kind', 'text', (c) => c.notNull())
        .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('total', 'double precision', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('policy_version', 'text', (c) => c.notNull())
        .addColumn('reviewed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_reviews_scope').on('case_reviews').columns(['agency_path', 'reviewed_at']).execute();

      await db.schema
        .createTable('case_review_officers')
        .addColumn('review_id', 'text', (c) => c.notNull().references('case_reviews.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addPrimaryKeyConstraint('case_review_officers_pk', ['review_id', 'user_id'])
        .execute();
      await db.schema.createIndex('case_review_officers_user').on('case_review_officers').columns(['user_id', 'review_id']).execute();

      await db.schema
        .createTable('officer_training')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('course', 'text', (c) => c.notNull())
        .addColumn('hours', 'double precision', (c) => c.notNull())
        .addColumn('completed_on', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('officer_training_user').on('officer_training').columns(['user_id', 'completed_on']).execute();

      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER officer_training_no_update BEFORE UPDATE ON officer_training BEGIN SELECT RAISE(ABORT, 'officer_training is append-only'); END`.execute(
          db,
        );
        await sql`CREATE TRIGGER officer_training_no_delete BEFORE DELETE ON officer_training BEGIN SELECT RAISE(ABORT, 'officer_training is append-only'); END`.execute(
          db,
        );
      } else {
        await sql`CREATE FUNCTION officer_training_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'officer_training is append-only'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER officer_training_no_update BEFORE UPDATE ON officer_training FOR EACH ROW EXECUTE FUNCTION officer_training_append_only()`.execute(
          db,
        );
        await sql`CREATE TRIGGER officer_training_no_delete BEFORE DELETE ON officer_training FOR EACH ROW EXECUTE FUNCTION officer_training_append_only()`.execute(
          db,
        );
      }
    },
  };
}
