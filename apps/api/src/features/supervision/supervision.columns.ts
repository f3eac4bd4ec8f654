import { FieldRecordRequest, OrderView, PlanDrawSummary } from '@fep/contracts';
import { inspectionItemsSchema, planRatesSchema } from '@fep/domain';
import { jsonColumn } from '../../db/json.ts';

/**
 * The JSON columns of the supervision tables (`random_plans`, `hazards`, `rectification_orders`), each read
 * and written through its schema (db/json.ts).
 */

/**
 * The plan's rates and caps (SUP-04), frozen at creation: they go into the published draw input, whose
 * hash is recomputed from the file, so the column keeps its text on PostgreSQL (migration 0070).
 */
export const PLAN_RATES = jsonColumn('random_plans.rates_json', planRatesSchema);

/** The inspection items of the plan (SUP-02), the region's list in force when the plan was made. */
export const PLAN_ITEMS = jsonColumn('random_plans.items_json', inspectionItemsSchema.properties.items);

/** What the draw produced (per stratum, set aside, unstaffed), as the plan view shows it. */
export const DRAW_SUMMARY = jsonColumn('random_plans.summary_json', PlanDrawSummary);

/** The photos of a hazard (SUP-09): file ids as the field record sent them. */
export const HAZARD_PHOTOS = jsonColumn('hazards.photo_ids_json', FieldRecordRequest.properties.hazards.items.properties.photoIds);

/** The items of a rectification order (SUP-10): each hazard's description and the GB 35181 major flag. */
export const ORDER_ITEMS = jsonColumn('rectification_orders.items_json', OrderView.properties.items);
