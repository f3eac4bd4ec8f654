import type { Selectable } from 'kysely';

// Fire products under supervision (MKT-02). Conventions: see ../schema.ts.

export interface ProductCheckPlanTable {
  id: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  title: string;
  field: 'production' | 'distribution' | 'use';
  categories_json: string;
  sample_count: number;
  /** The candidates as entered (usci, name, crowded place), sorted by USCI. */
  candidates_json: string;
  /** published: inputs frozen and public, public value not yet known; drawn: samples created. */
  status: 'published' | 'drawn';
  public_value_source: string;
  /** The published draw input (FEP-DRAW-INPUT v1 text) and its SM3. */
  inputs_text: string;
  inputs_hash: string;
  public_value: string | null;
  seed: string | null;
  created_by: string | null;
  published_at: string;
  drawn_at: string | null;
  version: number;
}
export type ProductCheckPlan = Selectable<ProductCheckPlanTable>;

export interface ProductCheckSampleTable {
  id: string;
  plan_id: string;
  agency_id: string;
  agency_path: string;
  usci: string;
  holder_name: string;
  crowded_place: number;
  status: 'pending' | 'qualified' | 'unqualified';
  category_code: string | null;
  product_name: string | null;
  model: string | null;
  manufacturer: string | null;
  certificate_no: string | null;
  findings_json: string;
  findings_note: string | null;
  result_by: string | null;
  result_at: string | null;
  version: number;
  created_at: string;
}
export type ProductCheckSample = Selectable<ProductCheckSampleTable>;

export interface ProductMarketReferralTable {
  id: string;
  sample_id: string;
  plan_id: string;
  agency_id: string;
  agency_path: string;
  /** transfer: 移送 (a producer or seller); notify: 通报 (found in use, 消防法 art. 65 ¶2). */
  kind: 'transfer' | 'notify';
  usci: string;
  subject_name: string;
  product_name: string;
  manufacturer: string;
  reason: string;
  status: 'pending' | 'sent' | 'replied';
  sent_at: string | null;
  reply_note: string | null;
  replied_at: string | null;
  version: number;
  created_at: string;
}
export type ProductMarketReferral = Selectable<ProductMarketReferralTable>;

export interface ProductsTables {
  product_check_plans: ProductCheckPlanTable;
  product_check_samples: ProductCheckSampleTable;
  product_market_referrals: ProductMarketReferralTable;
}
