import type { Actor } from '../../../platform/actor.ts';
import { transact } from '../../../platform/transact.ts';
import { CHECKLIST, newInspectionTask } from '../../inspections/index.ts';
import { transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { type AssignInput, assignInspection } from '../inspection-assignment.ts';

/** LIC-11: assigns (or re-assigns) the opening check of an accepted application. */
export async function assignOpeningCheck(deps: LicensingDeps, actor: Actor, input: { id: string } & AssignInput) {
  const repo = applicationsOf(deps);
  const { id } = input;
  const row = await repo.load(deps, actor, id);
  const policy = await repo.policy(deps.database.db, row.agency_id, deps.now());
  return transact(deps, actor, async (trx, audit) => {
    const current = await repo.reload(trx, id);
    const status = transition(current, 'assign_inspection');
    const nowIso = deps.now().toISOString();
    // The application's version is the lock of the step: a concurrent second assignment gets 409 here.
    const next = await repo.update(trx, current, { status }, nowIso);
    let task = await repo.openingCheck(trx, id);
    if (!task) {
      task = newInspectionTask(
        {
          agency_id: current.agency_id,
          agency_path: current.agency_path,
          region_code: current.region_code,
          purpose: 'opening_check',
          application_id: id,
          usci: current.usci,
          subject_name: `${current.company_name}（${current.venue_name}）`,
          venue_address: current.venue_address,
          status: 'unassigned',
          checklist_json: CHECKLIST.encode(policy.checkItems.items),
          clock_id: current.clock_id,
          policy_version: policy.versions['licensing.check_items'] ?? null,
        },
        nowIso,
      );
      await repo.insertTask(trx, task);
      await audit({ action: 'inspection_task.create', targetType: 'inspection_task', targetId: task.id, after: task, policyVersion: task.policy_version });
    }
    const assigned = await assignInspection(trx, deps, task, input);
    await audit({ action: 'application.assign', targetType: 'application', targetId: id, before: current, after: next, details: { task: task.id } });
    await audit({ action: 'inspection_task.assign', targetType: 'inspection_task', targetId: task.id, before: task, after: assigned });
    return { application: next, task: assigned };
  });
}
