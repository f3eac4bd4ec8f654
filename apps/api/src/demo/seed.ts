import { addDays, chinaDateOf, completeUsci, JURISDICTION_PRESETS, STAFF_ROLES, startOfChinaDay, VENUE_KINDS } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { DB, UnitTable } from '../db/schema.ts';
import { seedDemoPartnerKeys } from '../features/complaints/index.ts';
import { type PointInput, putNewPoints, recountUnits } from '../features/dashboard/index.ts';
import { seedDemoMonitoring } from '../features/monitoring/index.ts';
import { systemActor } from '../platform/actor.ts';
import { startClock } from '../platform/clocks/clocks.service.ts';
import type { AppContext } from '../platform/context.ts';
import { hashPassword } from '../platform/iam/passwords.ts';
import { uuidv7 } from '../platform/ids.ts';
import { policyValues } from '../platform/policy/policy.columns.ts';
import { seededRandom as prng } from '../platform/seeded-random.ts';
import { type Audit, transact } from '../platform/transact.ts';

/**
 * Demo data: the five source jurisdictions as agencies (corps → detachment → brigade), a user for every
 * role in each, a few hundred units per city and some running clocks. Loaded once, into an empty store,
 * only in demo mode (refused in production by the configuration).
 */
export const DEMO_AGENCIES = [
  { region: '360000', parent: null, level: 'corps', name: '江西省消防救援总队', short: '江西总队' },
  { region: '360100', parent: '360000', level: 'detachment', name: '南昌市消防救援支队', short: '南昌支队' },
  { region: '360102', parent: '360100', level: 'brigade', name: '南昌市东湖区消防救援大队', short: '东湖大队' },
  { region: '440000', parent: null, level: 'corps', name: '广东省消防救援总队', short: '广东总队' },
  { region: '440100', parent: '440000', level: 'detachment', name: '广州市消防救援支队', short: '广州支队' },
  { region: '440106', parent: '440100', level: 'brigade', name: '广州市天河区消防救援大队', short: '天河大队' },
  { region: '150000', parent: null, level: 'corps', name: '内蒙古自治区消防救援总队', short: '内蒙古总队' },
  { region: '150100', parent: '150000', level: 'detachment', name: '呼和浩特市消防救援支队', short: '呼和浩特支队' },
  { region: '150102', parent: '150100', level: 'brigade', name: '呼和浩特市新城区消防救援大队', short: '新城大队' },
  { region: '210000', parent: null, level: 'corps', name: '辽宁省消防救援总队', short: '辽宁总队' },
  { region: '211000', parent: '210000', level: 'detachment', name: '辽阳市消防救援支队', short: '辽阳支队' },
  { region: '211002', parent: '211000', level: 'brigade', name: '辽阳市白塔区消防救援大队', short: '白塔大队' },
  { region: '210500', parent: '210000', level: 'detachment', name: '本溪市消防救援支队', short: '本溪支队' },
  { region: '210502', parent: '210500', level: 'brigade', name: '本溪市平山区消防救援大队', short: '平山大队' },
] as const;

export const DEMO_CITIES = ['360100', '440100', '150100', '211000', '210500'] as const;
/**
 * The demo units' places on the leaders' map (MON-02): scattered within about 8 km of each city's centre
 * (WGS84, approximate centres; demo data, not surveyed addresses).
 */
export const DEMO_CITY_CENTRES: Record<(typeof DEMO_CITIES)[number], { lat: number; lng: number }> = {
  '360100': { lat: 28.682, lng: 115.858 },
  '440100': { lat: 23.129, lng: 113.264 },
  '150100': { lat: 40.842, lng: 111.749 },
  '211000': { lat: 41.269, lng: 123.237 },
  '210500': { lat: 41.294, lng: 123.766 },
};
export const UNITS_PER_CITY = 300;

