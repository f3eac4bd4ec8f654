import { creditSubscribers } from './features/credit/index.ts';
import { enforcementSubscribers } from './features/enforcement/index.ts';
import type { EventBus } from './platform/events/bus.ts';

/**
 * Composition of cross-feature effects: each feature's index.ts exports the subscribers it owns and they
 * are registered here, once per process (HTTP, jobs and consumers share the same bus).
 */
export function registerSubscribers(bus: EventBus): void {
  for (const s of [...enforcementSubscribers, ...creditSubscribers]) bus.subscribe(s);
}
