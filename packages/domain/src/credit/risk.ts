import type { RiskModelPolicy } from '../policy/kinds.ts';
import type { CreditLevel, RiskLevel } from '../supervision/draw.ts';

/**
 * The risk score of a unit (CRD-04, SUP-04): the sum of the points of its factors under the
 * `credit.risk_model` policy, and the level from the policy's thresholds. Every factor is returned with
 * its points, so staff see why a unit is risky (the top factors), not only a number.
 */
export interface RiskFacts {
  venueKind: string | null;
  floorArea: number | null;
  keyUnit: boolean;
  /** Hazards ordered and not yet fixed, and among them the major ones (GB 35181). */
  openHazards: number;
  majorHazards: number;
  /** Penalties decided in the last 24 months. */
  penalties: number;
  fireInTwoYears: boolean;
  creditLevel: CreditLevel;
  /**
   * Remote monitoring (MON-01) within the policy's window: fire alarms (real or false — either says the place
   * or its system needs a look), faults and supervisory alarms of its devices, and devices offline now.
   * Absent for a unit without connected devices.
   */
  monitoring?: { fireAlarms: number; faults: number; offlineDevices: number } | undefined;
}

export type RiskFactor = 'venue' | 'area' | 'key_unit' | 'hazards' | 'major_hazards' | 'penalties' | 'fire' | 'credit' | 'monitoring';

export interface RiskScore {
  score: number;
  level: RiskLevel;
  /** Factors with points > 0, largest first. */
  factors: { factor: RiskFactor; points: number }[];
}

export function riskScore(f: RiskFacts, m: RiskModelPolicy): RiskScore {
  const parts: [RiskFactor, number][] = [
    ['venue', f.venueKind ? ((m.venue as Record<string, number>)[f.venueKind] ?? m.otherVenue) : 0],
    ['area', Math.min(m.areaCap, ((f.floorArea ?? 0) / 1000) * m.per1000SquareMetres)],
    ['key_unit', f.keyUnit ? m.keyUnit : 0],
    ['hazards', f.openHazards * m.perHazard],
    ['major_hazards', f.majorHazards * m.perMajorHazard],
    ['penalties', f.penalties * m.perPenalty],
    ['fire', f.fireInTwoYears ? m.fireInTwoYears : 0],
    ['credit', m.credit[f.creditLevel]],
    ['monitoring', monitoringPoints(f.monitoring, m)],
  ];
  const factors = parts
    .map(([factor, points]) => ({ factor, points: Math.round(points * 10) / 10 }))
    .filter((x) => x.points > 0)
    .sort((a, b) => b.points - a.points || (a.factor < b.factor ? -1 : 1));
  const score = Math.round(factors.reduce((s, x) => s + x.points, 0) * 10) / 10;
  const level: RiskLevel = score >= m.thresholds.high ? 'high' : score >= m.thresholds.medium ? 'medium' : 'low';
  return { score, level, factors };
}

/** The remote-monitoring points of a unit: its alarms, faults and offline devices, capped by the policy. */
function monitoringPoints(x: RiskFacts['monitoring'], m: RiskModelPolicy): number {
  if (!x) return 0;
  const raw = x.fireAlarms * m.monitoring.perFireAlarm + x.faults * m.monitoring.perFault + x.offlineDevices * m.monitoring.perOfflineDevice;
  return Math.min(m.monitoring.cap, raw);
}
