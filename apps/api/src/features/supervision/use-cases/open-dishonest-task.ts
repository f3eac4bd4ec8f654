import { chinaDateOf, type InspectionItemsPolicy } from '@fep/domain';
import type { InspectionTaskTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import type { InspectionTriggered } from '../../credit/index.ts';
import { CHECKLIST, INSPECTOR_IDS, insertTaskOnce, newInspectionTask, pickInspectors } from '../../inspections/index.ts';
import { unitByUsci } from '../supervision.repository.ts';

/**
 * CRD-02, SUP-06: a unit on the serious-dishonesty list or at a trigger credit level is inspected as a
 * non-random trigger — an inspection task of purpose `dishonest`, apart from the random draw, once per unit
 * and period (the task's unique `trigger_key`: a retried or repeated trigger inserts nothing). Two inspectors
 * are drawn as for any task (`pickInspectors`: certified, nearest agency first, no declared conflict); an
 * agency without two leaves the task unassigned in the queue for the detachment to staff. A subject not in
 * the directory has no address to inspect and gets no task.
 */
export async function openDishonestTask(deps: Deps, actor: Actor, input: InspectionTriggered): Promise<InspectionTaskTable | null> {
  return openTriggerTask(deps, actor, { purpose: 'dishonest', usci: input.usci, period: input.period, reason: input.reason });
}

/** What raises a non-random check by itself (SUP-06): a unit's credit, or its remote monitoring (MON-01). */
export interface TriggerTaskInput {
  purpose: 'dishonest' | 'monitoring_alert';
  usci: string;
  /** The period the trigger counts in (one task per unit, purpose and period). */
  period: string;
  /** Why, in Chinese, as the inspectors read it in their task queue. */
  reason: string;
}

/**
 * A task opened by a trigger rather than a draw, once per unit, purpose and period (the unique `trigger_key`),
 * staffed as `openDishonestTask` describes.
 */
export async function openTriggerTask(deps: Deps, actor: Actor, input: TriggerTaskInput): Promise<InspectionTaskTable | null> {
  // Read first: a subject outside the directory, or a task already opened for the period (a redelivered
  // event), writes nothing and needs no transaction.
  const db = deps.database.db;
  const known = await unitByUsci(db, input.usci);
  if (!known) return null;
  const key = `${input.purpose}:${known.usci}:${input.period}`;
  if (await db.selectFrom('inspection_tasks').select('id').where('trigger_key', '=', key).executeTakeFirst()) return null;
  return transact(deps, actor, async (trx, audit) => {
    const unit = (await unitByUsci(trx, known.usci)) ?? known;
    const onDate = chinaDateOf(deps.now());
    let inspectors: string[] = [];
    try {
      inspectors = await pickInspectors(trx, { agencyPath: unit.agency_path, onDate, usci: unit.usci });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
    const agency = await findAgency(trx, unit.agency_id);
    if (!agency) throw new Error(`agency ${unit.agency_id} of unit ${unit.usci} not found`);
    const [items] = await resolveForAgency(trx, agency, onDate, ['supervision.inspection_items']);
    const row = {
      ...newInspectionTask(
        {
          agency_id: unit.agency_id,
          agency_path: unit.agency_path,
          region_code: unit.region_code,
          purpose: input.purpose,
          usci: unit.usci,
          subject_name: unit.name,
          venue_address: unit.address,
          status: inspectors.length === 2 ? 'assigned' : 'unassigned',
          inspector_ids_json: INSPECTOR_IDS.encode(inspectors),
          checklist_json: CHECKLIST.encode((items!.values as InspectionItemsPolicy).items),
          policy_version: items!.versionKey,
          unit_id: unit.id,
          trigger_reason: input.reason,
        },
        deps.now().toISOString(),
      ),
      trigger_key: key,
    };
    if (!(await insertTaskOnce(trx, row))) {
      // A concurrent trigger inserted it first: the attempt is recorded, the task stays the one inserted.
      await audit({ action: 'inspection_task.create', outcome: 'failure', targetType: 'inspection_task', targetId: key, details: { reason: 'already_open' } });
      return null;
    }
    await audit({ action: 'inspection_task.create', targetType: 'inspection_task', targetId: row.id, after: row, details: { trigger: key } });
    return row;
  });
}
