import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The report categories take the names of the acceptance contract (CMP-02): `escape_route_blocked`
 * (占用、堵塞、封闭疏散通道或安全出口 — the former `locked_exit` and `blocked_escape_route`, one statutory
 * category) and `fire_system_disabled` (the former `disabled_fire_system`). Stored `complaints.deadlines`
 * versions are rewritten in place, keeping one row per category (the first, as it was).
 */
const RENAME: Record<string, string> = {
  locked_exit: 'escape_route_blocked',
  blocked_escape_route: 'escape_route_blocked',
  disabled_fire_system: 'fire_system_disabled',
};

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const rows = await sql<{ id: string; values_json: unknown }>`select id, values_json from policy_versions where kind = 'complaints.deadlines'`.execute(db);
    for (const r of rows.rows) {
      const values = (typeof r.values_json === 'string' ? JSON.parse(r.values_json) : r.values_json) as {
        deadlines?: { category: string }[];
      };
      if (!Array.isArray(values.deadlines)) continue;
      const seen = new Set<string>();
      values.deadlines = values.deadlines
        .map((d) => ({ ...d, category: RENAME[d.category] ?? d.category }))
        .filter((d) => {
          if (seen.has(d.category)) return false;
          seen.add(d.category);
          return true;
        });
      await sql`update policy_versions set values_json = ${JSON.stringify(values)} where id = ${r.id}`.execute(db);
    }
  },
};
