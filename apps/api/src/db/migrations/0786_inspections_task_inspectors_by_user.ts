import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The inspectors of a task keyed by (user, task) alone. The table is read one way — "the tasks of this
 * inspector" (assignedTo, the task list's filter) — while the inspectors of a task are read from the task's own
 * `inspector_ids_json`, written with the join rows in the same statement batch. Its three other B-trees (the rowid
 * table, the (task, position) key and the (task, user) unique index) only cost writes: a province's random draw
 * writes two hundred thousand of these rows in one transaction. On SQLite the table becomes `WITHOUT ROWID`, so the
 * primary key is the table, one B-tree in all; the rows are copied as they are. A user is still on a task at most
 * once (the primary key); `position` keeps the order the task was assigned in.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        await sql`alter table inspection_task_inspectors drop constraint inspection_task_inspectors_task_user`.execute(db);
        await sql`alter table inspection_task_inspectors drop constraint inspection_task_inspectors_pk`.execute(db);
        await sql`drop index if exists inspection_task_inspectors_user`.execute(db);
        await sql`alter table inspection_task_inspectors add constraint inspection_task_inspectors_pk primary key (user_id, task_id)`.execute(db);
        return;
      }
      await sql`create table inspection_task_inspectors_by_user (
        task_id text not null references inspection_tasks (id),
        user_id text not null,
        position integer not null,
        constraint inspection_task_inspectors_pk primary key (user_id, task_id)
      ) without rowid`.execute(db);
      await sql`insert into inspection_task_inspectors_by_user (task_id, user_id, position)
        select task_id, user_id, position from inspection_task_inspectors order by user_id, task_id`.execute(db);
      await sql`drop table inspection_task_inspectors`.execute(db);
      await sql`alter table inspection_task_inspectors_by_user rename to inspection_task_inspectors`.execute(db);
    },
  };
}
