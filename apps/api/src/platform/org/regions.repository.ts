import type { RegionTreeView } from '@fep/contracts';
import type { Db } from '../../db/database.ts';

/**
 * The places a venue can be in, 省 → 市 → 区/县 (GB/T 2260), for every province with an agency on the
 * platform. A county without an agency of its own is listed all the same: its applications go to the
 * nearest agency above it (findAgency), the handling agency the portal shows before submitting.
 * Statistical development-zone codes (71–79) are left out: they are not GB/T 2260 divisions, and a venue
 * in a development zone lies in a county that is.
 */
export async function servedRegionTree(db: Db): Promise<RegionTreeView> {
  const hit = trees.get(db);
  if (hit && performance.now() - hit.at < TREE_TTL_MS) return hit.tree;
  const agencies = await db.selectFrom('agencies').select('region_code').execute();
  const provinces = [...new Set(agencies.map((a) => a.region_code.slice(0, 2)))];
  const rows = provinces.length
    ? await db
        .selectFrom('regions')
        .select(['code', 'name', 'parent_code', 'level'])
        .where('development_zone', '=', 0)
        .where((eb) => eb.or(provinces.map((p) => eb('code', 'like', `${p}%`))))
        .orderBy('code')
        .execute()
    : [];
  const tree: RegionTreeView = rows.filter((r) => r.level === 'province').map((p) => ({ code: p.code, name: p.name, children: [] }));
  const province = new Map(tree.map((p) => [p.code, p]));
  const city = new Map<string, RegionTreeView[number]['children'][number]>();
  for (const r of rows) {
    if (r.level !== 'city') continue;
    const c = { code: r.code, name: r.name, children: [] };
    city.set(r.code, c);
    province.get(r.parent_code ?? '')?.children.push(c);
  }
  for (const r of rows) if (r.level === 'county') city.get(r.parent_code ?? '')?.children.push({ code: r.code, name: r.name });
  trees.set(db, { at: performance.now(), tree });
  return tree;
}

/** Regions and agencies change only with a release's reference data (no route edits them): a minute in process is safe. */
const TREE_TTL_MS = 60_000;
const trees = new WeakMap<object, { at: number; tree: RegionTreeView }>();
