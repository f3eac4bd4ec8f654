import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of the incidents feature (FIR-01 … FIR-03), read and written through their schemas. */
export const CONDITIONS = jsonColumn(
  'incidents.conditions_json',
  Type.Object({
    factsClear: Type.Boolean(),
    noObjection: Type.Boolean(),
    noCompensationDispute: Type.Boolean(),
    casualties: Type.Integer(),
    arsonSuspected: Type.Boolean(),
    insuranceClaim: Type.Boolean(),
    directLoss: Type.Number(),
  }),
);
export const FAILING = jsonColumn('incidents.failing_json', Type.Array(Type.Object({ condition: Type.String(), message: Type.String() })));
export const INVESTIGATORS = jsonColumn('incidents.investigators_json', Type.Array(Type.String()));
export const SEALED_AREAS = jsonColumn('incidents.sealed_areas_json', Type.Array(Type.String()));
export const SEALED_PHOTOS = jsonColumn('incidents.sealed_photo_ids_json', Type.Array(Type.String()));
export const CHANGE_AREAS = jsonColumn('incident_sealing_changes.areas_json', Type.Array(Type.String()));

/** FIR-04: the accountability investigation's team and the parties examined with their findings. */
export const TEAM_MEMBERS = jsonColumn('incident_accountability.team_members_json', Type.Array(Type.String()));
export const PARTIES = jsonColumn(
  'incident_accountability.parties_json',
  Type.Array(Type.Object({ party: Type.String(), name: Type.String(), findings: Type.String() })),
);
