import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of `applications`, each read and written through its schema (db/json.ts). */

/** The applicant's materials: file ids by the guide's material code. */
const MaterialFiles = Type.Record(Type.String({ pattern: '^[a-z_]{2,40}$' }), Type.Array(Type.String()));
export const MATERIALS = jsonColumn('applications.materials_json', MaterialFiles);

/** The files of a change or reissue request of a permit, by material code. */
export const REQUEST_MATERIALS = jsonColumn('licence_requests.materials_json', MaterialFiles);

/** Material codes accepted as pending (容缺) and still owed. */
export const PENDING = jsonColumn('applications.pending_json', Type.Array(Type.String()));

/** The versionKey of every policy kind the application was judged under. */
export const POLICY_VERSIONS = jsonColumn('applications.policy_json', Type.Record(Type.String(), Type.String()));
