import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The reasons a unit's monitoring raised a check (Chinese, as the inspectors read them). */
export const TRIGGER_REASONS = jsonColumn('monitoring_check_triggers.reasons_json', Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 5 }));
