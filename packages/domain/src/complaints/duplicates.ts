import { distanceMeters, type LatLng } from './geo.ts';

/**
 * Duplicate suggestions at intake (CMP-03): a report is probably the same as an earlier one when it names
 * the same unit, or when it lies within 50 m of it and came within 7 days. Only a suggestion: the clerk
 * links it, and the first report keeps its reporter (the first reporter is the one a reward goes to).
 */
export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_DAYS = 7;

export interface DuplicateFacts {
  usci: string | null;
  location: LatLng | null;
  receivedAt: string;
}

export type DuplicateReason = 'same_unit' | 'nearby';

export function duplicateReason(
  report: DuplicateFacts,
  earlier: DuplicateFacts,
  radiusM = DUPLICATE_RADIUS_M,
  windowDays = DUPLICATE_WINDOW_DAYS,
): DuplicateReason | null {
  if (report.usci && earlier.usci && report.usci.toUpperCase() === earlier.usci.toUpperCase()) return 'same_unit';
  if (!report.location || !earlier.location) return null;
  const gap = Math.abs(Date.parse(report.receivedAt) - Date.parse(earlier.receivedAt));
  if (gap > windowDays * 86_400_000) return null;
  return distanceMeters(report.location, earlier.location) <= radiusM ? 'nearby' : null;
}
