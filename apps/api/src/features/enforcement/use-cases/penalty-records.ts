import type { PenaltyRecordsQuery, PenaltyRecordsView } from '@fep/contracts';
import { chinaDateOf, findItem, fineInWan, PARTY_CATEGORY_LABELS, PENALTY_OUTCOME_LABELS, publicPartyOf, yuan } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { scopeFilter, scopeOf } from '../../../platform/org/scope.ts';
import type { Deps } from '../../../platform/transact.ts';
import { discretionFor } from '../discretion.policy.ts';
import { civilDate } from './rules.ts';

/**
 * The penalty records of the jurisdiction in the national 行政处罚 record format (ENF-07), for the credit
 * platform: the decisions published in a date range, and those withdrawn in it (a withdrawal must reach the
 * platform too, 行政处罚法 art. 48 ¶2). Field names are the 信用中国 `cf_*` codes of the national format — this
 * is a machine exchange, not a page. Amounts in 万元; a person's name and ID number masked.
 */
export async function penaltyRecords(deps: Deps, actor: Actor, query: PenaltyRecordsQuery): Promise<PenaltyRecordsView> {
  const db = deps.database.db;
  const today = chinaDateOf(deps.now());
  civilDate(query.from, 'from');
  civilDate(query.to, 'to');
  const from = `${query.from}T00:00:00+08:00`;
  const to = `${query.to}T23:59:59.999+08:00`;
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const rows = await db
    .selectFrom('enforcement_cases')
    .innerJoin('agencies', 'agencies.id', 'enforcement_cases.agency_id')
    .selectAll('enforcement_cases')
    .select('agencies.name as agency_name')
    .where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_cases.agency_path' }))
    .where('enforcement_cases.published_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('enforcement_cases.published_at', '>=', fromIso), eb('enforcement_cases.published_at', '<=', toIso)]),
        eb.and([eb('enforcement_cases.withdrawn_at', '>=', fromIso), eb('enforcement_cases.withdrawn_at', '<=', toIso)]),
      ]),
    )
    .orderBy('enforcement_cases.published_at')
    .limit(5000)
    .execute();
  const records: PenaltyRecordsView['records'] = [];
  for (const r of rows) {
    const { policy } = await discretionFor(db, r.region_code, today);
    const item = findItem(policy, r.violation_code);
    const party = publicPartyOf({ kind: r.party_kind, name: r.party_name, usci: r.party_usci, idNumber: r.party_id_number });
    const fine = r.outcome === 'fine' ? (r.fine ?? 0) : null;
    records.push({
      action: r.withdrawn_at && r.withdrawn_at >= fromIso && r.withdrawn_at <= toIso ? 'withdraw' : 'publish',
      cf_xdr_mc: party.name,
      cf_xdr_lb: PARTY_CATEGORY_LABELS[r.party_kind],
      cf_xdr_shxym: party.usci,
      cf_xdr_zjhm: party.idNumber,
      cf_wsh: r.decision_number ?? '',
      cf_wfxw: item?.conduct ?? '',
      cf_sy: r.party_kind === 'unit' ? r.facts : (item?.conduct ?? ''),
      cf_yj: item ? `${item.law}${item.provision}` : '',
      cf_cflb: PENALTY_OUTCOME_LABELS[r.outcome ?? 'warning'],
      cf_nr: fine !== null ? `罚款人民币 ${yuan(fine)} 元` : '警告',
      cf_nr_fk: fine !== null ? fineInWan(fine) : null,
      cf_jdrq: r.decided_on ?? '',
      cf_gsjzq: r.publicity_until ?? '',
      cf_cfjg: r.agency_name,
      withdrawnAt: r.withdrawn_at,
      withdrawalReason: r.withdrawn_at ? r.revocation_reason : null,
    });
  }
  return { from: query.from, to: query.to, records };
}
