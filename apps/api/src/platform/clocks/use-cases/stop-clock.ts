import type { ClockTable } from '../../../db/schema.ts';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../transact.ts';
import { type ClockChangeInput, changeClock } from './change-clock.ts';

/** Stops a clock: the matter is decided or closed. */
export async function stopClock(deps: Deps, actor: Actor, input: ClockChangeInput): Promise<ClockTable> {
  return changeClock(deps, actor, 'stop', input);
}
