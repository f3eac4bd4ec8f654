/**
 * Facts of a product check other features react to. An unqualified product in use at a crowded place
 * (人员密集场所) is a case for the fire agency against its user (消防法 art. 65 ¶2): enforcement opens a referral.
 */
export const PRODUCT_USE_UNQUALIFIED = 'products.use_unqualified';

export interface ProductUseUnqualified {
  sampleId: string;
  planId: string;
  agencyId: string;
  agencyPath: string;
  usci: string;
  subjectName: string;
  productName: string;
  findings: string;
}
