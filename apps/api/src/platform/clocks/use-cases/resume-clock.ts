import type { ClockTable } from '../../../db/schema.ts';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../transact.ts';
import { type ClockChangeInput, changeClock } from './change-clock.ts';

/** Resumes a paused clock once the applicant has corrected the materials. */
export async function resumeClock(deps: Deps, actor: Actor, input: ClockChangeInput): Promise<ClockTable> {
  return changeClock(deps, actor, 'resume', input);
}
