import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of the products feature (MKT-02), read and written through their schemas. */
export const CATEGORIES = jsonColumn('product_check_plans.categories_json', Type.Array(Type.String()));
export const CANDIDATES = jsonColumn(
  'product_check_plans.candidates_json',
  Type.Array(Type.Object({ usci: Type.String(), name: Type.String(), crowdedPlace: Type.Boolean() })),
);
export const FINDINGS = jsonColumn('product_check_samples.findings_json', Type.Array(Type.String()));
