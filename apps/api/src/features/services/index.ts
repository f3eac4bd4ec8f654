/** Service guides' public surface for other features. */
export { buildGuides, type ServiceGuide } from './guides.ts';
export { getServiceGuides } from './use-cases/get-service-guides.ts';
