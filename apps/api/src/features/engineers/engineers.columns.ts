import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON column of `engineer_registrations` (LIC-12): the uploaded material file ids. */
export const MATERIALS = jsonColumn('engineer_registrations.materials_json', Type.Array(Type.String()));
