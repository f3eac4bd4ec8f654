import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Online training (SVC-04): courses published by an agency, and each person's completion of a course — one per
 * person and course (unique), so parallel identical completions leave one record. The archive of a unit is the
 * completions of its portal accounts (by USCI).
 */
export const migration = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('training_courses')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('resource', text, (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('audience', text, (c) => c.notNull())
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_courses_scope').on('training_courses').columns(['agency_path', 'created_at']).execute();
    await db.schema
      .createTable('training_completions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('course_id', text, (c) => c.notNull().references('training_courses.id'))
      .addColumn('user_id', text, (c) => c.notNull())
      .addColumn('person_name', text, (c) => c.notNull())
      .addColumn('usci', text)
      .addColumn('agency_id', text)
      .addColumn('completed_at', text, (c) => c.notNull())
      .addUniqueConstraint('training_completions_once', ['course_id', 'user_id'])
      .execute();
    await db.schema.createIndex('training_completions_unit').on('training_completions').columns(['usci', 'completed_at']).execute();
    await db.schema.createIndex('training_completions_person').on('training_completions').columns(['user_id', 'completed_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('training_completions').execute();
    await db.schema.dropTable('training_courses').execute();
  },
});
