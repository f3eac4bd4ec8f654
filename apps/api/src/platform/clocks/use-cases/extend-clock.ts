import type { ClockTable } from '../../../db/schema.ts';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../transact.ts';
import { type ClockChangeInput, changeClock } from './change-clock.ts';

/** Extends a clock by an approved number of units (行政许可法第四十二条: with the approval of the head of the agency). */
export async function extendClock(deps: Deps, actor: Actor, input: ClockChangeInput): Promise<ClockTable> {
  return changeClock(deps, actor, 'extend', input);
}
