import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { NATIONAL_REGION } from './calendar.repository.ts';

/** The code prefix shared by a region and everything under it ('' for the whole country). */
export function regionPrefix(region: string): string {
  if (region === NATIONAL_REGION) return '';
  return region.endsWith('0000') ? region.slice(0, 2) : region.endsWith('00') ? region.slice(0, 4) : region;
}

/** An administrator edits the calendar of the regions their agency covers; the national one needs a national administrator. */
export function assertMayEditRegion(actor: Actor, region: string): void {
  if (actor.national) return;
  const prefix = regionPrefix(actor.regionCode ?? NATIONAL_REGION);
  if (region === NATIONAL_REGION || !prefix || !region.startsWith(prefix)) {
    throw new AppError('AUTH.FORBIDDEN', region === NATIONAL_REGION ? '全国节假日安排只能由国家级管理员维护' : '只能维护本辖区的工作日历', { region }).refused({
      reason: 'out_of_scope',
      target: { type: 'calendar', id: region },
    });
  }
}
