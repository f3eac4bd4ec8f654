import type { ViolationItemView } from '@fep/contracts';
import { bandRange, circumstancesOf, type DiscretionPolicy, type PartyKind, type ViolationItem } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/**
 * The discretion benchmark in force for a place on a date: the `enforcement.discretion` policy of the
 * agency that handles the region (national defaults laid over by the corps, detachment and brigade rows).
 */
export async function discretionFor(db: Executor, regionCode: string, at: string) {
  const agency = await findAgency(db, regionCode);
  if (!agency) throw notFound('该行政区划的消防救援机构');
  const [resolved] = await resolveForAgency(db, agency, at, ['enforcement.discretion']);
  if (!resolved) throw new Error('enforcement.discretion is not a known policy kind');
  return { agency, policy: resolved.values as DiscretionPolicy, versionKey: resolved.versionKey };
}

/** An item as published: statutory ranges, the accepted circumstances and each band's fine range per party kind. */
export function presentViolationItem(policy: DiscretionPolicy, item: ViolationItem): ViolationItemView {
  const rangesOf = (band: ViolationItem['bands'][number]) => {
    const out: ViolationItemView['bands'][number]['ranges'] = {};
    for (const party of ['unit', 'person'] as PartyKind[]) {
      const statutory = item.ranges[party];
      if (statutory && !(band.warning && item.warningAllowed)) out[party] = bandRange(policy, band, statutory);
    }
    return out;
  };
  return {
    code: item.code,
    law: item.law,
    provision: item.provision,
    conduct: item.conduct,
    provisionText: item.provisionText,
    ranges: item.ranges,
    warningAllowed: item.warningAllowed ?? false,
    otherSanctions: item.otherSanctions,
    circumstances: circumstancesOf(item),
    bands: item.bands.map((b) => ({ id: b.id, label: b.label, circumstances: b.circumstances, warning: b.warning ?? false, ranges: rangesOf(b) })),
    basis: item.basis,
  };
}
