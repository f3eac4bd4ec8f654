import type { ClockTable } from '../../../db/schema.ts';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../transact.ts';
import { type ClockChangeInput, changeClock } from './change-clock.ts';

/** Pauses a clock while the applicant corrects the materials (补正; 行政许可法第三十二条: the time limit counts from receipt of the complete materials). */
export async function pauseClock(deps: Deps, actor: Actor, input: ClockChangeInput): Promise<ClockTable> {
  return changeClock(deps, actor, 'pause', input);
}
