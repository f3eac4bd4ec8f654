import { chinaDateOf, type InspectionItemsPolicy, inScope } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { CHECKLIST, INSPECTOR_IDS, insertTask, newInspectionTask, pickInspectors } from '../../inspections/index.ts';
import { unitByUsci } from '../supervision.repository.ts';

export interface TriggeredTaskInput {
  usci: string;
  trigger: 'complaint' | 'superior_order' | 'dishonest';
  reason: string;
  inspectorIds: string[];
}

/**
 * SUP-06: tasks from complaints, superiors' orders and seriously dishonest units, apart from random plans.
 * The two inspectors are checked by inspections' `pickInspectors`: certified, of the unit's agency or one
 * above it (never a neighbouring jurisdiction's), free of declared conflict with the unit.
 */
export async function createTriggeredTask(deps: Deps, actor: Actor, input: TriggeredTaskInput) {
  return transact(deps, actor, async (trx, audit) => {
    const unit = await unitByUsci(trx, input.usci.toUpperCase());
    const missing = () => new AppError('RESOURCE.NOT_FOUND', '辖区内没有该统一社会信用代码的单位');
    if (!unit) throw missing();
    // Another jurisdiction's unit: the same answer as none, recorded as a refusal (等保 8.1.4.3).
    if (actor.kind !== 'staff' || !inScope(actor.scope, { agencyPath: unit.agency_path }))
      throw missing().refused({ reason: 'out_of_scope', target: { type: 'unit', id: unit.id } });
    const onDate = chinaDateOf(deps.now());
    const inspectors = await pickInspectors(trx, { agencyPath: unit.agency_path, onDate, named: input.inspectorIds, usci: unit.usci });
    const agency = await findAgency(trx, unit.agency_id);
    if (!agency) throw new Error(`agency ${unit.agency_id} of unit ${unit.usci} not found`);
    const [items] = await resolveForAgency(trx, agency, onDate, ['supervision.inspection_items']);
    const row = newInspectionTask(
      {
        agency_id: unit.agency_id,
        agency_path: unit.agency_path,
        region_code: unit.region_code,
        purpose: input.trigger,
        usci: unit.usci,
        subject_name: unit.name,
        venue_address: unit.address,
        status: 'assigned',
        inspector_ids_json: INSPECTOR_IDS.encode(inspectors),
        checklist_json: CHECKLIST.encode((items!.values as InspectionItemsPolicy).items),
        policy_version: items!.versionKey,
        unit_id: unit.id,
        trigger_reason: input.reason,
      },
      deps.now().toISOString(),
    );
    await insertTask(trx, row);
    await audit({ action: 'inspection_task.create', targetType: 'inspection_task', targetId: row.id, after: row });
    return row;
  });
}