const ROLE_TITLE: Record<string, string> = {
  clerk: '窗口',
  inspector: '检查员',
  legal_reviewer: '法制员',
  approver: '审批',
  leader: '负责人',
  admin: '管理员',
  applicant: '企业',
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华'];
const BRANDS = [
  '鑫源',
  '华泰',
  '金鼎',
  '福满楼',
  '星光',
  '悦来',
  '东方',
  '嘉禾',
  '新世纪',
  '和平',
  '瑞丰',
  '聚贤',
  '天成',
  '百汇',
  '乐享',
  '盛世',
  '锦江',
  '佳美',
  '恒通',
  '君悦',
];
const KIND_SUFFIX: Record<string, string> = {
  hotel: '酒店有限公司',
  restaurant: '餐饮管理有限公司',
  mall: '商业广场有限公司',
  market: '农贸市场有限公司',
  waiting_room: '客运站',
  stadium: '体育馆',
  hall: '会展中心',
  cinema: '影城有限公司',
  ktv: 'KTV娱乐有限公司',
  dance_hall: '舞厅',
  nightclub: '酒吧',
  amusement: '游艺城',
  fitness_leisure: '洗浴休闲中心',
  internet_cafe: '网咖',
};
const STREETS = ['人民路', '解放路', '中山路', '建设路', '胜利街', '新华路', '和平大街', '朝阳路', '文化路', '青年大街'];
const USCI_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function demoUsci(regionCode: string, n: number): string {
  const rnd = prng(Number(regionCode) * 1000 + n);
  let org = '';
  for (let i = 0; i < 9; i++) org += USCI_CHARS[Math.floor(rnd() * USCI_CHARS.length)];
  return completeUsci(`91${regionCode}${org}`);
}

export async function seedDemoData(ctx: AppContext): Promise<boolean> {
  const { db } = ctx.database;
  const any = await db.selectFrom('agencies').select('id').limit(1).execute();
  if (any.length > 0) return false;
  const now = ctx.now();
  const nowIso = now.toISOString();
  // One hash for the one demo password (argon2 is deliberately slow); demo accounts only.
  const passwordHash = await hashPassword(ctx.config.demoPassword);

  await transact(ctx, systemActor(), async (trx, audit) => {
    const ids = new Map<string, { id: string; path: string; regionCode: string }>();
    for (const a of DEMO_AGENCIES) {
      const id = uuidv7();
      const parent = a.parent ? ids.get(a.parent) : undefined;
      const path = `${parent?.path ?? '/'}${id}/`;
      ids.set(a.region, { id, path, regionCode: a.region });
      await trx
        .insertInto('agencies')
        .values({ id, parent_id: parent?.id ?? null, name: a.name, short_name: a.short, level: a.level, region_code: a.region, path, created_at: nowIso })
        .execute();
    }

    const versions = new Map<string, number>();
    for (const p of JURISDICTION_PRESETS) {
      const agency = ids.get(p.regionCode);
      if (!agency) continue;
      const k = `${p.kind}/${agency.id}`;
      const version = (versions.get(k) ?? 0) + 1;
      versions.set(k, version);
      await trx
        .insertInto('policy_versions')
        .values({
          id: uuidv7(),
          kind: p.kind,
          agency_id: agency.id,
          version,
          effective_from: p.effectiveFrom,
          effective_to: null,
          values_json: policyValues(p.kind).encode(p.values),
          legal_document: p.legalBasis.document,
          legal_clause: p.legalBasis.clause ?? null,
          note: p.note,
          created_by: null,
          created_at: nowIso,
        })
        .execute();
    }

    let n = 0;
    const addUser = async (
      username: string,
      kind: 'staff' | 'applicant',
      agencyId: string | null,
      roles: string[],
      extra: { usci?: string; national?: boolean; displayName: string },
    ) => {
      const id = uuidv7();
      n++;
      const phone = `139${String(10000000 + ((n * 7919) % 89999999)).padStart(8, '0')}`;
      await trx
        .insertInto('users')
        .values({
          id,
          username,
          display_name: extra.displayName,
          password_hash: passwordHash,
          kind,
          agency_id: agencyId,
          usci: extra.usci ?? null,
          phone,
          failed_count: 0,
          locked_until: null,
          disabled: 0,
          national: extra.national ? 1 : 0,
          created_at: nowIso,
          password_changed_at: nowIso,
          last_login_at: null,
        })
        .execute();
      for (const role of roles) await trx.insertInto('user_roles').values({ user_id: id, role }).execute();
      return id;
    };

    const users = new Map<string, string>();
    for (const a of DEMO_AGENCIES) {
      const agency = ids.get(a.region)!;
      for (const role of STAFF_ROLES) {
        const rnd = prng(Number(a.region) + role.length * 7);
        const person = SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!;
        users.set(
          `${role}.${a.region}`,
          await addUser(`${role}.${a.region}`, 'staff', agency.id, [role], { displayName: `${person}（${a.short}${ROLE_TITLE[role]}）` }),
        );
      }
    }
    await addUser('admin.000000', 'staff', null, ['admin'], { national: true, displayName: '国家级系统管理员' });

    // Inspector directory: every agency has two certified inspectors (双人执法): inspector.<region> and
    // inspector2.<region>, with law-enforcement certificates valid until the end of 2028.
    for (const a of DEMO_AGENCIES) {
      const agency = ids.get(a.region)!;
      const rnd = prng(Number(a.region) + 97);
      const person = SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!;
      const second = await addUser(`inspector2.${a.region}`, 'staff', agency.id, ['inspector'], { displayName: `${person}（${a.short}检查员）` });
      users.set(`inspector2.${a.region}`, second);
      for (const [k, username] of [`inspector.${a.region}`, `inspector2.${a.region}`].entries()) {
        await trx
          .insertInto('inspectors')
          .values({
            user_id: users.get(username)!,
            agency_id: agency.id,
            certificate_no: `${a.region}${String(k + 1).padStart(4, '0')}`,
            certified_until: '2028-12-31',
            active: 1,
            created_at: nowIso,
          })
          .execute();
      }
    }

    // Units: a few hundred per city, split between the detachment and its brigade.
    for (const city of DEMO_CITIES) {
      const detachment = ids.get(city)!;
      const brigadeDef = DEMO_AGENCIES.find((a) => a.parent === city)!;
      const brigade = ids.get(brigadeDef.region)!;
      const rnd = prng(Number(city));
      const rows: UnitTable[] = [];
      for (let i = 0; i < UNITS_PER_CITY; i++) {
        const inBrigade = i % 3 === 0;
        const agency = inBrigade ? brigade : detachment;
        const kind = VENUE_KINDS[Math.floor(rnd() * VENUE_KINDS.length)]!;
        const brand = BRANDS[Math.floor(rnd() * BRANDS.length)]!;
        const risk = rnd();
        const credit = rnd();
        rows.push({
          id: uuidv7(now.getTime() + i),
          usci: demoUsci(city, i),
          name: `${brand}${KIND_SUFFIX[kind]}（${i + 1}号）`,
          address: `${STREETS[Math.floor(rnd() * STREETS.length)]}${1 + Math.floor(rnd() * 300)}号`,
          region_code: agency.regionCode,
          agency_id: agency.id,
          agency_path: agency.path,
          venue_kind: kind,
          floor_area: Math.round(80 + rnd() * 4000),
          key_unit: rnd() < 0.2 ? 1 : 0,
          risk_level: risk < 0.6 ? 'low' : risk < 0.9 ? 'medium' : 'high',
          credit_level: credit < 0.7 ? 'A' : credit < 0.9 ? 'B' : credit < 0.97 ? 'C' : 'D',
          owner_user_id: null,
          contact_name: SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!,
          contact_phone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
          created_at: nowIso,
          updated_at: nowIso,
          self_commitment: risk < 0.6 && credit < 0.7 && rnd() < 0.5 ? 1 : 0,
          last_fire_on: null,
          responsible_name: null,
          responsible_key: null,
          manager_name: null,
          manager_key: null,
          lat: null,
          lng: null,
          position_set_at: null,
        });
      }
      // Each unit's place around its city's centre: the directory's position and its map point are the same.
      const centre = DEMO_CITY_CENTRES[city];
      const points: PointInput[] = rows.map((u) => ({
        layer: 'unit',
        ref_id: u.usci,
        agency_path: u.agency_path,
        lat: Math.round((centre.lat + (rnd() - 0.5) * 0.15) * 1e6) / 1e6,
        lng: Math.round((centre.lng + (rnd() - 0.5) * 0.18) * 1e6) / 1e6,
        kind: u.venue_kind ?? '',
        risk: u.risk_level,
        status: 'normal',
        label: u.name,
        usci: u.usci,
      }));
      rows.forEach((u, i) => {
        Object.assign(u, { lat: points[i]!.lat, lng: points[i]!.lng, position_set_at: nowIso });
      });
      for (let i = 0; i < rows.length; i += 100)
        await trx
          .insertInto('units')
          .values(rows.slice(i, i + 100))
          .execute();
      await putNewPoints(trx, points, nowIso);
      // And in the leaders' credit and risk distribution, as their registration's event would count them.
      await recountUnits(
        trx,
        ctx.database.dialect,
        rows.map((u) => u.usci),
      );
    }

    // Applicants: one business account per agency's region, owning the first unit of that region.
    for (const a of DEMO_AGENCIES) {
      const unit = await trx.selectFrom('units').select(['id', 'usci', 'name']).where('region_code', '=', a.region).orderBy('id').limit(1).executeTakeFirst();
      const usci = unit?.usci ?? demoUsci(a.region, 9999);
      const id = await addUser(`applicant.${a.region}`, 'applicant', null, ['applicant'], {
        usci,
        displayName: unit ? unit.name.replace(/（.*）$/, '') : `${a.short}辖区演示企业`,
      });
      if (unit) await trx.updateTable('units').set({ owner_user_id: id }).where('id', '=', unit.id).execute();
    }

    await seedDemoClocks(trx, audit, ids, users, now);
    // CMP-01 / MON-03: the demo Open311 client and 12345 platform of 辽阳 (keys in the README).
    await seedDemoPartnerKeys(trx, ctx, ids.get('211000')!.id, nowIso);
    // MON-01: the 辽阳 remote-monitoring centre and three devices of 辽阳 units (README).
    await seedDemoMonitoring(trx, audit, ids.get('211000')!.id, now);
    await audit({
      action: 'system.demo_seed',
      targetType: 'system',
      targetId: 'demo',
      details: { agencies: DEMO_AGENCIES.length, unitsPerCity: UNITS_PER_CITY },
    });
  });
  return true;
}

/** A few clocks per city in every state a clerk meets: on time, due soon, overdue. */
async function seedDemoClocks(
  trx: Transaction<DB>,
  audit: Audit,
  ids: Map<string, { id: string; path: string; regionCode: string }>,
  users: Map<string, string>,
  now: Date,
): Promise<void> {
  const today = chinaDateOf(now);
  const samples = [
    { daysAgo: 2, amount: 10, title: '营业前消防安全检查·现场检查时限', doc: '《中华人民共和国消防法》', clause: '第十五条第四款' },
    { daysAgo: 12, amount: 10, title: '营业前消防安全检查·现场检查时限', doc: '《中华人民共和国消防法》', clause: '第十五条第四款' },
    { daysAgo: 9, amount: 3, title: '火灾隐患举报·核查时限', doc: '《消防监督检查规定》', clause: '第三十条' },
  ];
  for (const city of DEMO_CITIES) {
    const agency = ids.get(city)!;
    for (const [i, s] of samples.entries()) {
      const unit = await trx
        .selectFrom('units')
        .select(['id', 'name'])
        .where('agency_id', '=', agency.id)
        .orderBy('id')
        .offset(i + 1)
        .limit(1)
        .executeTakeFirstOrThrow();
      const c = await startClock(
        trx,
        {
          targetType: 'unit',
          targetId: unit.id,
          title: `${unit.name.replace(/（.*）$/, '')} ${s.title}`,
          agency: agency,
          assigneeUserId: users.get(`clerk.${city}`) ?? null,
          unit: 'working_days',
          amount: s.amount,
          legalBasis: { document: s.doc, clause: s.clause },
          startedAt: new Date(new Date(startOfChinaDay(addDays(today, -s.daysAgo))).getTime() + 10 * 3600_000).toISOString(),
        },
        now,
      );
      await audit({ action: 'clock.create', targetType: 'clock', targetId: c.id, after: c });
    }
  }
}
