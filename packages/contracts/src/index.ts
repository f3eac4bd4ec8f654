/**
 * Request/response contracts shared by the API (validation, serialisation, OpenAPI) and the web client.
 */
export * from './audit.ts';
export * from './calendar.ts';
export * from './clocks.ts';
export * from './common.ts';
export * from './complaints.ts';
export * from './credit.ts';
export * from './dashboard.ts';
export * from './enforcement.ts';
export * from './engineers.ts';
export * from './iam.ts';
export * from './incidents.ts';
export * from './licensing.ts';
export * from './lists.ts';
export * from './map.ts';
export * from './market.ts';
export * from './monitoring.ts';
export * from './notifications.ts';
export * from './org.ts';
export * from './oversight.ts';
export * from './partners.ts';
export * from './platform.ts';
export * from './policy.ts';
export * from './products.ts';
export * from './services.ts';
export * from './supervision.ts';
export * from './training.ts';
export * from './units.ts';
