/**
 * Fire products under supervision (MKT-02): product categories with the compulsory certification flag, spot-check
 * plans in production, distribution and use drawn through the verifiable units draw, results per sampled product,
 * referrals to market regulation, and the public page. The one feature that writes `product_check_plans`,
 * `product_check_samples` and `product_market_referrals`; enforcement reacts to PRODUCT_USE_UNQUALIFIED.
 */
export * from './events.ts';
export { productRoutes } from './products.routes.ts';
