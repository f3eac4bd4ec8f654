import type { EventBus } from './platform/events/bus.ts';

/**
 * Composition of cross-feature effects: each feature's index.ts exports the subscribers it owns and they
 * are registered here, once per process (HTTP, jobs and consumers share the same bus).
 */
export function registerSubscribers(_bus: EventBus): void {}
