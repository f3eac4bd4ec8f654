import type { InspectionTaskTable } from '../../db/schema.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { INSPECTOR_IDS } from './inspections.columns.ts';

/**
 * A new inspection task (opening check, commitment verification, random, complaint, superior order,
 * dishonest unit, re-inspection): what every kind has in common, with the rest left empty.
 */
export function newInspectionTask(
  t: Pick<InspectionTaskTable, 'agency_id' | 'agency_path' | 'region_code' | 'purpose' | 'usci' | 'subject_name' | 'venue_address' | 'status'> &
    Partial<InspectionTaskTable>,
  nowIso: string,
): InspectionTaskTable {
  return {
    id: uuidv7(),
    application_id: null,
    licence_id: null,
    inspector_ids_json: INSPECTOR_IDS.encode([]),
    appointment_at: null,
    off_hours: 0,
    checklist_json: null,
    result: null,
    findings: null,
    clock_id: null,
    policy_version: null,
    completed_at: null,
    created_at: nowIso,
    updated_at: nowIso,
    plan_id: null,
    unit_id: null,
    trigger_reason: null,
    mode: null,
    signatures_json: null,
    draft_json: null,
    order_id: null,
    trigger_key: null,
    version: 0,
    ...t,
  };
}
