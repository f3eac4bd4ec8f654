import type { ExemptionPolicy } from '../policy/kinds.ts';
import { isEntertainmentVenue, VENUE_KIND_LABELS, type VenueKind } from '../venue.ts';

/**
 * Exemption check (LIC-02): does a public gathering place need the pre-opening fire safety check at
 * all? The region's policy lists thresholds; meeting any one exempts the venue unless its kind is
 * excepted (Jiangxi: public entertainment venues always need the check).
 *
 * Chinese legal counting (民法典 art. 1259): "以下/以内" include the number itself, so "300平方米以下"
 * exempts exactly 300 ㎡ (`lte`); a document saying "不足/低于" excludes it (`lt`).
 */
export interface ExemptionInput {
  venueKind: VenueKind;
  /** Floor area in ㎡. */
  floorArea: number;
  /**
   * Investment in CNY, where the applicant gives it. Optional on every form: a blank is unknown (`null`),
   * never 0 CNY — read as 0 it would meet every "investment ≤ N" threshold and wrongly exempt the venue.
   */
  investment?: number | null;
}

export interface ExemptionResult {
  exempt: boolean;
  /** The threshold that exempts the venue, when one does. */
  matched: ExemptionPolicy['rules'][number] | null;
  /** Why, in Chinese, citing the numbers compared. */
  reasons: string[];
  /**
   * Not exempt by the values given, but a threshold could not be judged because its value is unknown
   * (e.g. the investment was left blank): the venue may still be exempt once the value is known.
   */
  undetermined: boolean;
}

const METRIC_LABEL = { floorArea: '建筑面积', investment: '工程投资额' } as const;
const UNIT = { floorArea: '㎡', investment: '元' } as const;

function fmt(metric: 'floorArea' | 'investment', v: number): string {
  if (metric === 'investment' && v >= 10_000 && v % 10_000 === 0) return `${v / 10_000} 万元`;
  return `${v.toLocaleString('zh-CN')} ${UNIT[metric]}`;
}

export function checkExemption(policy: ExemptionPolicy, input: ExemptionInput): ExemptionResult {
  if (!(input.floorArea >= 0)) throw new RangeError('floor area must be a non-negative number');
  const reasons: string[] = [];
  if (policy.rules.length === 0) {
    return { exempt: false, matched: null, undetermined: false, reasons: ['本地未设免检范围：公众聚集场所投入使用、营业前均须申请消防安全检查'] };
  }
  if ((policy.exceptVenueKinds as readonly string[]).includes(input.venueKind)) {
    const what = isEntertainmentVenue(input.venueKind) ? '公共娱乐场所' : VENUE_KIND_LABELS[input.venueKind];
    return {
      exempt: false,
      matched: null,
      undetermined: false,
      reasons: [`${what}（${VENUE_KIND_LABELS[input.venueKind]}）不适用免检，须申请消防安全检查`],
    };
  }
  let undetermined = false;
  for (const rule of policy.rules) {
    const value = rule.metric === 'floorArea' ? input.floorArea : input.investment;
    if (value === undefined || value === null) {
      undetermined = true;
      reasons.push(`未填写${METRIC_LABEL[rule.metric]}（视为未知，不按 0 计算），不能按“${rule.text}”判断`);
      continue;
    }
    const meets = rule.op === 'lte' ? value <= rule.limit : value < rule.limit;
    const sign = meets ? (rule.op === 'lte' ? '≤' : '<') : rule.op === 'lte' ? '>' : '≥';
    const line = `${METRIC_LABEL[rule.metric]} ${fmt(rule.metric, value)} ${sign} ${fmt(rule.metric, rule.limit)}（${rule.text}${rule.op === 'lte' ? '，含本数' : ''}）`;
    if (meets) return { exempt: true, matched: rule, undetermined: false, reasons: [...reasons, `可不申请消防安全检查：${line}`] };
    reasons.push(`不满足免检条件：${line}`);
  }
  return { exempt: false, matched: null, undetermined, reasons };
}
