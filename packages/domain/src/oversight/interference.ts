import { CHINA_OFFSET_MS } from '../dates.ts';

/**
 * Interference records (ENF-08; seed 001 §13: 建立消防内部人员违规过问、干预、插手案件办理的记录、通报和责任
 * 追究制度). Modelled on the two 2015 rules of the judiciary — 《领导干部干预司法活动、插手具体案件处理的记录、
 * 通报和责任追究规定》 and 《司法机关内部人员过问案件的记录和责任追究规定》: the officer approached records who
 * asked (name, agency and post), in which capacity, how (phone, in person, message, through someone else),
 * when, what was asked and about which case; the record is never changed or deleted, oversight staff read
 * it, and it is reported monthly per agency.
 */
export const INTERFERENCE_ROLES = ['leading_cadre', 'superior_staff', 'internal_staff', 'other'] as const;
export type InterferenceRole = (typeof INTERFERENCE_ROLES)[number];
export const INTERFERENCE_ROLE_LABELS: Record<InterferenceRole, string> = {
  leading_cadre: '领导干部',
  superior_staff: '上级机关工作人员',
  internal_staff: '本机构内部人员',
  other: '其他人员',
};

export const INTERFERENCE_CHANNELS = ['phone', 'in_person', 'message', 'proxy', 'other'] as const;
export type InterferenceChannel = (typeof INTERFERENCE_CHANNELS)[number];
export const INTERFERENCE_CHANNEL_LABELS: Record<InterferenceChannel, string> = {
  phone: '电话',
  in_person: '当面',
  message: '短信或即时消息',
  proxy: '委托他人转达',
  other: '其他方式',
};

/** What the person did: asked about the case, tried to direct it, or pleaded for a party. */
export const INTERFERENCE_ACTS = ['inquiry', 'intervention', 'influence'] as const;
export type InterferenceAct = (typeof INTERFERENCE_ACTS)[number];
export const INTERFERENCE_ACT_LABELS: Record<InterferenceAct, string> = {
  inquiry: '过问案情',
  intervention: '干预办理',
  influence: '说情打招呼',
};

/** The calendar month (Beijing time) an instant falls in: 'YYYY-MM'. Reports count records by it. */
export function chinaMonthOf(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** The instants [from, to) of a Beijing calendar month, for a range query on ISO text. */
export function chinaMonthRange(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new RangeError(`not a month: ${month}`);
  const start = Date.UTC(y, mo - 1, 1) - CHINA_OFFSET_MS;
  const end = Date.UTC(mo === 12 ? y + 1 : y, mo === 12 ? 0 : mo, 1) - CHINA_OFFSET_MS;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

export interface InterferenceFact {
  agencyId: string;
  role: InterferenceRole;
  channel: InterferenceChannel;
}

export interface InterferenceTally {
  agencyId: string;
  total: number;
  byChannel: Record<InterferenceChannel, number>;
  byRole: Record<InterferenceRole, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The monthly report's figures: per agency, how many records, by channel and by role. Every channel and
 * role appears (with 0), so a report compares month to month; agencies come in the order given.
 */
export function tallyInterference(agencyIds: readonly string[], facts: readonly InterferenceFact[]): InterferenceTally[] {
  const out = new Map<string, InterferenceTally>(
    agencyIds.map((id) => [id, { agencyId: id, total: 0, byChannel: zeros(INTERFERENCE_CHANNELS), byRole: zeros(INTERFERENCE_ROLES) }]),
  );
  for (const f of facts) {
    const t = out.get(f.agencyId);
    if (!t) continue;
    t.total++;
    t.byChannel[f.channel]++;
    t.byRole[f.role]++;
  }
  return [...out.values()];
}
